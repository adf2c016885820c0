// Hardening, over real HTTP on 127.0.0.1 through both transports: a response body is counted as
// it arrives (after decompression) and abandoned past `maxResponseBytes`, on a success and on an
// error status, and a redirect is never followed. The memory tests stream 300 MB from the server
// (one chunk written again and again, with back-pressure) and hold the client's RSS growth to
// under 50 MB.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGzip } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APIError,
  ConfigurationError,
  DEFAULT_MAX_RESPONSE_BYTES,
  DiditClient,
  DiditError,
  type FetchLike,
  InvalidArgumentError,
  ResponseTooLargeError,
  ResponseValidationError,
  ServerError,
  type V3ClientOptions,
} from '../src/index.ts';
import { rejectionOf } from './helpers/fake-didit.ts';

const ID = '11111111-2222-3333-4444-555555555555';
const DECISION_PATH = `/v3/session/${ID}/decision/`;
const MiB = 1024 * 1024;
const HUGE = 300 * MiB;
const MAX_RSS_GROWTH = 50 * MiB;

// --- a server per test ----------------------------------------------------------------------

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface TestServer {
  url: string;
  seen: string[];
  /** Bytes the handler wrote before it finished or the client went away. */
  bytesSent: () => number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function startServer(): Promise<TestServer> {
  let handler: Handler = (_req, res) => res.end();
  const seen: string[] = [];
  let sent = 0;
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    countWrites(res, (bytes) => {
      sent += bytes;
    });
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const test: TestServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    bytesSent: () => sent,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(test);
  return test;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Counts the body bytes a handler writes (with `write` or `end`). */
function countWrites(res: ServerResponse, add: (bytes: number) => void): void {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let ending = false;
  const count = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) add(Buffer.byteLength(chunk));
  };
  res.write = ((chunk: Uint8Array, ...rest: never[]) => {
    if (!ending) count(chunk);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: never[]) => {
    if (typeof chunk !== 'function') count(chunk);
    ending = true; // end() may write its chunk through write(): counted once
    return end(chunk as Uint8Array, ...rest);
  }) as typeof res.end;
}

/** Writes `chunk` until `total` bytes are out, waiting for 'drain', and stops when the client goes. */
function stream(res: ServerResponse, chunk: Uint8Array, total: number): void {
  let left = total;
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  const pump = () => {
    while (!gone && left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!gone) res.end();
  };
  pump();
}

/** A JSON-looking body of `total` bytes, streamed without ever being allocated: `{"detail":"aaaa…`. */
function hugeJson(status: number, total = HUGE, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${status}`, ...headers });
    res.write('{"detail":"');
    stream(res, Buffer.alloc(64 * 1024, 'a'), total);
  };
}

// --- memory -----------------------------------------------------------------------------------

// `global.gc` when node runs with --expose-gc; otherwise the flag is set now and gc is taken from a
// fresh context (a documented V8 behaviour), so the "before" is measured on a collected heap.
const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
})();

interface Measured<T> {
  outcome: T;
  beforeMiB: number;
  peakMiB: number;
  afterMiB: number;
  ms: number;
}

/** Runs `work`, sampling RSS every 2 ms: the growth that matters is the peak, not what is left after. */
async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const started = performance.now();
  try {
    const outcome = await work();
    const ms = Math.round(performance.now() - started);
    peak = Math.max(peak, process.memoryUsage().rss);
    gc();
    const after = process.memoryUsage().rss;
    const mib = (n: number) => Math.round((n / MiB) * 10) / 10;
    return { outcome, beforeMiB: mib(before), peakMiB: mib(peak), afterMiB: mib(after), ms };
  } finally {
    clearInterval(sampler);
  }
}

const measurements: Record<string, Omit<Measured<unknown>, 'outcome'> & { serverSentMiB: number }> = {};
afterAll(() => {
  // The figures behind the assertions, for the record (visible with --reporter=verbose).
  console.info(JSON.stringify(measurements, null, 1));
});

function record(name: string, m: Measured<unknown>, server: TestServer) {
  const { outcome: _, ...figures } = m;
  measurements[name] = { ...figures, serverSentMiB: Math.round((server.bytesSent() / MiB) * 10) / 10 };
  expect(m.peakMiB - m.beforeMiB, `RSS grew by ${m.peakMiB - m.beforeMiB} MiB`).toBeLessThan(MAX_RSS_GROWTH / MiB);
}

// --- the transports -----------------------------------------------------------------------------

const TRANSPORTS: [string, FetchLike | undefined][] = [
  ['the default undici transport', undefined],
  ["Node's global fetch, injected", (request) => globalThis.fetch(request)],
];

/** 200 MB of zeros, gzipped (about 200 kB): compressed in 1 MiB pieces, never held whole. */
let gzipBomb: Buffer;
const BOMB_INFLATED = 200 * 1000 * 1000;
beforeAll(async () => {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(gzip, 'end');
  const zeros = Buffer.alloc(MiB);
  for (let written = 0; written < BOMB_INFLATED; written += zeros.length) {
    const piece = BOMB_INFLATED - written >= zeros.length ? zeros : zeros.subarray(0, BOMB_INFLATED - written);
    if (!gzip.write(piece)) await once(gzip, 'drain');
  }
  gzip.end();
  await ended;
  gzipBomb = Buffer.concat(out);
}, 30_000);

describe.each(TRANSPORTS)('through %s', (transport, fetch) => {
  let server: TestServer;
  const client = (options: V3ClientOptions = {}) =>
    new DiditClient({ apiKey: 'sk_test_hardening_key_0123456789', baseUrl: server.url, fetch, ...options });

  beforeAll(async () => {
    // One call first, so the code paths have run before any "before" is measured.
    server = await startServer();
    server.handle((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"detail":"Not found."}');
    });
    await rejectionOf(client({ maxRetries: 0 }).sessions.getDecision(ID));
  });
  beforeEach(async () => {
    server = await startServer();
  });

  it('refuses a 300 MB decision with ResponseTooLargeError, reading no more than the limit (RSS growth < 50 MB)', async () => {
    server.handle(hugeJson(200));
    const m = await measure(() => rejectionOf(client().sessions.getDecision(ID)));
    const error = m.outcome as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(DiditError);
    expect(error).toMatchObject({
      code: 'response_too_large',
      status: 200,
      requestId: 'req-200',
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
    expect(error.message).toBe(
      `GET /v3/session/{sessionId}/decision/ failed: the response is larger than maxResponseBytes (${DEFAULT_MAX_RESPONSE_BYTES} bytes)`,
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'response_too_large', status: 200 });
    // Not retried (a GET, with retries left): the next answer would be as large.
    expect(server.seen).toEqual([`GET ${DECISION_PATH}`]);
    // The client hung up: the server got nowhere near 300 MB out (socket buffers hold a few MB).
    await expect.poll(() => server.bytesSent()).toBeLessThan(DEFAULT_MAX_RESPONSE_BYTES + 16 * MiB);
    record(`${transport}: 300 MB decision`, m, server);
  });

  it('gives a 500 with a 300 MB body as a ServerError without the body (RSS growth < 50 MB)', async () => {
    server.handle(hugeJson(500));
    const m = await measure(() => rejectionOf(client({ maxRetries: 0 }).sessions.getDecision(ID)));
    const error = m.outcome as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, requestId: 'req-500', body: undefined });
    expect(error.message).toBe('GET /v3/session/{sessionId}/decision/ failed with 500');
    record(`${transport}: 500 with a 300 MB body`, m, server);
  });

  it('still retries a 503 with a huge body, and reads each one only up to the limit', async () => {
    let n = 0;
    server.handle((req, res) => {
      if (++n < 3) return hugeJson(503, 40 * MiB, { 'retry-after': '0' })(req, res);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"detail":"Not found."}');
    });
    const error = await rejectionOf(client({ maxResponseBytes: MiB }).sessions.getDecision(ID));
    expect(error).toMatchObject({ status: 404, message: expect.stringContaining('Not found.') });
    expect(server.seen).toHaveLength(3);
  });

  it('honours maxResponseBytes exactly: a body of the limit passes, one byte more does not', async () => {
    const body = JSON.stringify({ detail: 'x'.repeat(1000) });
    server.handle((_req, res) => {
      // Chunked (no content-length): the bytes are counted as they arrive.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const exact = await client({ maxResponseBytes: body.length }).request({ method: 'GET', path: '/v3/x/' });
    expect(exact).toEqual({ detail: 'x'.repeat(1000) });
    const over = await rejectionOf(
      client({ maxResponseBytes: body.length - 1 }).request({ method: 'GET', path: '/v3/x/' }),
    );
    expect(over).toBeInstanceOf(ResponseTooLargeError);
    expect(over).toMatchObject({ maxResponseBytes: body.length - 1, message: expect.stringContaining('GET /v3/x/') });
  });

  it('refuses a 300 MB PDF with its content-length declared, at once (undici: before reading a byte)', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(HUGE) });
      stream(res, Buffer.alloc(64 * 1024, 0x25), HUGE);
    });
    const started = performance.now();
    const error = await rejectionOf(client().sessions.generatePdf(ID));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a gzip bomb (200 kB that inflates to 200 MB) without inflating it (RSS growth < 50 MB)', async () => {
    expect(gzipBomb.length).toBeLessThan(1 * MiB);
    server.handle((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(gzipBomb.length),
      });
      res.end(gzipBomb);
    });
    const m = await measure(() => rejectionOf(client().sessions.getDecision(ID)));
    if (fetch) {
      // fetch inflates: the inflated bytes are counted, and inflating stops at the limit.
      expect(m.outcome).toBeInstanceOf(ResponseTooLargeError);
    } else {
      // undici's request asks for no compression and inflates nothing: 200 kB of gzip is not JSON.
      expect(m.outcome).toBeInstanceOf(ResponseValidationError);
      expect((m.outcome as Error).message).toContain('Expected a JSON body');
    }
    expect(server.seen).toHaveLength(1);
    record(`${transport}: gzip bomb`, m, server);
  });

  it('gives a 500 whose gzip body inflates past the limit as a ServerError without the body', async () => {
    server.handle((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipBomb);
    });
    const error = await rejectionOf(client({ maxRetries: 0 }).sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ServerError);
    if (fetch) expect(error).toMatchObject({ body: undefined });
  });

  it('refuses maxResponseBytes that is not a whole number > 0', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => client({ maxResponseBytes: bad })).toThrow(InvalidArgumentError);
    }
    expect(client({ maxResponseBytes: 5 }).maxResponseBytes).toBe(5);
    expect(client().toJSON()).toMatchObject({ maxResponseBytes: 10 * 1024 * 1024 });
  });
});

describe.each(TRANSPORTS)('a redirect, through %s', (_transport, fetch) => {
  it.each([301, 302, 303, 307, 308])(
    'is not followed: a %i to another origin is an APIError, and the other origin sees nothing',
    async (status) => {
      const other = await startServer();
      other.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"session_id":"stolen"}');
      });
      const didit = await startServer();
      didit.handle((_req, res) => {
        res.writeHead(status, { location: `${other.url}${DECISION_PATH}`, 'x-request-id': 'req-redirect' });
        res.end();
      });
      const client = new DiditClient({ apiKey: 'sk_test_redirect_key_0123456789', baseUrl: didit.url, fetch });
      const error = await rejectionOf(client.sessions.getDecision(ID));
      // Every Didit path ends in "/": a redirect of one is a framework stripping the slash (Next's 308),
      // a ConfigurationError (an APIError too) that names the setting, never retried.
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toBeInstanceOf(APIError);
      expect(error).toMatchObject({ status, requestId: 'req-redirect', code: 'configuration_error' });
      expect((error as Error).message).toBe(
        `GET /v3/session/{sessionId}/decision/ failed with ${status}: redirects are not followed, and the path ends ` +
          'in "/": a framework that removes trailing slashes answered before your proxy route (Next.js: set ' +
          'skipTrailingSlashRedirect: true in next.config)',
      );
      // Not retried, not followed: one request, to Didit only.
      expect(didit.seen).toEqual([`GET ${DECISION_PATH}`]);
      expect(other.seen).toEqual([]);

      const write = await rejectionOf(client.sessions.create({ workflow_id: ID }));
      expect(write).toMatchObject({ status });
      expect(other.seen).toEqual([]);
    },
  );
});

describe('the fetch transport', () => {
  it('sends every request with redirect: manual', async () => {
    const requests: Request[] = [];
    const client = new DiditClient({
      baseUrl: 'https://didit.test',
      fetch: (request) => {
        requests.push(request);
        return new Response(null, { status: 404 });
      },
    });
    await rejectionOf(client.sessions.getDecision(ID));
    expect(requests.map((r) => r.redirect)).toEqual(['manual']);
  });

  it("reads a browser's opaque redirect (status 0) as an APIError, not a success", async () => {
    // What a browser's fetch answers a redirect with under redirect: 'manual'.
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' });
    Object.defineProperty(opaque, 'status', { value: 0 });
    const client = new DiditClient({ baseUrl: 'https://didit.test', fetch: () => opaque, maxRetries: 0 });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 0 });
    expect((error as Error).message).toContain('failed with 0: redirects are not followed');
    expect((error as Error).message).toContain('skipTrailingSlashRedirect');
  });

  it('says nothing of trailing slashes for a redirect of a path without one (client.request)', async () => {
    const client = new DiditClient({
      baseUrl: 'https://didit.test',
      fetch: () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } }),
      maxRetries: 0,
    });
    const error = await rejectionOf(client.request({ method: 'GET', path: '/v3/custom' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe('GET /v3/custom failed with 302: redirects are not followed');
  });

  it('cancels the body of an injected fetch that ignores signals, once the limit is passed', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const client = new DiditClient({
      baseUrl: 'https://didit.test',
      maxResponseBytes: MiB,
      fetch: () => new Response(endless, { status: 200 }),
    });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(40);
  });
});
