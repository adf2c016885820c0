import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** An example app started with `npm run dev`, and the mock server that command started beside it. */
export interface RunningExample {
  /** The app, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The mock server standing in for Didit, e.g. http://127.0.0.1:41235. */
  mockUrl: string;
}

/** The mock's v3 key (`DEFAULT_API_KEY`), which the examples' dev script gives the app. */
const MOCK_API_KEY = 'mock-api-key';

/** What the app's proxy route answered a page: method, path and status of every `/api/didit/` response. */
export interface ProxyResponse {
  method: string;
  path: string;
  status: number;
}

export function watchProxy(page: Page): ProxyResponse[] {
  const responses: ProxyResponse[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/api/didit/')) {
      responses.push({ method: response.request().method(), path: pathname, status: response.status() });
    }
  });
  return responses;
}

/** Marks the page's document: `sameDocument()` is false once the page has reloaded or navigated away. */
async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  const mark = `didit-kit-${Math.random()}`;
  await page.evaluate((value) => {
    (window as unknown as { __mark?: string }).__mark = value;
  }, mark);
  return async () => (await page.evaluate(() => (window as unknown as { __mark?: string }).__mark)) === mark;
}

interface Delivery {
  state: 'pending' | 'delivered' | 'failed';
  status_code: number | null;
  destination: { url: string };
}

/** The mock's webhook deliveries for a session (its v3 delivery log), once none is pending (at most 30 s). */
async function settledDeliveries(app: RunningExample, sessionId: string): Promise<Delivery[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = await fetch(`${app.mockUrl}/v3/session/${sessionId}/webhooks/`, {
      headers: { 'x-api-key': MOCK_API_KEY },
    });
    const { results } = (await log.json()) as { results: Delivery[] };
    if (results.every((delivery) => delivery.state !== 'pending') || Date.now() > deadline) return results;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the page's `status` element reads exactly `status`. */
export async function statusIs(page: Page, status: string, timeout?: number): Promise<void> {
  await page
    .getByTestId('status')
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor({ timeout });
}

/**
 * A fresh browser context (its own cookies). A dev server compiles each page and route on its first request, which
 * takes a while on a loaded 2-core machine: navigations and waits get a minute, not Playwright's 30 s.
 */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(90_000);
  return context;
}

/** A fresh browser context signed in as `name` through the app's demo sign-in form, on the start page. */
async function signInThroughForm(
  browser: Browser,
  app: RunningExample,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByLabel(/Your name/).fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user').filter({ hasText: name }).waitFor();
  return { context, page };
}

/**
 * A fresh browser context holding the demo sign-in's cookie for `name`, as the form sets it (quicker than the form,
 * which `checkRedirectFlow` goes through).
 */
export async function signedIn(browser: Browser, app: RunningExample, name: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.addCookies([{ name: 'demo_user', value: name, url: app.url, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/**
 * Verify identity → the mock's hosted page → an outcome → back on the app's /verification page, which shows the
 * final status. Meanwhile a second tab of the same user watches the session from before the click: it must show
 * the outcome live (pushed by the event stream, which the webhook fed), with no reload and no poll of the
 * decision. Then another user is refused the session.
 */
export async function checkRedirectFlow(browser: Browser, app: RunningExample): Promise<void> {
  const { context: alice, page } = await signInThroughForm(browser, app, 'alice');
  try {
    const pageResponses = watchProxy(page);
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app.mockUrl}/session/`));
    const sessionId = (await page.locator('dt:text-is("Session") + dd').textContent())?.trim() ?? '';
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pageResponses).toContainEqual({ method: 'POST', path: '/api/didit/v3/session/', status: 201 });

    const watcher = await alice.newPage();
    const watched = watchProxy(watcher);
    await watcher.goto(`${app.url}/verification?verificationSessionId=${sessionId}`);
    await statusIs(watcher, 'Not Started');
    const sameDocument = await markDocument(watcher);
    await watcher.getByTestId('updates').filter({ hasText: /^Live/ }).waitFor();
    const decisionReads = () => watched.filter((r) => r.path.endsWith('/decision/')).length;
    const readsBefore = decisionReads();

    await page.getByRole('button', { name: 'Declined: decline_aml_hit' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${app.url}/verification?`));
    expect(new URL(page.url()).searchParams.get('verificationSessionId')).toBe(sessionId);
    await statusIs(page, 'Declined');

    // Live: pushed by the stream (no decision read, which polling would be, and no reload), and well inside the
    // proxy's own 60 s re-check of open streams, so the webhook brought it.
    await statusIs(watcher, 'Declined', 20_000);
    expect(await sameDocument()).toBe(true);
    expect(decisionReads()).toBe(readsBefore);
    expect(watched).toContainEqual({ method: 'GET', path: `/api/didit/v3/session/${sessionId}/events/`, status: 200 });
    for (const response of [...pageResponses, ...watched]) expect(response.status, response.path).toBeLessThan(300);

    // The mock delivered the signed webhook to the app's route, which accepted it. (The mock records the answer once
    // it has read it, which may be a moment after the page had the decision.)
    const deliveries = await settledDeliveries(app, sessionId);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const delivery of deliveries) {
      expect(delivery.destination.url).toBe(`${app.url}/api/webhooks/didit`);
      expect(delivery).toMatchObject({ state: 'delivered', status_code: 200 });
    }
  } finally {
    await alice.close();
  }
}

/**
 * Verify in this page → the mock's page inside it (`<DiditVerification>`) → Finish → the status below it turns
 * Approved, without the page navigating. Another signed-in user cannot read that session.
 */
export async function checkEmbeddedFlow(browser: Browser, app: RunningExample): Promise<void> {
  const carol = await signedIn(browser, app, 'carol');
  const bob = await signedIn(browser, app, 'bob');
  try {
    const page = await carol.newPage();
    const responses = watchProxy(page);
    await page.goto(app.url);
    const sameDocument = await markDocument(page);
    await page.getByRole('button', { name: 'Verify in this page' }).click();
    await statusIs(page, 'Not Started');
    const sessionId = (await page.locator('[data-session-id]').getAttribute('data-session-id')) ?? '';
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const frame = page.frameLocator(`iframe[src^="${app.mockUrl}/session/"]`);
    await frame.getByRole('button', { name: 'Finish verification' }).click();
    await statusIs(page, 'Approved', 20_000);
    expect(await sameDocument()).toBe(true);
    for (const response of responses) expect(response.status, response.path).toBeLessThan(300);

    // authorize: the session is carol's; bob is refused, on the page and at the proxy.
    const other = await bob.newPage();
    await other.goto(`${app.url}/verification?verificationSessionId=${sessionId}`);
    await other.getByRole('alert').filter({ hasText: 'belongs to someone else' }).waitFor();
    const status = await other.evaluate(
      async (path) => (await fetch(path)).status,
      `/api/didit/v3/session/${sessionId}/decision/`,
    );
    expect(status).toBe(403);
  } finally {
    await carol.close();
    await bob.close();
  }
}
