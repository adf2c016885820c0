// When the app's server cannot use Didit (no API key, or Didit refuses it), the proxy says so
// with a stable `code`, and the browser's client turns it into a ConfigurationError that it does
// not retry: another attempt cannot fix the server's environment.

import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, DiditClient, isDiditError, ServerError } from '../src/index.ts';
import { createDiditProxy } from '../src/server.ts';

const API_KEY = 'sk_test_REFUSED0v3Key0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5G';
const ID = '11111111-2222-3333-4444-555555555555';
const APP = 'http://app.test/api/didit';

let standIn: ServedDiditStandIn;

beforeAll(async () => {
  standIn = await startDiditStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

/** A browser client with the default retries, counting what it sends to the proxy. */
function browserOf(proxy: (request: Request) => Promise<Response>) {
  const sent: string[] = [];
  const browser = new DiditClient({
    baseUrl: APP,
    fetch: (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return proxy(request);
    },
  });
  return { browser, sent };
}

describe('configuration errors through the proxy', () => {
  it('answers 502 with code didit_credentials_refused when Didit refuses the API key, and nobody retries it', async () => {
    standIn.reply('getDecision', { status: 403, body: v3Example('error.403.invalid-credentials.json') });
    const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url });
    const proxy = createDiditProxy(server, { logger: {} });

    const raw = await proxy(new Request(`${APP}/v3/session/${ID}/decision/`));
    expect(raw.status).toBe(502);
    const body = await raw.json();
    expect(body).toEqual({
      detail: 'The server could not authenticate with Didit.',
      code: 'didit_credentials_refused',
    });
    expect(JSON.stringify(body)).not.toContain(API_KEY);

    standIn.reset();
    standIn.reply('getDecision', { status: 403, body: v3Example('error.403.invalid-credentials.json') });
    const { browser, sent } = browserOf(createDiditProxy(server, { logger: {} }));
    const error = await browser.sessions.getDecision(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(isDiditError(error) && error.code).toBe('configuration_error');
    expect(isDiditError(error) && error.status).toBe(502);
    // One browser request, one upstream request: no retry on either side.
    expect(sent).toHaveLength(1);
    expect(standIn.requests.filter((r) => r.route === 'getDecision')).toHaveLength(1);
  });

  it('answers 500 with code didit_not_configured for a client without credentials, a ConfigurationError in the browser', async () => {
    const server = new DiditClient({ baseUrl: standIn.url });
    const { browser, sent } = browserOf(createDiditProxy(server, { logger: {} }));
    const error = await browser.sessions.getDecision(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(isDiditError(error) && error.status).toBe(500);
    expect(sent).toHaveLength(1);
    expect(standIn.requests).toHaveLength(0);
  });

  it('still retries a plain 502 from a gateway, which carries no such code', async () => {
    const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
    const proxy = createDiditProxy(server, { logger: {}, cacheMs: 0 });
    let calls = 0;
    const browser = new DiditClient({
      baseUrl: APP,
      maxRetries: 1,
      fetch: (request) => {
        calls++;
        if (calls === 1) return Promise.resolve(Response.json({ detail: 'Bad gateway.' }, { status: 502 }));
        return proxy(request);
      },
    });
    await expect(browser.sessions.getDecision(ID)).resolves.toEqual(v3Example('decision.user.json'));
    expect(calls).toBe(2);
  });
});
