// What the smoke tests read in Chromium (the test kit's launcher): the page's status and the proxy's answers.
import type { Browser, Page } from 'playwright-core';

/** The proxy's answers a page received: method, path and status of every `/api/didit/` response. */
export interface ProxyResponse {
  method: string;
  path: string;
  status: number;
}

/**
 * The responses a healthy page should not get: anything but 200, except the event stream's 404
 * (these proxies offer no `'events'`, so useSessionDecision learns there is no stream and polls).
 */
export function unexpected(responses: readonly ProxyResponse[]): ProxyResponse[] {
  return responses.filter((r) => r.status !== 200 && !(r.status === 404 && r.path.endsWith('/events/')));
}

/** Records the page's proxy responses as they arrive (a 308 would be one of them). */
function watchProxy(page: Page): ProxyResponse[] {
  const responses: ProxyResponse[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/api/didit/')) {
      responses.push({ method: response.request().method(), path: pathname, status: response.status() });
    }
  });
  return responses;
}

/**
 * Opens `url` in a new page and waits until `#status` shows something other than "Loading…";
 * returns that text and the proxy responses seen meanwhile.
 */
export async function readPageStatus(
  browser: Browser,
  url: string,
): Promise<{ status: string; responses: ProxyResponse[] }> {
  const page = await browser.newPage();
  const responses = watchProxy(page);
  try {
    await page.goto(url);
    const status = page.locator('#status');
    await status.filter({ hasNotText: 'Loading' }).waitFor({ timeout: 30_000 });
    return { status: (await status.textContent()) ?? '', responses };
  } finally {
    await page.close();
  }
}

/**
 * Opens the page at `url`, clicks "Verify identity" and waits until the browser has followed the
 * created session's `url` to `hostedOrigin` (the mock server's hosted page).
 */
export async function startVerification(
  browser: Browser,
  url: string,
  hostedOrigin: string,
): Promise<{ createStatus: number; sessionId: string; landedOn: string }> {
  const page = await browser.newPage();
  // The create's answer, read on its way to the page: the page navigates away at once, and Chromium
  // drops the bodies of a page it left.
  let created: { status: number; sessionId: string } | undefined;
  await page.route(
    (target) => target.pathname === '/api/didit/v3/session/',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { session_id: string };
      created = { status: response.status(), sessionId: body.session_id };
      await route.fulfill({ response });
    },
  );
  try {
    await page.goto(url);
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await page.waitForURL((landed) => landed.href.startsWith(hostedOrigin), { timeout: 30_000 });
    if (!created) throw new Error('the page left without creating a session');
    return { createStatus: created.status, sessionId: created.sessionId, landedOn: page.url() };
  } finally {
    await page.close();
  }
}
