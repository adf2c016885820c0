import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createMockApp, type MockServer, startMockServer } from '../src/index.ts';
import { basic, SEED_ID } from './helpers.ts';

// Requests that go wrong below the app, over real HTTP: a request target @hono/node-server
// refuses, and a client that leaves while its body is being read. Neither is the mock's fault, so
// neither gets a 500 nor an "unexpected error" on stderr (found by tests/reliability's fuzzing).

let server: MockServer;
let consoleError: MockInstance<typeof console.error>;

beforeAll(async () => {
  consoleError = vi.spyOn(console, 'error');
  server = await startMockServer({ port: 0 });
});

beforeEach(() => {
  consoleError.mockClear();
});

afterAll(async () => {
  await server.close();
  consoleError.mockRestore();
});

/** Writes `text` on a fresh connection; resolves with what the server answered before closing. */
function send(text: string, { destroyAfterMs }: { destroyAfterMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(text);
      if (destroyAfterMs === undefined) socket.end();
      else setTimeout(() => socket.destroy(), destroyAfterMs);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

describe('requests that fail below the app', () => {
  it('answers a backslash in the path with a 400 and an x-request-id, not a 500', async () => {
    const answer = await send(
      `GET /v1/session/${SEED_ID}\\..\\/decision/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.toLowerCase()).toContain('x-request-id:');
    expect(answer).toContain('{"detail":"Bad request."}');
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('does not log an unexpected error when a client leaves in the middle of its body', async () => {
    await send(
      `POST /auth/v2/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${basic()}\r\n` +
        'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=cli',
      { destroyAfterMs: 20 },
    );
    // The server notices the closed socket on its next turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consoleError).not.toHaveBeenCalled();
    const after = await fetch(`${server.url}/auth/v2/token/`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(after.status).toBe(200);
  });
});

describe('the redirect to the path with its trailing slash', () => {
  it('keeps the escapes of the path as sent: control characters and encoded slashes stay encoded', async () => {
    const app = createMockApp();
    for (const [sent, location] of [
      ['/v1/session/%00/decision', '/v1/session/%00/decision/'],
      ['/v1/session/a%0Db/decision?x=1', '/v1/session/a%0Db/decision/?x=1'],
      ['/v1/session/a%2Fb/decision', '/v1/session/a%2Fb/decision/'],
      [`/v1/session/${SEED_ID}/decision?`, `/v1/session/${SEED_ID}/decision/`],
    ] as const) {
      const res = await app.request(`http://x${sent}`);
      expect(res.status, sent).toBe(301);
      expect(res.headers.get('location')).toBe(location);
    }
    expect(consoleError).not.toHaveBeenCalled();
  });
});
