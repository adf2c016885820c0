import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET, FIXTURE_SESSION_IDS, V3_FIXTURE_IDS } from '@didit-kit/mock-server';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '@didit-kit/test-kit/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/start-demo-server.ts';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(demoDir, 'dist');
const resultsDir = join(demoDir, 'test-results');
const SEED_ID = FIXTURE_SESSION_IDS.declinedAml;

/** With DEMO_API_VERSION=v1: the v1 flows, the seed's decision view, the v1 admin routes. */
let demo: DemoServer;
/** The default: v3 sessions, v3 hosted page, the gallery's v3 outcomes beside the seed. */
let demoV3: DemoServer;
let browser: Browser;
let context: BrowserContext;
/** Every access token the mock issued to the demo's server during the run. */
const issuedTokens = new Set<string>();
/** Every text body the browser received. */
const receivedBodies: string[] = [];

/** The server client's fetch: plain fetch, noting each token the mock issues. */
async function observingFetch(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (new URL(request.url).pathname === '/auth/v2/token/' && response.ok) {
    const body = (await response.clone().json()) as { access_token?: unknown };
    if (typeof body.access_token === 'string') issuedTokens.add(body.access_token);
  }
  return response;
}

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/json|html|javascript|text/.test(type)) return;
    try {
      receivedBodies.push(await response.text());
    } catch {
      // a redirect or an aborted response has no body
    }
  });
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
}

function decision(page: Page) {
  return page.locator('article.decision');
}

/** Home → Verify identity → the mock's hosted page → an outcome → back on /callback. Returns the session id. */
async function verifyWith(page: Page, outcome: string | RegExp, shotPrefix: string): Promise<string> {
  await page.goto(demo.url);
  await page.getByRole('heading', { level: 1, name: 'Identity verification, end to end' }).waitFor();
  if (shotPrefix === 'approved') await screenshot(page, 'home');
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${demo.mock?.url}/session/`));
  if (shotPrefix === 'approved') await screenshot(page, 'hosted-page');
  await page.getByRole('button', { name: outcome }).click();
  await page.waitForURL((url) => url.href.startsWith(`${demo.url}/callback?`));
  const sessionId = new URL(page.url()).searchParams.get('verificationSessionId');
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
  await page.locator('[data-live="final"]').waitFor();
  await screenshot(page, `callback-${shotPrefix}`);
  return sessionId ?? '';
}

/** The browser's requests for the web SDK's chunk (Vite splits the dynamic import off). */
function sdkRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (/didit-sdk/.test(request.url())) seen.push(request.url());
  });
  return seen;
}

/**
 * Home → "In this page" → Verify identity → the mock's page inside the iframe (Didit's web SDK) →
 * an outcome → the page's didit:completed → the result page. Returns the session id.
 */
async function verifyEmbedded(page: Page, outcome: string | RegExp): Promise<string> {
  await page.goto(demo.url);
  await page.getByRole('radio', { name: /In this page/ }).check();
  await page.getByRole('button', { name: 'Verify identity' }).click();
  const frame = page.frameLocator('.embedded-verification iframe');
  await frame.getByRole('button', { name: outcome }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/sessions/'));
  const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
  await page.locator('[data-live="final"]').waitFor();
  return sessionId;
}

beforeAll(async () => {
  if (!hasChromium()) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  mkdirSync(resultsDir, { recursive: true });
  // The browser assets under test are built here, from the current source, exactly as `pnpm build` does.
  // `pnpm run build` of this package (vite build && tsdown), as turbo runs it; NODE_ENV=production
  // because vitest's NODE_ENV=test would give React's development build.
  const buildDemo = () =>
    promisify(execFile)('pnpm', ['run', 'build'], { cwd: demoDir, env: { ...process.env, NODE_ENV: 'production' } });
  // Once more after a pause: a package's own `tsdown` (clean: true) may be rewriting its dist/ right now.
  await buildDemo().catch(() => new Promise((resolve) => setTimeout(resolve, 3_000)).then(buildDemo));
  demo = await startDemoServer({ port: 0, fetch: observingFetch, apiVersion: 'v1' });
  demoV3 = await startDemoServer({ port: 0, fetch: observingFetch });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // Decision images point at example.com: keep the browser on this machine, deterministically.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await demo?.close();
  await demoV3?.close();
});

describe('the demo in Chromium', () => {
  it('Approved: Verify identity, hosted page, back on /callback, the final Approved decision renders', async () => {
    const page = await newPage();
    const sessionId = await verifyWith(page, 'Approved', 'approved');
    const view = decision(page);
    await expect.poll(() => view.getAttribute('data-status')).toBe('Approved');
    expect(await view.getAttribute('data-session-id')).toBe(sessionId);
    expect(await view.getAttribute('data-terminal')).toBe('true');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Final decision' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /Identity document \(KYC\)/ }).count()).toBe(1);
    expect(await page.locator('#aml').textContent()).toContain('No matches on any watchlist.');
    await page.close();
  });

  it('Declined: the AML hit renders with its score, datasets and properties', async () => {
    const page = await newPage();
    await verifyWith(page, 'Declined: possible AML match', 'declined');
    const view = decision(page);
    expect(await view.getAttribute('data-status')).toBe('Declined');
    const hit = page.getByRole('article', { name: /Kozlov Sergey Alexandrovich/ });
    await hit.waitFor();
    const text = (await hit.textContent()) ?? '';
    expect(text).toContain('70.35 %');
    expect(text).toContain('ru_acf_bribetakers');
    expect(text).toContain('Козлов Сергей Александрович');
    expect(text).toContain('Organizers of political repressions');
    expect(await hit.getByRole('table').first().getByRole('rowheader', { name: 'Alias' }).count()).toBe(1);
    expect(await page.locator('#warnings').textContent()).toContain('POSSIBLE_MATCH_FOUND');
    expect(await page.getByRole('img', { name: 'Portrait of Sergey Kozlov from the document' }).count()).toBe(1);
    await page.close();
  });

  it('Redirect never downloads the web SDK', async () => {
    const page = await newPage();
    const sdk = sdkRequests(page);
    await verifyWith(page, 'Approved', 'redirect-no-sdk');
    expect(sdk).toEqual([]);
    await page.close();
  });

  it('Embedded, Approved: the mock’s page in an iframe, its didit:completed, then the final decision', async () => {
    const page = await newPage();
    const sdk = sdkRequests(page);
    const sessionId = await verifyEmbedded(page, 'Approved');
    expect(sdk.length).toBeGreaterThan(0);
    const view = decision(page);
    await expect.poll(() => view.getAttribute('data-status')).toBe('Approved');
    expect(await view.getAttribute('data-session-id')).toBe(sessionId);
    // The iframe is gone with the component: the SDK was cleaned up on navigation.
    expect(await page.locator('iframe').count()).toBe(0);
    await screenshot(page, 'embedded-approved');
    await page.close();
  });

  it('Embedded, Declined: the AML decision renders after the embedded flow', async () => {
    const page = await newPage();
    await verifyEmbedded(page, 'Declined: possible AML match');
    const view = decision(page);
    await expect.poll(() => view.getAttribute('data-status')).toBe('Declined');
    await page.getByRole('article', { name: /Kozlov Sergey Alexandrovich/ }).waitFor();
    await page.close();
  });

  it('the gallery lists every fixture, the seed first, and shows each through the same view', async () => {
    const page = await newPage();
    await page.goto(`${demo.url}/gallery`);
    const links = page.getByRole('navigation', { name: 'Fixture sessions' }).getByRole('link');
    await links.first().waitFor();
    const ids = Object.values(FIXTURE_SESSION_IDS);
    expect(await links.count()).toBe(ids.length);
    expect(await links.first().getAttribute('href')).toBe(`/gallery/${SEED_ID}`);
    await decision(page).waitFor();
    expect(await decision(page).getAttribute('data-session-id')).toBe(SEED_ID);
    await screenshot(page, 'gallery-seed');
    if (process.env.DEMO_SCREENSHOT) {
      // `pnpm --filter demo screenshot`: the README's picture, from the real app.
      await page.setViewportSize({ width: 1200, height: 1500 });
      await page.screenshot({ path: join(demoDir, 'docs/screenshot.png') });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    for (let i = 0; i < ids.length; i++) {
      const link = links.nth(i);
      const href = (await link.getAttribute('href')) ?? '';
      await link.click();
      const id = href.replace('/gallery/', '');
      await page.locator(`article.decision[data-session-id="${id}"]`).waitFor();
      expect(await link.getAttribute('aria-current')).toBe('page');
    }
    expect(new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))).toEqual(
      new Set(ids.map((id) => `/gallery/${id}`)),
    );
    await page.close();
  });

  it('Download PDF saves a valid PDF report of the session', async () => {
    const page = await newPage();
    await page.goto(`${demo.url}/sessions/${SEED_ID}`);
    await decision(page).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download PDF/ }).click(),
    ]);
    const file = join(resultsDir, `session_${SEED_ID}.pdf`);
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(`session_${SEED_ID}.pdf`);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+[1-9]/);
    await page.close();
  });

  it('follows a session as its status changes, until it is final', async () => {
    const page = await newPage();
    await page.goto(demo.url);
    const created = await page.evaluate(async () => {
      // What "Verify identity" (useCreateSession) sends.
      const response = await fetch('/api/didit/v1/session/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return (await response.json()) as Record<string, unknown>;
    });
    expect(String(created.url)).toMatch(new RegExp(`^${demo.mock?.url}/session/`));
    const id = String(created.session_id);
    const setStatus = async (body: object) => {
      const response = await fetch(`${demo.mock?.url}/__mock/sessions/${id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    };

    await page.goto(`${demo.url}/callback?verificationSessionId=${id}&status=Not%20Started`);
    await page.locator('[data-live="polling"]').waitFor();
    expect(await decision(page).getAttribute('data-status')).toBe('Not Started');
    await screenshot(page, 'polling-not-started');
    await setStatus({ status: 'In Progress' });
    await page.locator('article.decision[data-status="In Progress"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('polling');
    await setStatus({ outcome: 'declined-aml' });
    await page.locator('article.decision[data-status="Declined"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-live="final"]').waitFor();
    await page.close();
  });

  it('an unknown session, looked up with the keyboard, shows the not-found state', async () => {
    const page = await newPage();
    await page.goto(demo.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.getByLabel('Session ID').fill('00000000-0000-4000-8000-00000000dead');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${demo.url}/sessions/00000000-0000-4000-8000-00000000dead`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-state')).toBe('not-found');
    expect(await alert.textContent()).toContain('Session not found');
    await screenshot(page, 'not-found');
    await page.close();
  });

  it('with the mock server stopped, a session shows the network-failure state', async () => {
    // A server of its own: the main one's proxy may still hold cached decisions.
    const stopped = await startDemoServer({ port: 0 });
    try {
      await stopped.mock?.close();
      const page = await newPage();
      await page.goto(`${stopped.url}/sessions/${SEED_ID}`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.getAttribute('data-state')).toBe('network');
      expect(await alert.getByRole('heading').textContent()).toBe('Network failure');
      expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
      await screenshot(page, 'network-failure');
      await page.close();
    } finally {
      await stopped.close();
    }
  });

  it('a status this version does not know is shown as sent, with a notice, and still polled', async () => {
    // A user fixture (the mock accepts any status string, as the SDK does) on a server of its own.
    const fixtures = mkdtempSync(join(tmpdir(), 'demo-fixtures-'));
    const seed = JSON.parse(
      readFileSync(join(demoDir, '../../packages/mock-server/fixtures/decision.declined-aml.json'), 'utf8'),
    );
    const id = 'd1d17000-0000-4000-8000-0000000000ff';
    writeFileSync(
      join(fixtures, 'unknown-status.json'),
      JSON.stringify({ ...seed, session_id: id, status: 'Pending Second Look' }),
    );
    const other = await startDemoServer({ port: 0, apiVersion: 'v1', mockOptions: { fixturesDir: fixtures } });
    try {
      const page = await newPage();
      await page.goto(`${other.url}/sessions/${id}`);
      const notice = page.getByRole('status').filter({ hasText: 'a status this demo does not know' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Pending Second Look');
      expect(await page.locator('[data-live]').getAttribute('data-live')).toBe('polling');
      await screenshot(page, 'unknown-status');
      await page.close();
    } finally {
      await other.close();
    }
  });

  it('the start script (what `pnpm demo` runs) prints the URL, serves the app, and stops on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    for (const name of ['DIDIT_CLIENT_ID', 'DIDIT_CLIENT_SECRET', 'DIDIT_BASE_URL', 'DIDIT_AUTH_URL', 'HOST']) {
      delete env[name];
    }
    const child = spawn(process.execPath, [join(demoDir, 'dist-server/start.mjs')], { env, stdio: 'pipe' });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; output: ${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /didit-kit demo: +(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}; output: ${output}`)));
      });
      expect(output).toContain('the mock server at http://127.0.0.1:');
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root">');
      expect(await (await fetch(`${url}/api/info`)).json()).toEqual({ mode: 'mock', apiVersion: 'v3', realtime: true });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the built browser assets contain no undici and no secret', () => {
    expect(issuedTokens.size).toBeGreaterThan(0);
    const files = listFiles(distDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      expect(text, file).not.toMatch(/undici/i);
      expect(text, file).not.toContain(DEFAULT_CLIENT_SECRET);
      for (const token of issuedTokens) expect(text, file).not.toContain(token);
    }
  });

  it('nothing the browser received carries the client secret or an access token', () => {
    expect(receivedBodies.length).toBeGreaterThan(10);
    for (const body of receivedBodies) {
      expect(body).not.toContain(DEFAULT_CLIENT_SECRET);
      expect(body).not.toContain(DEFAULT_API_KEY);
      for (const token of issuedTokens) expect(body).not.toContain(token);
    }
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** v3: Verify identity (redirect or embedded) → the mock's v3 page → a scenario button → the decision. */
async function verifyV3(page: Page, button: string | RegExp, flow: 'redirect' | 'embedded'): Promise<string> {
  await page.goto(demoV3.url);
  await page.locator('[data-api-version="v3"]').waitFor();
  if (flow === 'embedded') await page.getByRole('radio', { name: /In this page/ }).check();
  await page.getByRole('button', { name: 'Verify identity' }).click();
  if (flow === 'embedded') {
    await page.frameLocator('.embedded-verification iframe').getByRole('button', { name: button }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/sessions/'));
  } else {
    await page.waitForURL((url) => url.href.startsWith(`${demoV3.mock?.url}/session/`));
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL((url) => url.href.startsWith(`${demoV3.url}/callback?`));
  }
  await page.locator('[data-live="final"]').waitFor();
  const view = page.locator('article.decision[data-api-version="v3"]');
  const sessionId = (await view.getAttribute('data-session-id')) ?? '';
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
  return sessionId;
}

describe('the demo in Chromium, v3 (the default)', () => {
  it.each([
    ['redirect', 'Finish verification', 'Approved'],
    ['redirect', 'Declined: decline_face_match_low_similarity', 'Declined'],
    ['embedded', 'Approved: approve', 'Approved'],
    ['embedded', 'Declined: decline_document_expired', 'Declined'],
  ] as const)('%s flow, "%s": the final v3 decision is %s', async (flow, button, status) => {
    const page = await newPage();
    await verifyV3(page, button, flow);
    const view = page.locator('article.decision');
    expect(await view.getAttribute('data-status')).toBe(status);
    expect(await view.getAttribute('data-terminal')).toBe('true');
    if (status === 'Declined') expect(await page.locator('#warnings').textContent()).not.toContain('No warnings');
    await screenshot(page, `v3-${flow}-${status.toLowerCase()}`);
    await page.close();
  });

  it('realtime: a status change reaches the page through the webhook and the event stream, with no decision poll', async () => {
    const page = await newPage();
    await page.goto(demoV3.url);
    const created = await page.evaluate(async () => {
      const response = await fetch('/api/didit/v3/session/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return (await response.json()) as Record<string, unknown>;
    });
    const id = String(created.session_id);
    const decisionRequests: string[] = [];
    const streamRequests: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === `/api/didit/v3/session/${id}/decision/`) decisionRequests.push(path);
      if (path === `/api/didit/v3/session/${id}/events/`) streamRequests.push(path);
    });
    const advance = async () => {
      // What the user finishing the hosted page does at the mock; its webhook then reaches the demo.
      const response = await fetch(`${demoV3.mock?.url}/__mock/v3/sessions/${id}/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(200);
    };

    await page.goto(`${demoV3.url}/sessions/${id}`);
    await page.locator('article.decision[data-status="Not Started"]').waitFor();
    await page.locator('[data-updates="live"]').waitFor();
    await screenshot(page, 'realtime-live');
    const polledBefore = decisionRequests.length;
    await advance();
    // No decision request while the page changes (counted below): only the stream can have brought it.
    await page.locator('article.decision[data-status="In Progress"]').waitFor({ timeout: 10_000 });
    await advance();
    await page.locator('article.decision[data-status="Approved"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-live="final"]').waitFor();
    expect(decisionRequests.length - polledBefore).toBe(0);
    expect(streamRequests.length).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('the gallery shows the v3 outcomes beside the seed’s v1 Declined/AML decision', async () => {
    const page = await newPage();
    await page.goto(`${demoV3.url}/gallery`);
    const links = page.getByRole('navigation', { name: 'Fixture sessions' }).getByRole('link');
    await links.first().waitFor();
    expect(await links.count()).toBe(1 + Object.values(V3_FIXTURE_IDS).length);
    expect(await links.first().getAttribute('href')).toBe(`/gallery/${SEED_ID}`);
    await page.getByRole('article', { name: /Kozlov Sergey Alexandrovich/ }).waitFor();
    await page.goto(`${demoV3.url}/gallery/${V3_FIXTURE_IDS.declinedFaceMatch}`);
    const view = page.locator(
      `article.decision[data-api-version="v3"][data-session-id="${V3_FIXTURE_IDS.declinedFaceMatch}"]`,
    );
    await view.waitFor();
    expect(await view.getAttribute('data-status')).toBe('Declined');
    expect(await page.locator('#warnings').textContent()).toContain('LOW_FACE_MATCH_SIMILARITY');
    await screenshot(page, 'v3-gallery');
    await page.close();
  });
});
