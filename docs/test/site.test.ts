import type { Server } from 'node:http';
// The test kit's launcher: Debian's Chromium (CHROMIUM_PATH), headless, without background networking.
import { launchChromium } from '@didit-kit/test-kit/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltSite, serveSite } from './support/site.ts';

// The built site in a real Chromium: the main pages render their content (VitePress hydrates them
// without an error), the sidebar leads between them, and the local search finds a troubleshooting
// entry and opens it.

let browser: Browser;
let site: { url: string; server: Server };

beforeAll(async () => {
  requireBuiltSite();
  [browser, site] = await Promise.all([launchChromium(), serveSite()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.server.close(resolve));
});

/** Opens `path`, failing on a page error or a failed request of the site's own. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(site.url) && response.status() >= 400) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  return { page, problems };
}

const MAIN_PAGES = [
  ['/', 'didit-kit'],
  ['/guide/', 'Quick start'],
  ['/guide/nextjs', 'Quick start: Next.js (App Router)'],
  ['/guide/how-it-fits', 'How the pieces fit'],
  ['/guide/realtime', 'Realtime and production'],
  ['/guide/troubleshooting', 'Troubleshooting'],
  ['/guide/upgrading', 'Upgrading from the v1 release'],
  ['/reference/', 'API reference'],
] as const;

describe('the docs site in Chromium', () => {
  it.each(MAIN_PAGES)(
    '%s shows "%s"',
    async (path, heading) => {
      const { page, problems } = await open(path);
      try {
        const title = path === '/' ? page.locator('.VPHero .name') : page.locator('.vp-doc h1').first();
        await expect.poll(() => title.textContent(), { timeout: 15_000 }).toContain(heading);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('the sidebar leads from the quick start to the proxy guide', async () => {
    const { page, problems } = await open('/guide/');
    try {
      await page.locator('.VPSidebar').getByRole('link', { name: 'Server-side proxy' }).click();
      await page.waitForURL(`${site.url}/guide/proxy`);
      await expect.poll(() => page.locator('.vp-doc h1').first().textContent()).toContain('Server-side proxy');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('the search finds a configuration error and opens its fix', async () => {
    const { page, problems } = await open('/guide/');
    try {
      await page.locator('.VPNavBarSearch button').click();
      const input = page.locator('.VPLocalSearchBox input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill('didit_not_configured');
      const first = page.locator('.VPLocalSearchBox .result').first();
      await first.waitFor({ timeout: 15_000 });
      expect(await page.locator('.VPLocalSearchBox .results').textContent()).toContain('Troubleshooting');
      await page.locator('.VPLocalSearchBox .result', { hasText: 'Troubleshooting' }).first().click();
      await page.waitForURL((url) => url.pathname === '/guide/troubleshooting', { timeout: 15_000 });
      await expect.poll(() => page.locator('.vp-doc').textContent()).toContain('didit_not_configured');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
