import { readFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiditProxy, type DiditProxyHandler, type DiditProxyOptions } from '../src/server.ts';
import {
  DiditClient,
  InvalidArgumentError,
  NotFoundError,
  RateLimitError,
  sessionDecisionSchema,
} from '../src/v1/index.ts';

// Everything runs over real HTTP on 127.0.0.1: a small stand-in for Didit (token + decision +
// PDF), the proxy mounted on node:http with the adapter the README shows, and a browser-style
// DiditClient with no credentials pointed at the proxy.

const CLIENT_ID = 'proxy-test-client';
const CLIENT_SECRET = 'sk_live_PROXY-SECRET-7c1e55';
const ACCESS_TOKEN = 'at_PROXY-TOKEN-93ab04e1';
const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const SECRETS = [CLIENT_SECRET, ACCESS_TOKEN, BASIC];

const ID = '11111111-2222-3333-4444-555555555555';
const IN_PROGRESS_ID = '22222222-2222-3333-4444-555555555555';
const seedText = readFileSync(new URL('../spec/examples/v1/decision.declined-aml.json', import.meta.url), 'utf8');
// Didit's text with things a re-serialisation would change: a whole float, an escape, spacing.
const DECLINED_TEXT = seedText.replace(
  '"session_number": 43762,',
  '"session_number": 43762, "x_float": 97.0,  "x_esc": "Zo\\u00eb",',
);
const IN_PROGRESS_TEXT = DECLINED_TEXT.replaceAll(ID, IN_PROGRESS_ID).replace(
  '"status": "Declined"',
  '"status": "In Progress"',
);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255]), Buffer.from('\n%%EOF')]);

type UpstreamHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A stand-in for Didit on 127.0.0.1 that counts what reaches it. */
class Upstream {
  readonly counts = { token: 0, decision: 0, pdf: 0, other: 0 };
  /** Per-session overrides of the decision route. */
  readonly decisions = new Map<string, UpstreamHandler>();
  tokenHandler: UpstreamHandler | undefined;
  readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    Object.assign(this.counts, { token: 0, decision: 0, pdf: 0, other: 0 });
    this.decisions.clear();
    this.tokenHandler = undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '';
    if (req.method === 'POST' && path === '/auth/v2/token/') {
      this.counts.token++;
      if (this.tokenHandler) return this.tokenHandler(req, res);
      if (req.headers.authorization !== `Basic ${BASIC}`) return send(res, 401, { error: 'invalid_client' });
      return send(res, 200, { access_token: ACCESS_TOKEN, expires_in: 86_400, client_id: CLIENT_ID });
    }
    const match = /^\/v1\/session\/([^/]+)\/(decision|generate-pdf)\/$/.exec(path);
    if (req.method !== 'GET' || !match) {
      this.counts.other++;
      return send(res, 404, { detail: 'Not found.' });
    }
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return send(res, 401, { detail: 'Bad token.' });
    const [, id = '', action] = match;
    // Headers that must never reach a browser, next to the three that may.
    const leaky = {
      'set-cookie': 'csrftoken=abc; Path=/',
      server: 'gunicorn',
      'x-powered-by': 'Django',
      'x-internal-token': ACCESS_TOKEN,
      authorization: `Bearer ${ACCESS_TOKEN}`,
      via: '1.1 internal-lb',
      'x-ratelimit-remaining': '99',
      'x-request-id': `req-${id.slice(0, 8)}`,
    };
    if (action === 'generate-pdf') {
      this.counts.pdf++;
      res.writeHead(200, {
        ...leaky,
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename=session_${id}.pdf`,
      });
      res.end(PDF);
      return;
    }
    this.counts.decision++;
    const override = this.decisions.get(id.toLowerCase());
    if (override) return override(req, res);
    const text = id.toLowerCase() === IN_PROGRESS_ID ? IN_PROGRESS_TEXT : DECLINED_TEXT.replaceAll(ID, id);
    res.writeHead(200, { ...leaky, 'content-type': 'application/json' });
    res.end(text);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** What every browser received, to search for secrets at the end. */
const sentToBrowsers: string[] = [];

/** The README's mounting: the proxy behind `createServer` through `getRequestListener`, recording what it sent. */
function toNodeListener(handler: (request: Request) => Promise<Response>) {
  return getRequestListener(async (request) => {
    const response = await handler(request);
    const body = Buffer.from(await response.arrayBuffer());
    sentToBrowsers.push(`${response.status} ${JSON.stringify([...response.headers])} ${body.toString('latin1')}`);
    return new Response(body, { status: response.status, headers: response.headers });
  });
}

interface ProxyServer {
  url: string;
  close(): Promise<void>;
}

async function startProxy(handler: DiditProxyHandler): Promise<ProxyServer> {
  const listener = toNodeListener(handler);
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A raw HTTP request, so paths reach the server exactly as written (fetch would normalise them). */
function raw(
  base: string,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes a request line byte for byte (UTF-8), for paths even node:http's client refuses to send. */
function rawSocket(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`, 'utf8'));
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

const upstream = new Upstream();
const serverClient = () =>
  new DiditClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: upstream.url,
    authUrl: upstream.url,
    maxRetries: 0,
  });

let proxy: ProxyServer | undefined;
async function mount(options: DiditProxyOptions = {}, client = serverClient()): Promise<ProxyServer> {
  await proxy?.close();
  proxy = await startProxy(createDiditProxy(client, { prefix: '/api/didit', ...options }));
  return proxy;
}
const browser = (p: ProxyServer) => new DiditClient({ baseUrl: `${p.url}/api/didit`, maxRetries: 0 });
const decisionPath = (id: string) => `/api/didit/v1/session/${id}/decision/`;

beforeAll(() => upstream.start());
beforeEach(() => upstream.reset());
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});
afterAll(() => new Promise<void>((resolve) => upstream.server.close(() => resolve())));

describe('createDiditProxy: the happy path', () => {
  it('gives a credential-less browser client a validated SessionDecision', async () => {
    const p = await mount();
    const decision = await browser(p).sessions.getDecision(ID);
    expect(decision).toEqual(sessionDecisionSchema.parse(JSON.parse(DECLINED_TEXT)));
    expect(decision.status).toBe('Declined');
    expect(upstream.counts).toMatchObject({ token: 1, decision: 1 });
  });

  it("passes Didit's body through byte for byte, with its status", async () => {
    const p = await mount();
    const response = await raw(p.url, decisionPath(ID));
    expect(response.status).toBe(200);
    expect(response.body.toString('utf8')).toBe(DECLINED_TEXT);
    expect(response.body.toString('utf8')).toContain('"x_float": 97.0,  "x_esc": "Zo\\u00eb"');
  });

  it('keeps content-type and x-request-id, adds no-store, and strips every other upstream header', async () => {
    const p = await mount();
    const { headers } = await raw(p.url, decisionPath(ID));
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-request-id']).toBe('req-11111111');
    expect(headers['cache-control']).toBe('no-store');
    for (const name of [
      'set-cookie',
      'server',
      'x-powered-by',
      'x-internal-token',
      'authorization',
      'via',
      'x-ratelimit-remaining',
    ]) {
      expect(headers[name], name).toBeUndefined();
    }
  });

  it('matches any leading path when mounted without a prefix', async () => {
    const p = await startProxy(createDiditProxy(serverClient()));
    try {
      expect((await raw(p.url, `/whatever/nested${decisionPath(ID)}`)).status).toBe(200);
      expect((await raw(p.url, `/v1/session/${ID}/decision/`)).status).toBe(200);
    } finally {
      await p.close();
    }
  });

  it('accepts an upper-case UUID and the path without its trailing slash', async () => {
    const p = await mount({ cacheMs: 0 });
    expect((await raw(p.url, decisionPath(ID.toUpperCase()))).status).toBe(200);
    expect((await raw(p.url, decisionPath(ID).slice(0, -1))).status).toBe(200);
  });
});

describe('createDiditProxy: rate-limit care', () => {
  it('coalesces 50 concurrent polls of one session into exactly 1 upstream request', async () => {
    // No cache: only coalescing can explain a single request. Didit answers only once all 50
    // browser requests have reached the proxy (counted in `authorize`, which runs for each).
    let arrived = 0;
    let release: () => void = () => {};
    const all = new Promise<void>((resolve) => {
      release = resolve;
    });
    upstream.decisions.set(ID, async (_req, res) => {
      await all;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(DECLINED_TEXT);
    });
    const p = await mount({
      cacheMs: 0,
      terminalCacheMs: 0,
      authorize: () => {
        if (++arrived === 50) release();
        return true;
      },
    });
    const client = browser(p);
    const decisions = await Promise.all(Array.from({ length: 50 }, () => client.sessions.getDecision(ID)));
    expect(decisions.every((d) => d.session_id === ID)).toBe(true);
    expect(upstream.counts.decision).toBe(1);
    expect(upstream.counts.token).toBe(1);
  });

  it('serves 50 concurrent polls from 1 upstream request with the default options too', async () => {
    const p = await mount();
    const client = browser(p);
    await Promise.all(Array.from({ length: 50 }, () => client.sessions.getDecision(ID)));
    expect(upstream.counts.decision).toBe(1);
  });

  it('keeps a non-terminal decision for cacheMs, a terminal one for terminalCacheMs', async () => {
    let clock = 1_000_000;
    const p = await mount({ cacheMs: 2_000, terminalCacheMs: 60_000, now: () => clock });
    const client = browser(p);
    await client.sessions.getDecision(IN_PROGRESS_ID);
    await client.sessions.getDecision(ID);
    await client.sessions.getDecision(IN_PROGRESS_ID);
    await client.sessions.getDecision(ID);
    clock += 1_999;
    await client.sessions.getDecision(IN_PROGRESS_ID);
    expect(upstream.counts.decision).toBe(2);
    clock += 2;
    expect((await client.sessions.getDecision(IN_PROGRESS_ID)).status).toBe('In Progress');
    await client.sessions.getDecision(ID);
    // Only the In Progress session was asked again.
    expect(upstream.counts.decision).toBe(3);
    clock += 60_000;
    await client.sessions.getDecision(ID);
    expect(upstream.counts.decision).toBe(4);
  });

  it('passes a 429 on with Retry-After, and answers the next polls without asking Didit until then', async () => {
    upstream.decisions.set(ID, (_req, res) =>
      send(res, 429, { detail: 'Request was throttled. Expected available in 7 seconds.' }, { 'retry-after': '7' }),
    );
    let clock = 1_000_000;
    const p = await mount({ now: () => clock });
    const first = await raw(p.url, decisionPath(ID));
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect(JSON.parse(first.body.toString())).toEqual({
      detail: 'Request was throttled. Expected available in 7 seconds.',
    });
    const error = await browser(p)
      .sessions.getDecision(ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7_000);
    clock += 3_000;
    expect((await raw(p.url, decisionPath(ID))).headers['retry-after']).toBe('4');
    expect(upstream.counts.decision).toBe(1);
    clock += 4_000;
    expect((await raw(p.url, decisionPath(ID))).status).toBe(429);
    expect(upstream.counts.decision).toBe(2);
  });
});

describe('createDiditProxy: refusals that never reach Didit', () => {
  const refusedPaths = [
    ['another endpoint', `/api/didit/v1/session/${ID}/update-status/`],
    ['session creation', '/api/didit/v1/session/'],
    ['the token endpoint', '/api/didit/auth/v2/token/'],
    ['a longer path', `/api/didit/v1/session/${ID}/decision/extra/`],
    ['the PDF when not allowed', `/api/didit/v1/session/${ID}/generate-pdf/`],
    ['another prefix', `/other/v1/session/${ID}/decision/`],
    ['no prefix', `/v1/session/${ID}/decision/`],
    ['an id that is not a UUID', '/api/didit/v1/session/123/decision/'],
    ['an encoded traversal', '/api/didit/v1/session/..%2F..%2Fauth%2Fv2%2Ftoken/decision/'],
    ['an encoded slash inside a UUID', '/api/didit/v1/session/11111111-2222-3333-4444%2F555555555555/decision/'],
    ['dot segments', `/api/didit/v1/session/${ID}/../../../auth/v2/token/`],
    [
      'an encoded unicode id',
      `/api/didit/v1/session/${encodeURIComponent('١١١١١١١١')}-2222-3333-4444-555555555555/decision/`,
    ],
    ['a UUID with a trailing NUL', `/api/didit/v1/session/${ID}%00/decision/`],
    ['a UUID with a query-looking suffix', `/api/didit/v1/session/${ID};x=1/decision/`],
  ] as const;

  it.each(refusedPaths)('404 for %s', async (_name, path) => {
    const p = await mount();
    const response = await raw(p.url, path);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString())).toEqual({ detail: 'Not found.' });
    expect(upstream.counts).toEqual({ token: 0, decision: 0, pdf: 0, other: 0 });
  });

  it('refuses a raw (unescaped) unicode id without contacting Didit', async () => {
    const p = await mount();
    const status = await rawSocket(
      p.url,
      '/api/didit/v1/session/１１１１１１１１-2222-3333-4444-555555555555/decision/',
    );
    // Node's parser may refuse the bytes itself (400); either way nothing is forwarded.
    expect([400, 404]).toContain(status);
    expect(upstream.counts).toEqual({ token: 0, decision: 0, pdf: 0, other: 0 });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])('405 with Allow: GET for %s', async (method) => {
    const p = await mount();
    const response = await raw(p.url, decisionPath(ID), method);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
    expect(upstream.counts).toEqual({ token: 0, decision: 0, pdf: 0, other: 0 });
  });

  it('403 when authorize says no; authorize gets the request and the session id', async () => {
    const seen: [string | null, string][] = [];
    const p = await mount({
      authorize: (request, sessionId) => {
        seen.push([request.headers.get('cookie'), sessionId]);
        return request.headers.get('cookie') === 'user=owner';
      },
    });
    const refused = await raw(p.url, decisionPath(ID), 'GET', { cookie: 'user=intruder' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString())).toEqual({
      detail: 'You do not have permission to perform this action.',
    });
    expect(upstream.counts.decision).toBe(0);
    expect((await raw(p.url, decisionPath(ID), 'GET', { cookie: 'user=owner' })).status).toBe(200);
    // A cached decision still goes through authorize.
    expect((await raw(p.url, decisionPath(ID), 'GET', { cookie: 'user=intruder' })).status).toBe(403);
    expect(seen).toEqual([
      ['user=intruder', ID],
      ['user=owner', ID],
      ['user=intruder', ID],
    ]);
  });

  it('403 when an async authorize resolves to anything but true', async () => {
    const p = await mount({ authorize: async () => 'yes' as unknown as boolean });
    expect((await raw(p.url, decisionPath(ID))).status).toBe(403);
  });
});

describe('createDiditProxy: the PDF', () => {
  it("passes the report's bytes and headers on when allowed, to a browser client's generatePdf", async () => {
    const p = await mount({ allow: ['decision', 'pdf'] });
    const response = await raw(p.url, `/api/didit/v1/session/${ID}/generate-pdf/`);
    expect(response.status).toBe(200);
    expect(response.body.equals(PDF)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=session_${ID}.pdf`);
    expect(response.headers['set-cookie']).toBeUndefined();
    const bytes = await browser(p).sessions.generatePdf(ID);
    expect(Buffer.from(bytes).equals(PDF)).toBe(true);
  });
});

describe('createDiditProxy: upstream errors', () => {
  it("404 from Didit reaches the browser as Didit's 404", async () => {
    upstream.decisions.set(ID, (_req, res) => send(res, 404, { detail: 'Not found.' }));
    const p = await mount();
    const error = await browser(p)
      .sessions.getDecision(ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).body).toEqual({ detail: 'Not found.' });
  });

  it('5xx keeps its status with a generic detail', async () => {
    upstream.decisions.set(ID, (_req, res) => send(res, 503, { detail: 'maintenance on db-7.internal' }));
    const p = await mount();
    const response = await raw(p.url, decisionPath(ID));
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body.toString())).toEqual({ detail: 'Didit answered 503.' });
  });

  it('502 for a decision that fails the schema, and for a body that is not JSON', async () => {
    upstream.decisions.set(ID, (_req, res) => send(res, 200, { session_id: 42 }));
    upstream.decisions.set(IN_PROGRESS_ID, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>oops</html>');
    });
    const p = await mount();
    for (const id of [ID, IN_PROGRESS_ID]) {
      const response = await raw(p.url, decisionPath(id));
      expect(response.status).toBe(502);
      expect(JSON.parse(response.body.toString()).detail).toMatch(/schema/);
    }
  });

  it('502 when the connection to Didit drops', async () => {
    upstream.decisions.set(ID, (req) => {
      req.socket.destroy();
    });
    const p = await mount();
    const response = await raw(p.url, decisionPath(ID));
    expect(response.status).toBe(502);
    expect(JSON.parse(response.body.toString())).toEqual({ detail: 'Could not reach Didit.' });
  });

  it('502 when Didit is not listening at all', async () => {
    const dead = new DiditClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrl: 'http://127.0.0.1:9',
      authUrl: 'http://127.0.0.1:9',
      maxRetries: 0,
    });
    const p = await mount({}, dead);
    expect((await raw(p.url, decisionPath(ID))).status).toBe(502);
  });

  it("502, not 401, when Didit refuses the server's credentials (the browser must not sign in again)", async () => {
    upstream.tokenHandler = (_req, res) =>
      send(res, 401, { error: 'invalid_client', error_description: `bad secret ${CLIENT_SECRET}` });
    const p = await mount();
    const response = await raw(p.url, decisionPath(ID));
    expect(response.status).toBe(502);
    expect(JSON.parse(response.body.toString())).toEqual({
      detail: 'The server could not authenticate with Didit.',
      code: 'didit_credentials_refused',
    });
  });

  it('redacts the token from a 4xx detail that echoes it', async () => {
    upstream.decisions.set(ID, (_req, res) => send(res, 400, { detail: `bad request with Bearer ${ACCESS_TOKEN}` }));
    const p = await mount();
    const response = await raw(p.url, decisionPath(ID));
    expect(response.status).toBe(400);
    expect(response.body.toString()).toContain('[redacted]');
  });
});

describe('createDiditProxy: configuration', () => {
  it.each([[{ cacheMs: -1 }], [{ terminalCacheMs: Number.NaN }], [{ prefix: 'api/didit' }]])(
    'refuses %o',
    (options) => {
      expect(() => createDiditProxy(serverClient(), options)).toThrow(InvalidArgumentError);
    },
  );

  it('accepts a prefix with a trailing slash', async () => {
    const p = await startProxy(createDiditProxy(serverClient(), { prefix: '/api/didit/' }));
    try {
      expect((await raw(p.url, decisionPath(ID))).status).toBe(200);
    } finally {
      await p.close();
    }
  });
});

describe('createDiditProxy: secrets', () => {
  it('never sent the client secret, the Basic credentials or the access token to a browser', async () => {
    // Every response of every test in this file went through the adapter, which recorded it;
    // these few make sure each kind of answer is in the record even when this test runs alone.
    const p = await mount({ allow: ['decision', 'pdf'] });
    await raw(p.url, decisionPath(ID));
    await raw(p.url, `/api/didit/v1/session/${ID}/generate-pdf/`);
    upstream.decisions.set(IN_PROGRESS_ID, (_req, res) => send(res, 400, { detail: `echo Bearer ${ACCESS_TOKEN}` }));
    await raw(p.url, decisionPath(IN_PROGRESS_ID));
    upstream.tokenHandler = (_req, res) => send(res, 401, { error_description: `bad ${CLIENT_SECRET} ${BASIC}` });
    const fresh = await mount();
    await raw(fresh.url, decisionPath(ID));
    expect(sentToBrowsers.length).toBeGreaterThanOrEqual(4);
    for (const text of sentToBrowsers) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
