import { v1Example } from '@didit-kit/test-kit/didit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../src/retry.ts';
import {
  APIError,
  BadRequestError,
  ConnectionError,
  DiditClient,
  type DiditClientOptions,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '../src/v1/index.ts';
import { BASE_URL, fakeDidit, type Handler, json, SESSION_ID, type SeenRequest } from './helpers/fake-didit.ts';
import { settle } from './helpers/settle.ts';

// Every test here runs on fake clocks: backoff and Retry-After waits cost no real time.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const decision = () => json(v1Example('decision.declined-aml.json'));
const created = () => json(v1Example('create-session.response.json'), 201);
const updated = () => json({ session_id: SESSION_ID });

/** A proxy-mode client (no token requests) so the API requests are all there is to count. */
function setup(api: Handler, options: DiditClientOptions = {}) {
  const fake = fakeDidit({ api });
  const sentAt: number[] = [];
  const client = new DiditClient({
    baseUrl: BASE_URL,
    fetch: (request) => {
      sentAt.push(Date.now());
      return fake.fetch(request);
    },
    ...options,
  });
  return { client, requests: fake.apiRequests as SeenRequest[], sentAt };
}

/** Fails `failures` times with `failure`, then answers `success`. */
function failThen(failures: number, failure: () => Response | Promise<Response>, success: () => Response): Handler {
  return (_req, n) => (n <= failures ? failure() : success());
}

function connectionFailure(code: string): never {
  // What undici's fetch throws: a TypeError whose cause carries the system error code.
  throw new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code }) });
}

const create = (client: DiditClient) =>
  client.sessions.create({ callback: 'https://example.com/cb', vendor_data: 'user-1' });
const update = (client: DiditClient) => client.sessions.updateStatus(SESSION_ID, { new_status: 'Approved' });

describe('a GET is retried', () => {
  it.each([408, 429, 500, 502, 503, 504])('after a %i, then succeeds', async (status) => {
    const { client, requests } = setup(failThen(1, () => json({ detail: 'try again' }, status), decision));
    const { value, error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeUndefined();
    expect(value?.session_id).toBe(SESSION_ID);
    expect(requests).toHaveLength(2);
  });

  it('after a connection error (reset), then succeeds', async () => {
    const { client, requests } = setup(failThen(1, () => connectionFailure('ECONNRESET'), decision));
    const { value } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(value?.session_id).toBe(SESSION_ID);
    expect(requests).toHaveLength(2);
  });

  it('at most maxRetries (default 2) times, then throws the last error', async () => {
    const { client, requests } = setup(() => json({ detail: 'Service unavailable' }, 503, { 'x-request-id': 'r-3' }));
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, requestId: 'r-3', code: 'server_error' });
    expect(requests).toHaveLength(3);
  });

  it('gives a ConnectionError (with the cause) once connection failures exhaust the retries', async () => {
    const { client, requests } = setup(() => connectionFailure('ECONNRESET'));
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'connection_error' });
    expect((error as Error).message).toContain('ECONNRESET');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(requests).toHaveLength(3);
  });

  it('maxRetries times as the client sets it', async () => {
    const { client, requests } = setup(() => json({}, 500), { maxRetries: 4 });
    await settle(client.sessions.getDecision(SESSION_ID));
    expect(requests).toHaveLength(5);
  });

  it('never when maxRetries is 0', async () => {
    const { client, requests } = setup(() => json({}, 500), { maxRetries: 0 });
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });

  it('per-call maxRetries overrides the client (more and fewer)', async () => {
    const more = setup(() => json({}, 500), { maxRetries: 0 });
    await settle(more.client.sessions.getDecision(SESSION_ID, { maxRetries: 3 }));
    expect(more.requests).toHaveLength(4);

    const fewer = setup(() => json({}, 500), { maxRetries: 5 });
    await settle(fewer.client.sessions.getDecision(SESSION_ID, { maxRetries: 0 }));
    expect(fewer.requests).toHaveLength(1);
  });
});

describe('never retried', () => {
  it.each([
    [400, BadRequestError],
    [401, APIError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [405, APIError],
    [409, APIError],
    [410, APIError],
    [422, APIError],
  ])('a %i (any 4xx but 408 and 429)', async (status, ErrorClass) => {
    const { client, requests } = setup(() => json({ detail: 'no' }, status), { maxRetries: 5 });
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as APIError).status).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it.each([501, 505])('a %i (a 5xx that will not go away)', async (status) => {
    const { client, requests } = setup(() => json({}, status), { maxRetries: 5 });
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });
});

describe('backoff', () => {
  it('grows exponentially from 500 ms (no jitter drawn)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, sentAt } = setup(() => json({}, 503), { maxRetries: 3 });
    await settle(client.sessions.getDecision(SESSION_ID));
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0));
    expect(gaps).toEqual([500, 1000, 2000]);
  });

  it('is shortened by up to 25% of jitter', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    const { client, sentAt } = setup(() => json({}, 503), { maxRetries: 3 });
    await settle(client.sessions.getDecision(SESSION_ID));
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0));
    expect(gaps).toEqual([375, 750, 1500]);
  });

  it('is capped at 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('spreads clients out: different random draws give different delays', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelayMs(1, () => r)));
    expect(delays.size).toBe(4);
    for (const d of delays) expect(d).toBeGreaterThan(750 - 1);
  });
});

describe('Retry-After', () => {
  it('is waited for instead of the backoff (seconds)', async () => {
    const { client, sentAt, requests } = setup(
      failThen(1, () => json({ detail: 'Slow down' }, 429, { 'retry-after': '7' }), decision),
    );
    const { value } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(value?.session_id).toBe(SESSION_ID);
    expect(requests).toHaveLength(2);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(7000);
  });

  it('is honoured on a 503 too', async () => {
    const { client, sentAt } = setup(failThen(1, () => json({}, 503, { 'retry-after': '3' }), decision));
    await settle(client.sessions.getDecision(SESSION_ID));
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(3000);
  });

  it('of 0 retries at once', async () => {
    const { client, sentAt } = setup(failThen(1, () => json({}, 429, { 'retry-after': '0' }), decision));
    await settle(client.sessions.getDecision(SESSION_ID));
    expect(sentAt[1]).toBe(sentAt[0]);
  });

  it('is read as an HTTP date', async () => {
    const { client, sentAt } = setup(
      failThen(1, () => json({}, 429, { 'retry-after': new Date(Date.now() + 12_000).toUTCString() }), decision),
    );
    await settle(client.sessions.getDecision(SESSION_ID));
    // HTTP dates have whole seconds, so the wait is within a second of 12 s.
    const gap = (sentAt[1] ?? 0) - (sentAt[0] ?? 0);
    expect(gap).toBeGreaterThan(11_000);
    expect(gap).toBeLessThanOrEqual(12_000);
  });

  it('of up to 60 s is still waited for', async () => {
    const { client, sentAt, requests } = setup(failThen(1, () => json({}, 429, { 'retry-after': '60' }), decision));
    await settle(client.sessions.getDecision(SESSION_ID));
    expect(requests).toHaveLength(2);
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBe(60_000);
  });

  it('over 60 s is not waited for: the RateLimitError (with retryAfterMs) reaches the caller at once', async () => {
    const { client, requests } = setup(() =>
      json({ detail: 'Request was throttled.' }, 429, { 'retry-after': '120', 'x-request-id': 'rl-1' }),
    );
    const started = Date.now();
    // No clock advance: the promise must settle on its own.
    const error = await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, requestId: 'rl-1', code: 'rate_limited' });
    expect((error as Error).message).toContain('Request was throttled.');
    expect(requests).toHaveLength(1);
    expect(Date.now()).toBe(started);
  });

  it('is reported on the final RateLimitError once the retries are spent', async () => {
    const { client, requests } = setup(() => json({}, 429, { 'retry-after': '1' }));
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1000);
    expect(requests).toHaveLength(3);
  });

  it('parses seconds, dates, and ignores junk', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs('0.5', now)).toBe(500);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
  });
});

describe.each([
  ['POST create', create, created],
  ['PATCH update-status', update, updated],
])('a non-idempotent %s', (_name, call, success) => {
  it('is retried after a 429 (Didit provably did not process it)', async () => {
    const { client, requests } = setup(failThen(1, () => json({}, 429, { 'retry-after': '0' }), success));
    const { error } = await settle(call(client));
    expect(error).toBeUndefined();
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body);
  });

  it.each([408, 500, 502, 503, 504])('is not retried after a %i (it may have been processed)', async (status) => {
    const { client, requests } = setup(
      failThen(1, () => json({}, status, { 'retry-after': '0' }), success),
      {
        maxRetries: 5,
      },
    );
    const { error } = await settle(call(client));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(status);
    expect(requests).toHaveLength(1);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
    'is retried after %s (the request never left this machine)',
    async (code) => {
      const { client, requests } = setup(failThen(1, () => connectionFailure(code), success));
      const { error } = await settle(call(client));
      expect(error).toBeUndefined();
      expect(requests).toHaveLength(2);
    },
  );

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])(
    'is not retried after %s (the request may have reached Didit)',
    async (code) => {
      const { client, requests } = setup(
        failThen(1, () => connectionFailure(code), success),
        { maxRetries: 5 },
      );
      const { error } = await settle(call(client));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(requests).toHaveLength(1);
    },
  );
});
