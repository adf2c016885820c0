import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '@didit-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framedHeaders, rawRequest } from '../lib/raw-http.ts';

// The fuzzing's raw-HTTP helper must frame every body it sends. Node's client sends a body of a
// DELETE, OPTIONS or GET with neither Content-Length nor chunked encoding; the server then parsed
// the body as the next request, answered it 400 and closed, and the full run failed now and then
// with ECONNRESET.

interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const clientErrors: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.end('ok');
    });
  });
  // A body read as a request would arrive here (Node answers it 400 and closes the connection).
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    clientErrors.push(error.code ?? error.message);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('rawRequest frames every body', () => {
  const METHODS = ['DELETE', 'OPTIONS', 'GET', 'POST', 'PATCH', 'PUT', 'PROPFIND'];
  const BODIES: (string | Uint8Array)[] = [
    'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n',
    '{"é":"✓"}',
    new Uint8Array([0, 1, 2, 255]),
    'x'.repeat(300_000),
    '',
  ];

  it('sends each body whole, with its exact Content-Length, whatever the method', async () => {
    for (const method of METHODS) {
      for (const body of BODIES) {
        seen.length = 0;
        const response = await rawRequest(base, { method, target: '/echo', headers: { 'x-test': '1' }, body });
        expect(response.status, method).toBe(200);
        expect(seen, method).toHaveLength(1);
        const expected = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
        expect(seen[0]!.body.equals(expected), `${method} body`).toBe(true);
        expect(seen[0]!.headers['content-length'], method).toBe(String(expected.byteLength));
        expect(seen[0]!.headers['transfer-encoding'], method).toBeUndefined();
      }
    }
    expect(clientErrors).toEqual([]);
  });

  it('replaces framing headers of the caller, and sends none without a body', () => {
    expect(framedHeaders({ 'Content-Length': '999', 'transfer-encoding': 'chunked', a: 'b' }, 'abc')).toEqual({
      headers: { a: 'b', 'content-length': '3' },
      body: Buffer.from('abc'),
    });
    expect(framedHeaders({ a: 'b' }, undefined)).toEqual({ headers: { a: 'b' }, body: undefined });
  });

  it('against the mock server: a DELETE or OPTIONS with a body gets its answer, never a reset', async () => {
    const mock = await startMockServer({ port: 0 });
    try {
      for (let run = 0; run < 20; run++) {
        for (const method of ['DELETE', 'OPTIONS']) {
          const response = await rawRequest(mock.url, {
            method,
            target: '/v1/session/',
            headers: { 'content-type': 'application/json' },
            body: run % 2 ? 'x'.repeat(300_000) : '{"a":1}',
          });
          expect([401, 405], `${method} run ${run}`).toContain(response.status);
        }
      }
    } finally {
      await mock.close();
    }
  });
});
