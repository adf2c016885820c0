// Integration tests: the client against a real HTTP server on 127.0.0.1, through the
// default undici transport and through the fetch transport (Node's global fetch, injected).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, type ServedDiditStandIn, startDiditStandIn, v1Example } from '@didit-kit/test-kit/didit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ConnectionError,
  DiditClient,
  type DiditClientOptions,
  type FetchLike,
  NotFoundError,
  ResponseValidationError,
  TimeoutError,
} from '../../src/v1/index.ts';

// A fresh server (so a fresh origin and connection pool) per test: connection counts are
// the test's own, and no test inherits sockets another test's server closed.
const CLIENT_ID = 'local-id';
const CLIENT_SECRET = 'local-secret-7Q2x';
const SESSION_ID = '11111111-2222-3333-4444-555555555555';

let didit: ServedDiditStandIn;
/** The requests past the token route. */
const apiRequests = () => didit.requests.filter((request) => request.route !== 'token');
beforeEach(async () => {
  didit = await startDiditStandIn({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accessToken: 'local-token-5b1e',
  });
  // The shortest backoff (375 ms) keeps the retry tests quick; the waits are real here.
  vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await didit.close();
});

/** A pause long enough for the pool to mark a finished socket free again. */
const breath = () => new Promise((resolve) => setTimeout(resolve, 5));

const TRANSPORTS: [string, FetchLike | undefined][] = [
  ['the default undici transport', undefined],
  ["Node's global fetch, injected", (request) => globalThis.fetch(request)],
];

describe.each(TRANSPORTS)('through %s', (_name, fetch) => {
  const client = (options: DiditClientOptions = {}) =>
    new DiditClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrl: didit.url,
      authUrl: didit.url,
      fetch,
      ...options,
    });

  it('authenticates and fetches the seed decision, deep-equal to the JSON', async () => {
    const decision = await client().sessions.getDecision(SESSION_ID);
    expect(decision).toEqual(v1Example('decision.declined-aml.json'));
    expect(didit.requests.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /auth/v2/token/',
      `GET /v1/session/${SESSION_ID}/decision/`,
    ]);
  });

  it('keeps the connection alive: calls one after another open no new connection', async () => {
    const c = client();
    await c.sessions.getDecision(SESSION_ID);
    const afterFirstCall = didit.connections;
    // The token request and the first call run back to back (see the next test): 1 or 2.
    expect(afterFirstCall).toBeGreaterThanOrEqual(1);
    expect(afterFirstCall).toBeLessThanOrEqual(2);
    for (let i = 0; i < 5; i++) {
      await breath();
      await c.sessions.getDecision(SESSION_ID);
    }
    expect(didit.requests).toHaveLength(7);
    expect(didit.connections).toBe(afterFirstCall);
  });

  it('keeps the connection alive: one connection for six calls through a proxy route (no token)', async () => {
    const c = client({ clientId: undefined, clientSecret: undefined });
    for (let i = 0; i < 6; i++) {
      await c.sessions.getDecision(SESSION_ID);
      await breath();
    }
    expect(didit.requests).toHaveLength(6);
    expect(didit.connections).toBe(1);
  });

  it('reuses connections for back-to-back calls: 20 calls, at most 2 connections', async () => {
    // A call made in the same tick as the previous response ends can find the socket still
    // busy and open a second one; after that both are reused, never one per request.
    const c = client();
    for (let i = 0; i < 20; i++) await c.sessions.getDecision(SESSION_ID);
    expect(didit.requests).toHaveLength(21);
    expect(didit.connections).toBeLessThanOrEqual(2);
  });

  it('retries a GET after a dropped connection (ConnectionError), and succeeds', async () => {
    didit.reply('getDecision', { drop: true });
    const decision = await client().sessions.getDecision(SESSION_ID);
    expect(decision.session_id).toBe(SESSION_ID);
    expect(apiRequests()).toHaveLength(2);
  });

  it('gives a ConnectionError when every attempt is dropped', async () => {
    didit.always('getDecision', { drop: true });
    const error = await client({ maxRetries: 1 })
      .sessions.getDecision(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(apiRequests()).toHaveLength(2);
  });

  it('does not retry a dropped POST create (Didit may have created the session)', async () => {
    didit.always('create', { drop: true });
    const error = await client({ maxRetries: 3 })
      .sessions.create({ callback: 'https://example.com/cb', vendor_data: 'u' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(apiRequests()).toHaveLength(1);
  });

  it('gives a TimeoutError after timeoutMs on a slow response, and the server sees the request abandoned', async () => {
    didit.always('getDecision', after(2000));
    const started = performance.now();
    const error = await client({ timeoutMs: 80, maxRetries: 0 })
      .sessions.getDecision(SESSION_ID)
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    // undici's headersTimeout ticks about once a second (its "fast timers"): well before the 2 s answer.
    expect(elapsed).toBeLessThan(1_600);
    await vi.waitFor(() => expect(apiRequests()[0]?.aborted).toBe(true));
  });

  it('gives a TimeoutError after timeoutMs when the body trickles in (a chunk every 20 ms, never pausing long)', async () => {
    didit.always('getDecision', () => {
      const bytes = (text: string) => new TextEncoder().encode(text);
      let timer: ReturnType<typeof setInterval> | undefined;
      let end: ReturnType<typeof setTimeout> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes('{"session_id":'));
          timer = setInterval(() => controller.enqueue(bytes(' ')), 20);
          end = setTimeout(() => {
            clearInterval(timer);
            controller.enqueue(bytes('"late"}'));
            controller.close();
          }, 3000);
        },
        cancel() {
          clearInterval(timer);
          clearTimeout(end);
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const started = performance.now();
    const error = await client({ timeoutMs: 150, maxRetries: 0 })
      .sessions.getDecision(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('retries a GET that timed out, and succeeds when the next answer is quick', async () => {
    didit.reply('getDecision', after(2000));
    const decision = await client({ timeoutMs: 150 }).sessions.getDecision(SESSION_ID);
    expect(decision.session_id).toBe(SESSION_ID);
    expect(apiRequests()).toHaveLength(2);
  });

  it('stops at once on an abort, and the server sees the request abandoned', async () => {
    didit.always('getDecision', after(5000));
    const controller = new AbortController();
    const pending = client()
      .sessions.getDecision(SESSION_ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(apiRequests()).toHaveLength(1));
    const started = performance.now();
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(200);
    await vi.waitFor(() => expect(apiRequests()[0]?.aborted).toBe(true));
    expect(apiRequests()).toHaveLength(1);
  });

  it('returns the PDF bytes exactly (all 256 byte values)', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    didit.always('generatePdf', {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename=session_${SESSION_ID}.pdf`,
      },
      body: pdf,
    });
    const bytes = await client().sessions.generatePdf(SESSION_ID);
    expect(Buffer.from(bytes).equals(pdf)).toBe(true);
  });

  it('reads a 404 as a NotFoundError and a 429 with Retry-After: 0 as a retry', async () => {
    didit.reply(
      'getDecision',
      { status: 429, headers: { 'retry-after': '0' }, body: { detail: 'throttled' } },
      { status: 404, headers: { 'x-request-id': 'req-404' }, body: { detail: 'Not found.' } },
    );
    const error = await client()
      .sessions.getDecision(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ requestId: 'req-404', status: 404 });
    expect(apiRequests()).toHaveLength(2);
  });

  it('reads an HTML page with 200 as a ResponseValidationError', async () => {
    didit.always('getDecision', {
      status: 200,
      headers: { 'content-type': 'text/html', 'x-request-id': 'req-html' },
      body: '<html>captive portal</html>',
    });
    const error = await client()
      .sessions.getDecision(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ requestId: 'req-html' });
  });

  it('retries even a POST when the connection is refused (nothing was sent)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const retries: unknown[] = [];
    const error = await new DiditClient({
      baseUrl: `http://127.0.0.1:${port}`,
      fetch,
      maxRetries: 1,
      logger: { info: (message, fields) => retries.push([message, fields]) },
    }).sessions
      .create({ callback: 'https://example.com/cb', vendor_data: 'u' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(retries).toEqual([['didit retry', expect.objectContaining({ reason: 'connection_error', retry: 1 })]]);
  });
});

describe('the default transport', () => {
  it("is undici's own, not Node's global fetch", async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    await new DiditClient({ baseUrl: didit.url }).sessions.getDecision(SESSION_ID);
    expect(spy).not.toHaveBeenCalled();
    expect(apiRequests()).toHaveLength(1);
  });
});
