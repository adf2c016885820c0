import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.ts';
import { LINGER_MS } from '../src/server.ts';
import { getToken, SEED_ID } from './helpers.ts';

// Over real HTTP: a request whose body is still arriving when the server closes the connection
// (the 413 for a body over 1 MiB, a 421, a client that sent `Connection: close`) must get its
// whole answer, and the client must not see EPIPE or ECONNRESET while it finishes uploading.
// Node alone destroys the socket right after the answer, and the kernel resets the rest of the
// upload (2-8 MiB uploads failed with EPIPE every time); the server closes it lingering instead.

let server: MockServer;
let consoleError: MockInstance<typeof console.error>;

beforeAll(async () => {
  consoleError = vi.spyOn(console, 'error');
  server = await startMockServer({ port: 0 });
});

afterAll(async () => {
  await server.close();
  consoleError.mockRestore();
});

interface Upload {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Every error the client saw, on the request, the response or the socket (EPIPE, ECONNRESET, ...). */
  errors: string[];
}

const MiB = 1024 * 1024;

/** One upload on a fresh connection; resolves once the connection is closed, with all it saw. */
function upload(
  size: number,
  options: { chunked?: boolean; method?: string; path?: string; headers?: Record<string, string> } = {},
): Promise<Upload> {
  const { chunked = false, method = 'POST', path = '/v1/session/', headers = {} } = options;
  return new Promise((resolve) => {
    const body = Buffer.alloc(size, 0x61);
    const errors: string[] = [];
    const result: Upload = { status: 0, headers: {}, body: '', errors };
    const sent: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (!chunked) sent['content-length'] = String(size);
    const req = request(`${server.url}${path}`, { method, headers: sent, agent: false });
    const note = (where: string) => (error: NodeJS.ErrnoException) =>
      errors.push(`${where}: ${error.code ?? error.message}`);
    req.on('error', note('request'));
    req.on('socket', (socket) => {
      socket.on('error', note('socket'));
      socket.on('close', () => setTimeout(() => resolve(result), 10));
    });
    req.on('response', (res) => {
      result.status = res.statusCode ?? 0;
      result.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        result.body += chunk;
      });
      res.on('error', note('response'));
      res.on('aborted', () => errors.push('response: aborted'));
    });
    if (chunked) {
      for (let offset = 0; offset < size; offset += 64 * 1024) req.write(body.subarray(offset, offset + 64 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

function expectTooLarge(result: Upload, label: string): void {
  expect(result.errors, label).toEqual([]);
  expect(result.status, label).toBe(413);
  expect(JSON.parse(result.body), label).toEqual({ detail: 'Request body is too large.' });
  expect(result.headers.connection, label).toBe('close');
  expect(result.headers['x-request-id'], label).toBeTruthy();
}

describe('the 413 over real HTTP, with a lingering close', () => {
  it('answers 2, 4 and 8 MiB uploads with a complete 413 and no EPIPE/ECONNRESET, over several runs', async () => {
    for (let run = 0; run < 5; run++) {
      for (const size of [2 * MiB, 4 * MiB, 8 * MiB]) {
        expectTooLarge(await upload(size), `run ${run}, ${size / MiB} MiB with Content-Length`);
      }
    }
  });

  it('does the same for chunked uploads, read until they pass 1 MiB', async () => {
    for (let run = 0; run < 3; run++) {
      for (const size of [2 * MiB, 4 * MiB, 8 * MiB]) {
        expectTooLarge(await upload(size, { chunked: true }), `run ${run}, ${size / MiB} MiB chunked`);
      }
    }
  });

  it('does the same for uploads in parallel', async () => {
    const sizes = [2, 4, 8, 2, 4, 8, 8, 8].map((n) => n * MiB);
    const results = await Promise.all(sizes.map((size, i) => upload(size, { chunked: i % 2 === 1 })));
    for (const [i, result] of results.entries()) expectTooLarge(result, `upload ${i}`);
  });

  it('answers in full, without EPIPE, when a client asks to close and its body is left unread', async () => {
    // A GET's body (no limit applies: no route reads one) behind a 401 and a 200, with the
    // client's `Connection: close`: the server answers without reading it, then closes.
    const token = await getToken(server.app);
    for (const size of [2 * MiB, 8 * MiB]) {
      const denied = await upload(size, {
        method: 'GET',
        path: `/v1/session/${SEED_ID}/decision/`,
        headers: { connection: 'close' },
      });
      expect(denied.errors).toEqual([]);
      expect(denied.status).toBe(401);
      expect(JSON.parse(denied.body)).toEqual({ detail: 'Authentication credentials were not provided.' });
      const served = await upload(size, {
        method: 'GET',
        path: `/v1/session/${SEED_ID}/decision/`,
        headers: { connection: 'close', authorization: `Bearer ${token}` },
      });
      expect(served.errors).toEqual([]);
      expect(served.status).toBe(200);
      expect((JSON.parse(served.body) as { session_id: string }).session_id).toBe(SEED_ID);
    }
  });

  it('stops reading an upload that goes on too long after LINGER_MS, with the 413 already delivered', async () => {
    expect(LINGER_MS).toBeLessThanOrEqual(5_000);
    const started = performance.now();
    const outcome = await new Promise<{ answer: string; closedAfterMs: number; answeredAfterMs: number }>((resolve) => {
      let answeredAt = 0;
      let trickle: ReturnType<typeof setInterval> | undefined;
      // allowHalfOpen: this client does not close its side when the server closes its own.
      const socket = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true }, () => {
        socket.write(
          `POST /v1/session/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${64 * MiB}\r\n\r\n`,
        );
        socket.write(Buffer.alloc(2 * MiB, 0x61));
        // Then a slow trickle, as from a slow uplink: the server reads it for LINGER_MS, then closes.
        trickle = setInterval(() => socket.write(Buffer.alloc(1024, 0x61)), 100);
      });
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString('latin1');
      });
      socket.on('end', () => {
        answeredAt = performance.now() - started;
      });
      socket.on('error', () => {}); // the write after the server's close is reset: expected here
      socket.on('close', () => {
        clearInterval(trickle);
        resolve({ answer, closedAfterMs: performance.now() - started, answeredAfterMs: answeredAt });
      });
    });
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome.answer).toMatch(/\r\n\r\n\{"detail":"Request body is too large\."\}$/);
    // The answer and the server's FIN come at once; the connection ends after the bounded linger.
    expect(outcome.answeredAfterMs).toBeLessThan(1_000);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(LINGER_MS - 100);
    expect(outcome.closedAfterMs).toBeLessThan(LINGER_MS + 3_000);
  });

  it('keeps serving afterwards, and logs nothing', async () => {
    const token = await getToken(server.app);
    const res = await fetch(`${server.url}/v1/session/${SEED_ID}/decision/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(consoleError).not.toHaveBeenCalled();
  });
});
