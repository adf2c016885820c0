import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_API_KEY } from '@didit-kit/mock-server';
import { CHROMIUM_PATH, hasChromium, launchChromiumProfile } from '@didit-kit/test-kit/chromium';
import type { BrowserContext, Page, Response as PageResponse } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { type DemoServer, MOCK_WORKFLOW_ID, startDemoServer } from '../server/start-demo-server.ts';

// Issue 21: a page on another site must not create a session as the signed-in user. The demo (whose
// `prepareCreate` guards nothing itself: the proxy must) on 127.0.0.1, the attacker on localhost: two
// sites. The victim's browser holds a cookie for the demo, which a cookie-based `prepareCreate` would
// trust; each attack checks that the browser did send it, that the proxy refused the request, and
// that the mock created no session.

const demoDir = fileURLToPath(new URL('..', import.meta.url));
/** The victim's cookie for the demo's origin. */
const COOKIE = 'victim_session';
/** What the proxy logs when it refuses a write (its logger is the console, in this process). */
const REFUSED = /^didit proxy: refused a cross-site create: /;

let demo: DemoServer;
let createUrl: string;
let attacker: Server;
let attackerUrl: string;
let context: BrowserContext;
let workDir: string;
let warn: MockInstance<typeof console.warn>;
/** The status of every create the demo's server sent to the mock (through its DiditClient's fetch). */
const upstreamCreates: number[] = [];

async function recordingFetch(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (request.method === 'POST' && new URL(request.url).pathname === '/v3/session/') {
    upstreamCreates.push(response.status);
  }
  return response;
}

/** Sessions the demo created at the mock (the fixtures run other workflows). */
async function createdSessions(): Promise<number> {
  const url = `${demo.mock?.url}/v3/sessions/?session_kind=all&workflow_id=${MOCK_WORKFLOW_ID}&limit=1`;
  const response = await fetch(url, { headers: { 'x-api-key': DEFAULT_API_KEY } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { count: number }).count;
}

/** The proxy's refusal lines logged so far in this test. */
function refusals(): string[] {
  return warn.mock.calls.map(([message]) => String(message)).filter((message) => REFUSED.test(message));
}

/**
 * The attacker's site. `/form`: a `text/plain` form posted at once to the demo's create route, its
 * body shaped as JSON (`{"workflow_id":"attacker","x":"="}`), as a CSRF page does. `/`: an empty page.
 */
function attackerPage(path: string | undefined): string {
  if (path === '/form') {
    return `<!doctype html><title>Win a prize</title>
<form method="post" enctype="text/plain" action="${createUrl}">
<input type="hidden" name='{"workflow_id":"attacker","x":"' value='"}'>
</form>
<script>document.forms[0].submit();</script>`;
  }
  return '<!doctype html><title>Win a prize</title><p>Nothing to see here.</p>';
}

/** The response to the next POST to the demo's create route, when the page may see it (a navigation, same-origin). */
function nextCreate(page: Page): Promise<PageResponse> {
  return page.waitForResponse((response) => response.url() === createUrl && response.request().method() === 'POST');
}

/** A request to the create route as Chromium's network log has it. */
interface OnTheWire {
  method: string;
  /** The headers as sent (names in lower case, cookies included); undefined: it never left the browser. */
  sent?: Record<string, string>;
  /** The status the server answered, even when the page may not read the response. */
  status?: number;
  /** Why the page got a network error instead: a CORS error, or a blocked response (CORP). */
  failure?: string;
}

/**
 * Every request this page makes to the create route, CORS preflights included, as Chromium's network
 * log (DevTools protocol) has them: for a `fetch` whose response the page cannot see, and which
 * playwright therefore reports as failed, without its status.
 */
async function watchTheWire(page: Page): Promise<() => OnTheWire[]> {
  const cdp = await page.context().newCDPSession(page);
  const byId = new Map<string, OnTheWire & { url?: string }>();
  const entry = (id: string) => {
    const found = byId.get(id) ?? { method: '' };
    byId.set(id, found);
    return found;
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    Object.assign(entry(requestId), { url: request.url, method: request.method });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', ({ requestId, headers }) => {
    entry(requestId).sent = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  });
  cdp.on('Network.responseReceivedExtraInfo', ({ requestId, statusCode }) => {
    entry(requestId).status = statusCode;
  });
  cdp.on('Network.loadingFailed', ({ requestId, corsErrorStatus, blockedReason, errorText }) => {
    entry(requestId).failure = corsErrorStatus?.corsError ?? blockedReason ?? errorText;
  });
  await cdp.send('Network.enable');
  return () => [...byId.values()].filter((r) => r.url === createUrl).map(({ url: _, ...request }) => request);
}

/** Posts to the create route from the page with `fetch`; the page's view: `answered 201` or `rejected: ...`. */
function pagePost(page: Page, init: RequestInit): Promise<string> {
  return page.evaluate(
    async ([url, init]) => {
      try {
        const response = await fetch(url, init);
        return `answered ${response.status}`;
      } catch (error) {
        return `rejected: ${error}`;
      }
    },
    [createUrl, init] as const,
  );
}

beforeAll(async () => {
  if (!hasChromium()) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  workDir = mkdtempSync(join(tmpdir(), 'demo-cross-site-'));
  // The front end, built from the current source into a directory of this file's own: e2e.test.ts
  // rebuilds `dist/` (emptying it first) while other test files run.
  const staticDir = join(workDir, 'dist');
  const build = () =>
    promisify(execFile)('pnpm', ['exec', 'vite', 'build', '--outDir', staticDir, '--emptyOutDir'], {
      cwd: demoDir,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  // Once more after a pause: a package's own `tsdown` (clean: true) may be rewriting its dist/ right now.
  await build().catch(() => new Promise((resolve) => setTimeout(resolve, 3_000)).then(build));
  demo = await startDemoServer({ port: 0, fetch: recordingFetch, staticDir });
  createUrl = `${demo.url}/api/didit/v3/session/`;
  expect(new URL(createUrl).hostname).toBe('127.0.0.1');

  attacker = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(attackerPage(request.url));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const address = attacker.address();
  attackerUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;

  // A profile of its own, with third-party cookies allowed as in a normal Chrome window (this
  // Chromium blocks them by default, and an incognito context always does): the worst case, where a
  // `SameSite=None` cookie goes along with a cross-site `fetch` too. No `context.route` here: with
  // interception on, playwright answers CORS preflights itself and would grant the one in (b).
  context = await launchChromiumProfile(join(workDir, 'profile'), { profile: { cookie_controls_mode: 0 } });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await demo?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const cookies = [
  {
    name: 'no SameSite (Lax by default, yet sent on a top-level POST for 2 minutes)',
    cookie: {},
    // A cross-site subresource request leaves a Lax cookie at home; a top-level form post takes it.
    sentWithFetch: false,
  },
  { name: 'SameSite=None; Secure', cookie: { sameSite: 'None' as const, secure: true }, sentWithFetch: true },
];

describe.each(cookies)(
  'a page on another site, the victim holding a cookie with $name',
  ({ cookie, sentWithFetch }) => {
    let value: string;

    beforeEach(async () => {
      // Set just before each attack: Chromium's Lax+POST allowance lasts 2 minutes from the cookie's creation.
      await context.clearCookies();
      value = `victim-${Math.random().toString(36).slice(2)}`;
      await context.addCookies([{ name: COOKIE, value, domain: '127.0.0.1', path: '/', ...cookie }]);
      upstreamCreates.length = 0;
      warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    });

    afterEach(() => {
      warn.mockRestore();
    });

    it('(a) an auto-submitted text/plain form: the tab shows the proxy’s 403 cross_site_refused, no session is created', async () => {
      const before = await createdSessions();
      const page = await context.newPage();
      const [response] = await Promise.all([nextCreate(page), page.goto(`${attackerUrl}/form`)]);
      await page.waitForURL(createUrl);

      const sent = await response.request().allHeaders();
      expect(sent.cookie).toBe(`${COOKIE}=${value}`);
      expect(sent['sec-fetch-site']).toBe('cross-site');
      expect(sent['content-type']).toBe('text/plain');
      expect(response.status()).toBe(403);
      // What the victim's tab shows (Chromium puts a JSON document in a <pre>): the refusal, no session.
      const shown = JSON.parse((await page.locator('pre').first().textContent()) ?? '') as Record<string, unknown>;
      expect(shown.code).toBe('cross_site_refused');
      expect(String(shown.detail)).toMatch(/^Cross-site request refused: the body must be sent as application\/json/);

      expect(refusals()).toHaveLength(1);
      expect(upstreamCreates).toEqual([]);
      expect(await createdSessions()).toBe(before);
      await page.close();
    });

    it('(b) fetch with JSON and credentials: the preflight is not granted, the POST never leaves the browser', async () => {
      const before = await createdSessions();
      const page = await context.newPage();
      await page.goto(attackerUrl);
      const wire = await watchTheWire(page);
      const outcome = await pagePost(page, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(outcome).toBe('rejected: TypeError: Failed to fetch');
      await expect.poll(() => wire().find((r) => r.method === 'POST')?.failure).toBeDefined();

      const preflight = wire().find((r) => r.method === 'OPTIONS');
      expect(preflight?.sent?.['access-control-request-method']).toBe('POST');
      expect(preflight?.sent?.origin).toBe(attackerUrl);
      // Answered without Access-Control-Allow-Origin (the proxy's 405 for OPTIONS: no allowedOrigins).
      expect(preflight?.status).toBe(405);
      const post = wire().find((r) => r.method === 'POST');
      expect(post?.failure).toBe('PreflightMissingAllowOriginHeader');
      expect(post?.sent).toBeUndefined();

      expect(refusals()).toEqual([]);
      expect(upstreamCreates).toEqual([]);
      expect(await createdSessions()).toBe(before);
      await page.close();
    });

    it('(c) a no-cors fetch (a simple request, with cookies): the proxy refuses it, no session is created', async () => {
      const before = await createdSessions();
      const page = await context.newPage();
      await page.goto(attackerUrl);
      const wire = await watchTheWire(page);
      const outcome = await pagePost(page, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' });
      // The page never reads the answer (the demo's Cross-Origin-Resource-Policy: same-origin even turns
      // it into a network error): the attack is the request itself, which the server did receive.
      expect(outcome).toBe('rejected: TypeError: Failed to fetch');
      await expect.poll(() => wire().find((r) => r.method === 'POST')?.failure).toBeDefined();

      const [post, ...others] = wire();
      expect(others).toEqual([]);
      expect(post?.method).toBe('POST');
      expect(post?.sent?.cookie).toBe(sentWithFetch ? `${COOKIE}=${value}` : undefined);
      expect(post?.sent?.['sec-fetch-site']).toBe('cross-site');
      expect(post?.sent?.['content-type']).toBe('text/plain;charset=UTF-8');
      expect(post?.status).toBe(403);
      expect(post?.failure).toBe('corp-not-same-origin');

      expect(refusals()).toHaveLength(1);
      expect(upstreamCreates).toEqual([]);
      expect(await createdSessions()).toBe(before);
      await page.close();
    });

    it('(d) on the demo’s own page, Verify identity still creates the session (same-site, the same cookie)', async () => {
      const before = await createdSessions();
      const page = await context.newPage();
      await page.goto(demo.url);
      await page.locator('[data-api-version="v3"]').waitFor();
      const [response] = await Promise.all([
        nextCreate(page),
        page.getByRole('button', { name: 'Verify identity' }).click(),
      ]);
      await page.waitForURL((url) => url.href.startsWith(`${demo.mock?.url}/session/`));

      const sent = await response.request().allHeaders();
      expect(sent.cookie).toBe(`${COOKIE}=${value}`);
      expect(sent['sec-fetch-site']).toBe('same-origin');
      expect(sent['content-type']).toBe('application/json');
      expect(response.status()).toBe(201);
      expect(refusals()).toEqual([]);
      expect(upstreamCreates).toEqual([201]);
      expect(await createdSessions()).toBe(before + 1);
      await page.close();
    });
  },
);
