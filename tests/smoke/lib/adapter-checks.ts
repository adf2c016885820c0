import { expect } from 'vitest';
import type { SmokeContext } from './context.ts';
import { type RunningServer, startServerProcess } from './mock-server.ts';

/** The mock's v3 fixtures the consumers' `authorize` lets a page read (consumers/smoke-sessions.mjs). */
export const APPROVED_SESSION = 'd1d17000-0000-4000-8000-000000000301';
/** A v3 fixture the apps do not show: `authorize` refuses it. */
export const HIDDEN_SESSION = 'd1d17000-0000-4000-8000-000000000302';

/**
 * Starts a consumer app in the smoke app (by default a Node script that prints `SMOKE_APP_URL <url>`)
 * with the mock's v3 key in `DIDIT_API_KEY`, as a deployment would hold it.
 */
export function startConsumerApp(
  context: SmokeContext,
  command: string,
  args: readonly string[],
  { env = {}, urlPattern = /SMOKE_APP_URL (\S+)/ }: { env?: Record<string, string>; urlPattern?: RegExp } = {},
): Promise<RunningServer> {
  if (!context.mock) throw new Error(`the mock server did not start: ${context.mockError ?? 'unknown reason'}`);
  return startServerProcess(command, args, context.appDir, urlPattern, {
    DIDIT_API_KEY: context.mock.apiKey,
    DIDIT_BASE_URL: context.mock.url,
    ...env,
  });
}

/**
 * What every mounting must give the browser: the decision with and without the trailing slash (no
 * redirect), `authorize` applied, and a review body that reaches the proxy intact (no body parser
 * consumed it first). The mock refuses to set Approved on an Approved session: that refusal, Didit's
 * own words passed on, shows the body was read and forwarded without changing any fixture.
 */
export async function expectProxyMounted(baseUrl: string, apiKey: string): Promise<void> {
  const decisionUrl = `${baseUrl}/api/didit/v3/session/${APPROVED_SESSION}/decision/`;
  for (const url of [decisionUrl, decisionUrl.slice(0, -1)]) {
    const response = await fetch(url, { redirect: 'manual' });
    const text = await response.text();
    expect(response.status, `${url}: ${text}`).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((JSON.parse(text) as { status: string }).status).toBe('Approved');
    expect(text).not.toContain(apiKey);
  }

  const hidden = await fetch(`${baseUrl}/api/didit/v3/session/${HIDDEN_SESSION}/decision/`);
  expect(hidden.status).toBe(403);

  const reviewUrl = `${baseUrl}/api/didit/v3/session/${APPROVED_SESSION}/update-status/`;
  const body = JSON.stringify({ new_status: 'Approved', comment: 'smoke' });
  const headers = { 'content-type': 'application/json' };
  const notReviewer = await fetch(reviewUrl, { method: 'PATCH', headers, body });
  expect(notReviewer.status).toBe(403);
  const review = await fetch(reviewUrl, { method: 'PATCH', headers: { ...headers, 'x-smoke-reviewer': 'yes' }, body });
  const reviewText = await review.text();
  expect(review.status, reviewText).toBe(400);
  expect(reviewText).toMatch(/Current status: Approved|same as the current status/);
  expect(reviewText).not.toContain(apiKey);
}
