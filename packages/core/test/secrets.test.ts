import { inspect } from 'node:util';
import { v1Example } from '@didit-kit/test-kit/didit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DiditLogger, isDiditError } from '../src/v1/index.ts';
import {
  AUTH_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  clientFor,
  fakeDidit,
  type Handler,
  json,
  SESSION_ID,
  tokenBody,
} from './helpers/fake-didit.ts';

const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const TOKEN_1 = tokenBody(1).access_token;
const TOKEN_2 = tokenBody(2).access_token;
const SECRETS = [CLIENT_SECRET, BASIC, TOKEN_1, TOKEN_2];

/** Every way a value could be shown to a person or a log pipeline. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true })];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // A value that cannot be serialised leaks nothing through JSON.
  }
  out.push(String(value));
  if (value instanceof Error) out.push(value.message, String(value.stack));
  if (isDiditError(value)) out.push(JSON.stringify((value as { body?: unknown }).body) ?? '');
  return out;
}

function expectNoSecret(texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

function capturingLogger() {
  const lines: unknown[][] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push([level, ...args]);
    };
  const logger: DiditLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  return { logger, lines };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the client secret and access tokens', () => {
  it('are not in JSON.stringify, util.inspect or String of the client, before or after a token is issued', async () => {
    const fake = fakeDidit();
    const client = clientFor(fake);
    expectNoSecret(renderings(client));
    await client.sessions.getDecision(SESSION_ID);
    expectNoSecret(renderings(client));
    expectNoSecret(renderings(client.sessions));
    expectNoSecret([JSON.stringify({ ...client }), JSON.stringify(Object.entries(client))]);
    // ...while the client does hold them: the test would be vacuous otherwise.
    expect(fake.apiRequests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN_1}`);
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ hasCredentials: true });
  });

  it('are sent only where they belong: the Basic credentials to the auth server, the token to the API', async () => {
    const fake = fakeDidit();
    await clientFor(fake).sessions.getDecision(SESSION_ID);
    for (const req of fake.requests) {
      expectNoSecret([req.url.href]);
      const auth = req.headers.get('authorization') ?? '';
      if (req.url.origin === AUTH_URL) expect(auth).toBe(`Basic ${BASIC}`);
      else expect(auth).toBe(`Bearer ${TOKEN_1}`);
      expect(req.body).not.toContain(CLIENT_SECRET);
    }
  });

  it.each<[string, Handler, Handler | undefined]>([
    [
      'an API 401 that echoes the token (both times)',
      (req) => json({ detail: `Token ${req.headers.get('authorization')} is invalid` }, 401),
      undefined,
    ],
    [
      'an API 400 that echoes the token in a field error',
      (req) => json({ token: [`bad ${req.headers.get('authorization')}`] }, 400),
      undefined,
    ],
    [
      'an API 500 that echoes the token',
      (req) => json({ message: String(req.headers.get('authorization')) }, 500),
      undefined,
    ],
    [
      'an HTML 502 page that echoes the token',
      (req) => new Response(`<p>${req.headers.get('authorization')}</p>`, { status: 502 }),
      undefined,
    ],
    [
      'a 200 that is not JSON and echoes the token',
      (req) => new Response(`Welcome ${req.headers.get('authorization')}`, { status: 200 }),
      undefined,
    ],
    [
      'a connection failure whose message quotes the request headers',
      (req) => {
        throw new TypeError(`fetch failed: authorization=${req.headers.get('authorization')}`);
      },
      undefined,
    ],
    [
      'a token endpoint that echoes the secret and the Basic header',
      () => json({}),
      (req) =>
        json({ detail: `bad ${CLIENT_SECRET}`, error_description: String(req.headers.get('authorization')) }, 401),
    ],
    [
      'a token endpoint whose 500 echoes the secret',
      () => json({}),
      () => json({ detail: `db error for secret ${CLIENT_SECRET}` }, 500),
    ],
    [
      'a token endpoint whose 200 is not JSON and echoes the secret',
      () => json({}),
      () => new Response(`${CLIENT_SECRET}`, { status: 200 }),
    ],
    [
      'a token endpoint that cannot be reached, quoting the Basic header',
      () => json({}),
      (req) => {
        throw new TypeError(`connect failed: ${req.headers.get('authorization')}`);
      },
    ],
  ])('are not in the error after %s', async (_label, api, token) => {
    const fake = fakeDidit({ api, ...(token ? { token } : {}) });
    const { logger, lines } = capturingLogger();
    const error = await clientFor(fake, { logger, maxRetries: 1, timeoutMs: 1000 })
      .sessions.getDecision(SESSION_ID, { maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(isDiditError(error)).toBe(true);
    expectNoSecret(renderings(error));
    expectNoSecret([inspect(lines, { depth: Number.POSITIVE_INFINITY }), JSON.stringify(lines)]);
  });

  it('are not in anything the logger receives over a whole eventful run', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { logger, lines } = capturingLogger();
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const fake = fakeDidit({
      token: (_req, n) => (n === 1 ? json({}, 503, { 'retry-after': '0' }) : json(tokenBody(n - 1))),
      api: (req, n) => {
        if (req.headers.get('authorization') === `Bearer ${TOKEN_1}`) return json({ detail: 'expired' }, 401);
        if (n === 2) return json({ detail: 'busy' }, 429, { 'retry-after': '1' });
        if (n === 3) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        return json(v1Example('decision.declined-aml.json'), 200, { 'x-request-id': 'req-ok' });
      },
    });
    const client = clientFor(fake, { logger });
    const outcome = client.sessions.getDecision(SESSION_ID, { maxRetries: 5 });
    await vi.runAllTimersAsync();
    await outcome;
    await client.sessions.getDecision('not-a-uuid').catch(() => undefined);

    // The run went through the token retry, the 401 refresh, a 429 and a reset, and was logged.
    expect(fake.tokenRequests).toHaveLength(3);
    const messages = lines.map((l) => l[1]);
    expect(messages).toContain('didit request');
    expect(messages).toContain('didit response');
    expect(messages).toContain('didit retry');
    expectNoSecret([inspect(lines, { depth: Number.POSITIVE_INFINITY }), JSON.stringify(lines)]);
    for (const spy of consoleSpies) expectNoSecret([inspect(spy.mock.calls, { depth: Number.POSITIVE_INFINITY })]);
  });

  it('are not in an invalid-argument error about the credentials', () => {
    const errors: unknown[] = [];
    try {
      clientFor(fakeDidit(), { clientId: CLIENT_ID, clientSecret: undefined });
    } catch (error) {
      errors.push(error);
    }
    try {
      clientFor(fakeDidit(), { timeoutMs: -1 });
    } catch (error) {
      errors.push(error);
    }
    expect(errors).toHaveLength(2);
    for (const error of errors) expectNoSecret(renderings(error));
  });
});

describe('with short-lived tokens, over many refreshes', () => {
  it('still redacts the secret, the Basic credentials and the latest token from an error that echoes them', async () => {
    let issued = 0;
    const fake = fakeDidit({
      // A token that must be refreshed before every call: 30 of them over the run.
      token: () => json(tokenBody(++issued, 0)),
      api: (request) => {
        const latest = tokenBody(issued).access_token;
        if (request.url.pathname.includes('/decision/') && issued < 30)
          return json(v1Example('decision.declined-aml.json'));
        return json({ detail: `echo ${CLIENT_SECRET} ${BASIC} ${latest}` }, 400);
      },
    });
    const client = clientFor(fake, { maxRetries: 0 });
    for (let i = 1; i < 30; i++) await client.sessions.getDecision(SESSION_ID);
    const error = await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e);
    expect(issued).toBe(30);
    const latest = tokenBody(30).access_token;
    for (const text of renderings(error)) {
      for (const secret of [CLIENT_SECRET, BASIC, latest]) expect(text).not.toContain(secret);
    }
    expect((error as Error).message).toContain('[redacted]');
  });
});
