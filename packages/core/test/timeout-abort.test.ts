import { getEventListeners } from 'node:events';
import { v1Example } from '@didit-kit/test-kit/didit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, ConnectionError, DiditClient, type DiditClientOptions, TimeoutError } from '../src/v1/index.ts';
import { BASE_URL, clientFor, fakeDidit, type Handler, json, SESSION_ID, tokenBody } from './helpers/fake-didit.ts';
import { settle } from './helpers/settle.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const decision = () => json(v1Example('decision.declined-aml.json'));

/** A server that never answers, but stops waiting when the request is aborted (as real fetch does). */
const hang: Handler = (req) =>
  new Promise((_resolve, reject) => {
    req.signal.addEventListener('abort', () => reject(req.signal.reason), { once: true });
  });

/** A server that never answers and ignores the abort signal (for example a handler's `app.fetch`). */
const deaf: Handler = () => new Promise<Response>(() => {});

function setup(api: Handler, options: DiditClientOptions = {}) {
  const fake = fakeDidit({ api });
  const client = new DiditClient({ baseUrl: BASE_URL, fetch: fake.fetch, ...options });
  return { client, requests: fake.apiRequests };
}

/** Lets pending promise callbacks run without moving the clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the per-attempt timeout', () => {
  it('gives a TimeoutError after timeoutMs', async () => {
    const { client } = setup(hang, { timeoutMs: 1000, maxRetries: 0 });
    const started = Date.now();
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'timeout', name: 'TimeoutError' });
    expect((error as Error).message).toContain('1000 ms');
    expect(Date.now() - started).toBe(1000);
  });

  it('applies to each attempt, and a timed-out GET is retried', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { client, requests } = setup(hang, { timeoutMs: 1000, maxRetries: 2 });
    const started = Date.now();
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(3);
    // Three 1 s attempts and backoffs of 0.5 s and 1 s: the budget is per attempt, not per call.
    expect(Date.now() - started).toBe(3000 + 500 + 1000);
  });

  it('lets a retry succeed after a timed-out attempt', async () => {
    const { client, requests } = setup((req, n) => (n === 1 ? hang(req, n) : decision()), { timeoutMs: 1000 });
    const { value } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(value?.session_id).toBe(SESSION_ID);
    expect(requests).toHaveLength(2);
  });

  it('defaults to 30 s', async () => {
    const { client } = setup(hang, { maxRetries: 0 });
    const started = Date.now();
    await settle(client.sessions.getDecision(SESSION_ID));
    expect(Date.now() - started).toBe(30_000);
  });

  it('is overridden per call', async () => {
    const { client } = setup(hang, { timeoutMs: 10_000, maxRetries: 0 });
    const started = Date.now();
    const { error } = await settle(client.sessions.getDecision(SESSION_ID, { timeoutMs: 250 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBe(250);
  });

  it('is not retried for a POST create (it may have been processed)', async () => {
    const { client, requests } = setup(hang, { timeoutMs: 1000, maxRetries: 3 });
    const { error } = await settle(client.sessions.create({ callback: 'https://example.com/cb', vendor_data: 'u' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(1);
  });

  it('covers reading the body, not only the headers', async () => {
    const { client } = setup(
      (req) => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"session_id":'));
            req.signal.addEventListener('abort', () => controller.error(req.signal.reason), { once: true });
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      },
      { timeoutMs: 500, maxRetries: 0 },
    );
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('still fires when an injected fetch ignores the abort signal', async () => {
    const { client } = setup(deaf, { timeoutMs: 1000, maxRetries: 0 });
    const started = Date.now();
    const { error } = await settle(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBe(1000);
  });

  it('leaves no timer behind after a call', async () => {
    const { client } = setup(decision);
    await client.sessions.getDecision(SESSION_ID);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses nonsense values before sending anything', async () => {
    const { client, requests } = setup(decision);
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(client.sessions.getDecision(SESSION_ID, { timeoutMs })).rejects.toMatchObject({
        code: 'invalid_argument',
      });
      expect(() => new DiditClient({ timeoutMs })).toThrow(/timeoutMs/);
    }
    for (const maxRetries of [-1, 1.5, Number.NaN]) {
      await expect(client.sessions.getDecision(SESSION_ID, { maxRetries })).rejects.toMatchObject({
        code: 'invalid_argument',
      });
      expect(() => new DiditClient({ maxRetries })).toThrow(/maxRetries/);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("the caller's AbortSignal", () => {
  it('already aborted: nothing is sent', async () => {
    const { client, requests } = setup(decision);
    const controller = new AbortController();
    controller.abort(new Error('user left the page'));
    const error = await client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ code: 'aborted', name: 'AbortError' });
    expect((error as Error).cause).toEqual(new Error('user left the page'));
    expect(requests).toHaveLength(0);
  });

  it('stops an in-flight request at once, without waiting for the timeout, and is not retried', async () => {
    const { client, requests } = setup(hang, { timeoutMs: 60_000, maxRetries: 5 });
    const controller = new AbortController();
    const outcome = client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    expect(requests).toHaveLength(1);
    const started = Date.now();

    controller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(Date.now()).toBe(started);
    expect(requests[0]?.signal.aborted).toBe(true);

    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
  });

  it.each([
    [
      'a POST create',
      (c: DiditClient, signal: AbortSignal) =>
        c.sessions.create({ callback: 'https://example.com/cb', vendor_data: 'u' }, { signal }),
    ],
    [
      'a PATCH update',
      (c: DiditClient, signal: AbortSignal) =>
        c.sessions.updateStatus(SESSION_ID, { new_status: 'Approved' }, { signal }),
    ],
    [
      'a GET with maxRetries 0',
      (c: DiditClient, signal: AbortSignal) => c.sessions.getDecision(SESSION_ID, { signal, maxRetries: 0 }),
    ],
  ])('is an AbortError, not a ConnectionError, for %s (no retry left to notice it)', async (_label, call) => {
    const { client, requests } = setup(hang);
    const controller = new AbortController();
    const outcome = call(client, controller.signal).catch((e: unknown) => e);
    await flush();
    controller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(requests).toHaveLength(1);
  });

  it('stops at once even when an injected fetch ignores it', async () => {
    const { client } = setup(deaf, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const outcome = client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    controller.abort();
    // No clock advance: the abort alone must settle the call.
    await expect(outcome).resolves.toBeInstanceOf(AbortError);
  });

  it('during the backoff between retries stops at once, with no further attempt', async () => {
    const { client, requests } = setup(() => json({}, 503), { maxRetries: 5 });
    const controller = new AbortController();
    const outcome = client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    expect(requests).toHaveLength(1);

    controller.abort();
    await expect(outcome).resolves.toBeInstanceOf(AbortError);
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
  });

  it('during a long Retry-After wait stops at once', async () => {
    const { client, requests } = setup(() => json({}, 429, { 'retry-after': '50' }));
    const controller = new AbortController();
    const outcome = client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    controller.abort();
    await expect(outcome).resolves.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(1);
  });

  it("while waiting for the shared token ends only this caller's wait", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fake = fakeDidit({
      token: async (_req, n) => {
        await gate;
        return json(tokenBody(n));
      },
    });
    const client = clientFor(fake);
    const controller = new AbortController();
    const aborted = client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch((e: unknown) => e);
    const patient = client.sessions.getDecision(SESSION_ID);
    await flush();

    controller.abort();
    await expect(aborted).resolves.toBeInstanceOf(AbortError);
    release();
    await expect(patient).resolves.toMatchObject({ session_id: SESSION_ID });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('reaches the transport: the request sent carries a signal that aborts with it', async () => {
    const { client, requests } = setup(hang);
    const controller = new AbortController();
    const outcome = client.sessions.getDecision(SESSION_ID, { signal: controller.signal }).catch(() => undefined);
    await flush();
    expect(requests[0]?.signal.aborted).toBe(false);
    controller.abort();
    await outcome;
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('is composed with the timeout: whichever comes first wins', async () => {
    const { client } = setup(hang, { timeoutMs: 1000, maxRetries: 0 });
    const controller = new AbortController();
    const { error } = await settle(client.sessions.getDecision(SESSION_ID, { signal: controller.signal }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('keeps no listener on a long-lived signal after the calls end', async () => {
    const { client } = setup(decision);
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await client.sessions.getDecision(SESSION_ID, { signal: controller.signal });
    await settle(
      setup(() => json({}, 503), { maxRetries: 2 }).client.sessions.getDecision(SESSION_ID, {
        signal: controller.signal,
      }),
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
