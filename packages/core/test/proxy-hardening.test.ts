// The proxy cannot be drained or abused: unknown ids, Didit's 429, huge review bodies, HTML from
// upstream, a missing key. Upstream is the v3 spec stand-in on 127.0.0.1; where the point is bytes
// on a socket (a 200 MB review body), the proxy itself is served over real HTTP too.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, type DiditLogger } from '../src/index.ts';
import { createDiditProxy, type DiditProxyAction, type DiditProxyOptions } from '../src/server.ts';

const API_KEY = 'sk_test_HARDEN0v3Key0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5';
const ID = '11111111-2222-3333-4444-555555555555';
const OTHER = '22222222-3333-4444-5555-666666666666';
const APP = 'http://app.test/api/didit';

let standIn: ServedDiditStandIn;
beforeAll(async () => {
  standIn = await startDiditStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

/** A logger that keeps every line. */
function capture() {
  const lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  const logger: DiditLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

function proxyFor(
  options: DiditProxyOptions = {},
  client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url }),
) {
  return createDiditProxy(client, { prefix: '/api/didit', logger: {}, ...options });
}

const decisionRequest = (id = ID) => new Request(`${APP}/v3/session/${id}/decision/`);

describe("Didit's answers cannot drain the key's limit", () => {
  it('50 requests for one unknown id make 1 upstream call, each answered 404', async () => {
    const proxy = proxyFor();
    standIn.reply('getDecision', { status: 404, body: v3Example('error.404.session-not-found.json') });
    for (let i = 0; i < 50; i++) {
      const response = await proxy(decisionRequest());
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: 'Session not found.' });
    }
    expect(standIn.requests).toHaveLength(1);
  });

  it('one 429 holds back every session until Retry-After, and callers get 429 at once', async () => {
    const proxy = proxyFor();
    standIn.reply('getDecision', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: v3Example('error.429.get.json'),
    });
    const first = await proxy(decisionRequest(ID));
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(25);

    const started = performance.now();
    const other = await proxy(decisionRequest(OTHER));
    expect(performance.now() - started).toBeLessThan(200);
    expect(other.status).toBe(429);
    expect(Number(other.headers.get('retry-after'))).toBeGreaterThan(25);
    // The 429 was neither waited out nor retried, and the other session never reached Didit.
    expect(standIn.requests).toHaveLength(1);
  });

  it('the hold ends when Retry-After has passed', async () => {
    let clock = 1_000_000;
    const proxy = proxyFor({ now: () => clock });
    standIn.reply('getDecision', {
      status: 429,
      headers: { 'retry-after': '2' },
      body: v3Example('error.429.get.json'),
    });
    expect((await proxy(decisionRequest(ID))).status).toBe(429);
    expect((await proxy(decisionRequest(OTHER))).status).toBe(429);
    clock += 2_001;
    expect((await proxy(decisionRequest(OTHER))).status).toBe(200);
    expect(standIn.requests).toHaveLength(2);
  });

  it('retries a failing upstream call at most once', async () => {
    const proxy = proxyFor();
    standIn.reply(
      'getDecision',
      { status: 503, body: 'down' },
      { status: 503, body: 'down' },
      { status: 503, body: 'down' },
    );
    const response = await proxy(decisionRequest());
    expect(response.status).toBe(503);
    expect(standIn.requests).toHaveLength(2);
  });
});

describe('authorize sees the action', () => {
  it('is asked with the action, and a read-only check refuses a review', async () => {
    const seen: DiditProxyAction[] = [];
    const proxy = proxyFor({
      allow: ['decision', 'pdf', 'update-status'],
      // The owner of a session may read it, never review it: only reviewers may update-status.
      authorize: (_request, _sessionId, { action }) => {
        seen.push(action);
        return action !== 'update-status';
      },
    });
    expect((await proxy(decisionRequest())).status).toBe(200);
    expect((await proxy(new Request(`${APP}/v3/session/${ID}/generate-pdf/`))).status).toBe(200);
    const review = await proxy(
      new Request(`${APP}/v3/session/${ID}/update-status/`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ new_status: 'Approved' }),
      }),
    );
    expect(review.status).toBe(403);
    expect(seen).toEqual(['decision', 'pdf', 'update-status']);
    expect(standIn.requests.map((r) => r.route)).toEqual(['getDecision', 'generatePdf']);
  });
});

describe('only JSON or a PDF download is ever served', () => {
  it('serves application/json whatever content type Didit sent with the decision', async () => {
    const proxy = proxyFor();
    standIn.reply('getDecision', {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: JSON.stringify(v3Example('decision.user.json')),
    });
    const response = await proxy(decisionRequest());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('turns an HTML error page from Didit into a JSON error', async () => {
    const proxy = proxyFor();
    standIn.reply('getDecision', {
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<html><script>alert(1)</script></html>',
    });
    const response = await proxy(decisionRequest());
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).not.toContain('<script>');
  });

  it('serves the PDF as an attachment named by the proxy', async () => {
    const proxy = proxyFor({ allow: ['decision', 'pdf'] });
    standIn.reply('generatePdf', (request) => ({
      status: 200,
      headers: { 'content-type': 'text/html', 'content-disposition': 'inline; filename="x.html"' },
      body: Buffer.from(`%PDF-1.4\n${request.pathname}\n%%EOF`),
    }));
    const response = await proxy(new Request(`${APP}/v3/session/${ID}/generate-pdf/`));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename=session_${ID}.pdf`);
  });
});

describe('failures are reported on the server', () => {
  it("calls onError and logs at error level with Didit's request id", async () => {
    const { lines, logger } = capture();
    const errors: unknown[] = [];
    const proxy = proxyFor({
      logger,
      onError: (error, context) => errors.push([error, context.action, context.sessionId]),
    });
    standIn.reply('getDecision', { status: 500, headers: { 'x-request-id': 'req-500-a' }, body: '{}' });
    standIn.reply('getDecision', { status: 500, headers: { 'x-request-id': 'req-500-b' }, body: '{}' });
    const response = await proxy(decisionRequest());
    expect(response.status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject([{ status: 500, requestId: 'req-500-b' }, 'decision', ID]);
    const logged = lines.filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.fields).toMatchObject({ requestId: 'req-500-b', status: 500, action: 'decision', sessionId: ID });
  });

  it('logs a refused key at error level and answers 502, never echoing the key', async () => {
    const { lines, logger } = capture();
    const proxy = proxyFor({ logger });
    standIn.reply('getDecision', { status: 403, body: v3Example('error.403.invalid-credentials.json') });
    const response = await proxy(decisionRequest());
    expect(response.status).toBe(502);
    expect(lines.find((l) => l.level === 'error')?.message).toMatch(/credentials/);
    expect(JSON.stringify(lines)).not.toContain(API_KEY);
  });

  it('answers 502 for a decision larger than the client allows, and reports it', async () => {
    const { lines, logger } = capture();
    const small = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxResponseBytes: 1_000 });
    const proxy = proxyFor({ logger }, small);
    const response = await proxy(decisionRequest());
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ detail: 'Didit sent a response that is too large.' });
    expect(lines.find((l) => l.level === 'error')?.fields).toMatchObject({ code: 'response_too_large' });
  });

  it("does not report Didit's 404 (an answer, not a failure)", async () => {
    const { lines, logger } = capture();
    const proxy = proxyFor({ logger });
    standIn.reply('getDecision', { status: 404, body: v3Example('error.404.not-found.json') });
    expect((await proxy(decisionRequest())).status).toBe(404);
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});

describe('a proxy created without credentials (a build without secrets)', () => {
  it('constructs, answers 500 on use with a clear server log (once a minute), and contacts no one', async () => {
    const { lines, logger } = capture();
    const keyless = new DiditClient({ apiKey: undefined, baseUrl: standIn.url });
    const proxy = proxyFor({ logger }, keyless);
    const first = await proxy(decisionRequest());
    const second = await proxy(decisionRequest());
    expect(first.status).toBe(500);
    expect(second.status).toBe(500);
    expect(await first.json()).toEqual({
      detail: 'The verification service is not configured.',
      code: 'didit_not_configured',
    });
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/no credentials.*apiKey/);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('review bodies are bounded while streaming', () => {
  let server: Server;
  let url: string;
  /** Bytes of request bodies the proxy has pulled, per request. */
  const pulled: number[] = [];

  beforeAll(async () => {
    const proxy = proxyFor({ allow: ['decision', 'update-status'], authorize: () => true });
    server = createServer((req, res) => {
      // A streaming adapter: the body goes to the proxy as a pull-based stream (the socket is
      // paused whenever the stream's queue is full), counted as it is read.
      const index = pulled.push(0) - 1;
      let open = true;
      const body = new ReadableStream<Uint8Array>(
        {
          start(controller) {
            req.pause();
            req.on('data', (chunk: Buffer) => {
              if (!open) return;
              pulled[index] = (pulled[index] ?? 0) + chunk.length;
              controller.enqueue(new Uint8Array(chunk));
              if ((controller.desiredSize ?? 0) <= 0) req.pause();
            });
            req.on('end', () => open && controller.close());
          },
          pull() {
            req.resume();
          },
          cancel() {
            open = false;
            req.pause();
          },
        },
        { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
      );
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://app.test${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'PATCH' ? body : null,
        duplex: 'half',
      } as RequestInit);
      void proxy(request).then(async (response) => {
        res.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? '',
          connection: 'close',
        });
        res.end(Buffer.from(await response.arrayBuffer()));
        req.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends up to `totalBytes` of body (lazily, 64 KiB at a time) and resolves with the status. */
  function upload(totalBytes: number, declareLength: boolean): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${url}/api/didit/v3/session/${ID}/update-status/`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          ...(declareLength ? { 'content-length': String(totalBytes) } : {}),
        },
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      let done = false;
      req.on('response', (res) => {
        done = true;
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => (done ? undefined : reject(error)));
      const pump = (): void => {
        while (!done && sent < totalBytes) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done) req.end();
      };
      pump();
    });
  }

  it('refuses a declared 200 MB body on its Content-Length, without reading it', async () => {
    const status = await upload(200 * 1024 * 1024, true);
    expect(status).toBe(413);
    expect(pulled.at(-1)).toBeLessThan(1024 * 1024);
  });

  it('refuses an undeclared (chunked) 200 MB body after 16 KiB, without reading the rest', async () => {
    const status = await upload(200 * 1024 * 1024, false);
    expect(status).toBe(413);
    expect(pulled.at(-1)).toBeLessThan(2 * 1024 * 1024);
    expect(standIn.requests).toHaveLength(0);
  });
});
