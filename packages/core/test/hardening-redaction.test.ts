// Hardening: redaction works on values, not on JSON text. Over real HTTP on 127.0.0.1 (a
// node:http server that echoes what it received), through both transports: a secret holding `"`
// or `\`, a form-encoded token response, a token of `"` (or other odd tokens), a one-character
// secret. Each error is checked in every form a person or a log could see.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  DiditClient,
  type FetchLike,
  NotFoundError,
  ResponseValidationError,
  ServerError,
} from '../src/index.ts';
import { MIN_REDACTED_LENGTH, Redactor } from '../src/redactor.ts';
import { DiditClient as V1DiditClient } from '../src/v1/index.ts';
import { rejectionOf } from './helpers/fake-didit.ts';

const ID = '11111111-2222-3333-4444-555555555555';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: { url: string; handle(handler: Handler): void; close(): Promise<void> };

beforeEach(async () => {
  let handler: Handler = (_req, res) => res.end();
  const http = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
});
afterEach(() => server.close());

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Every form of an error a caller could print, log or send on. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error & { body?: unknown; cause?: unknown };
  return {
    message: e.message,
    'JSON.stringify(error)': JSON.stringify(error),
    'inspect(error, {depth: 10})': inspect(error, { depth: 10 }),
    'inspect(error, showHidden)': inspect(error, { depth: 10, showHidden: true }),
    'JSON.stringify(error.body)': String(JSON.stringify(e.body)),
    stack: String(e.stack),
    'String(error.cause)': String(e.cause),
  };
}

/** The secret in none of them: neither as it is, nor escaped as JSON or as `inspect` quotes it. */
function expectClean(error: unknown, secret: string) {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), inspect(secret).slice(1, -1)]);
  for (const [where, text] of Object.entries(renderings(error))) {
    for (const form of forms) {
      expect(text.includes(form), `${JSON.stringify(form)} is in ${where}: ${text.slice(0, 2000)}`).toBe(false);
    }
  }
}

const TRANSPORTS: [string, FetchLike | undefined][] = [
  ['the default undici transport', undefined],
  ["Node's global fetch, injected", (request) => globalThis.fetch(request)],
];

describe.each(TRANSPORTS)('through %s', (_transport, fetch) => {
  const v3 = (apiKey: string) => new DiditClient({ apiKey, baseUrl: server.url, fetch, maxRetries: 0 });
  const v1 = (clientSecret: string) =>
    new V1DiditClient({
      clientId: 'hardening-client',
      clientSecret,
      baseUrl: server.url,
      authUrl: server.url,
      fetch,
      maxRetries: 0,
    });

  /** Echoes the key everywhere a body can hold it: a message, a field, a key, a list, a nested object. */
  const echoKey: Handler = (req, res) => {
    const key = String(req.headers['x-api-key']);
    send(res, 400, {
      detail: `Bad key ${key}.`,
      api_key: [key, `prefix-${key}-suffix`],
      [key]: 'the key as a field name',
      nested: { deeper: [{ value: key }] },
    });
  };

  it.each([
    ['a double quote', 'sk_test_quo"ted"_4f9Q2xR7kLm3Pw8Yt'],
    ['a backslash', 'sk_test_back\\slash\\_4f9Q2xR7kLm3Pw8'],
    ['both, and JSON punctuation', 'sk_test_"},{\\"x\\":[_4f9Q2xR7kLm3'],
  ])(
    'a key with %s is removed from the message, the body (values and keys) and every rendering',
    async (_name, key) => {
      server.handle(echoKey);
      const error = await rejectionOf(v3(key).sessions.getDecision(ID));
      expect(error).toBeInstanceOf(BadRequestError);
      const body = (error as BadRequestError).body as Record<string, unknown>;
      // The echo arrived and was scrubbed value by value, keeping the body's shape.
      expect(body.detail).toBe('Bad key [redacted].');
      expect(body.api_key).toEqual(['[redacted]', 'prefix-[redacted]-suffix']);
      expect(body['[redacted]']).toBe('the key as a field name');
      expect(body.nested).toEqual({ deeper: [{ value: '[redacted]' }] });
      expect((error as Error).message).toContain('Bad key [redacted].');
      expectClean(error, key);
    },
  );

  it('a key with a double quote, echoed in a text body and in a 2xx that is not JSON, is removed', async () => {
    const key = 'sk_test_text"body\\_4f9Q2xR7kLm3Pw8Yt';
    server.handle((req, res) => {
      const echoed = String(req.headers['x-api-key']);
      if (req.method === 'GET') return send(res, 200, `not json: ${echoed}`, { 'content-type': 'text/plain' });
      send(res, 503, `<p>upstream said ${echoed}</p>`, { 'content-type': 'text/html' });
    });
    const validation = await rejectionOf(v3(key).sessions.getDecision(ID));
    expect(validation).toBeInstanceOf(ResponseValidationError);
    // The message quotes the body as JSON text, where the key is escaped: that form is gone too.
    expect((validation as Error).message).toContain('[redacted]');
    expectClean(validation, key);

    const server503 = await rejectionOf(v3(key).sessions.delete(ID));
    expect(server503).toBeInstanceOf(ServerError);
    expectClean(server503, key);
  });

  it('a form-encoded token response is never quoted: not in the message, not anywhere', async () => {
    const token = 'form-encoded-token-7Hq2Lx9Vw3Zr';
    server.handle((req, res) => {
      if (req.url === '/auth/v2/token/') {
        res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
        return res.end(`access_token=${token}&token_type=Bearer&expires_in=86400`);
      }
      send(res, 500, { detail: 'should not be asked' });
    });
    const error = await rejectionOf(v1('client-secret-9Zq2Lm7Xw').sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe('Expected a JSON body (the body is not shown)');
    expectClean(error, token);
  });

  it('a token endpoint 200 of the wrong shape names the fields only, never their values', async () => {
    // (zod's messages name the expected type, never the value received.)
    const token = 'wrong-shape-token-7Hq2Lx9Vw3Zr';
    server.handle((_req, res) => send(res, 200, { access_token: token, expires_in: 'tomorrow', [token]: 1 }));
    const error = await rejectionOf(v1('client-secret-9Zq2Lm7Xw').sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues.map((i) => i.path)).toEqual([['expires_in']]);
    expectClean(error, token);
  });

  it('a token endpoint error keeps only its message fields: the rest of the body (a token, say) is dropped', async () => {
    const token = 'error-body-token-7Hq2Lx9Vw3Zr';
    server.handle((_req, res) =>
      send(res, 401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed.',
        access_token: token,
        debug: { issued: [token] },
      }),
    );
    const error = await rejectionOf(v1('client-secret-9Zq2Lm7Xw').sessions.getDecision(ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('Client authentication failed.');
    expect((error as AuthenticationError).body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    });
    expectClean(error, token);

    // A text body from the token endpoint is not quoted at all.
    server.handle((_req, res) => send(res, 400, `token=${token}`, { 'content-type': 'text/plain' }));
    const text = await rejectionOf(v1('client-secret-9Zq2Lm7Xw').sessions.getDecision(ID));
    expect(text).toBeInstanceOf(AuthenticationError);
    expect((text as AuthenticationError).body).toBeUndefined();
    expectClean(text, token);
  });

  it.each([
    ['"', '{"detail":"Not found."}'],
    ['\\', '{"detail":"Not found."}'],
    ['"}]\\{"[,:', '{"detail":"Not found: \\"}]\\\\{\\"[,:"}'],
  ])('an access token of %j never turns a 404 into a ConnectionError', async (token, notFound) => {
    server.handle((req, res) => {
      if (req.url === '/auth/v2/token/') return send(res, 200, { access_token: token, expires_in: 86_400 });
      // The 404 body holds the token's characters (as JSON escapes them).
      send(res, 404, notFound);
    });
    const error = await rejectionOf(v1('client-secret-9Zq2Lm7Xw').sessions.getDecision(ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ status: 404 });
    if (token.length >= MIN_REDACTED_LENGTH) {
      expect((error as Error).message).toBe(
        'GET /v1/session/{sessionId}/decision/ failed with 404: Not found: [redacted]',
      );
      expectClean(error, token);
    } else {
      // Too short to be a pattern: the message is Didit's, untouched.
      expect((error as Error).message).toBe('GET /v1/session/{sessionId}/decision/ failed with 404: Not found.');
    }
  });

  it('a one-character key does not garble messages or bodies', async () => {
    server.handle((_req, res) => send(res, 404, { detail: 'Not found.', note: 'no such session' }));
    const error = await rejectionOf(v3('o').sessions.getDecision(ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('GET /v3/session/{sessionId}/decision/ failed with 404: Not found.');
    expect((error as NotFoundError).body).toEqual({ detail: 'Not found.', note: 'no such session' });
    for (const text of Object.values(renderings(error))) expect(text).not.toContain('[redacted]');
  });

  it('a one-character client secret does not garble messages, while its Basic credentials are still removed', async () => {
    const basic = Buffer.from('hardening-client:x').toString('base64');
    server.handle((req, res) => send(res, 401, { detail: `Bad credentials: ${req.headers.authorization}` }));
    const error = await rejectionOf(v1('x').sessions.getDecision(ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('Bad credentials: Basic [redacted]');
    expectClean(error, basic);
  });
});

describe('the redactor', () => {
  const secret = 'sk_live_"odd\\secret"_0123456789';
  const redactor = new Redactor();
  redactor.add(secret);

  it('walks values: strings, keys, arrays, nested objects; the same value back when nothing changed', () => {
    const clean = { detail: 'nothing here', list: [1, null, true, 'x'] };
    expect(redactor.redact(clean)).toBe(clean);
    expect(redactor.redact({ [secret]: [secret, { a: `a${secret}b` }], n: 1 })).toEqual({
      '[redacted]': ['[redacted]', { a: 'a[redacted]b' }],
      n: 1,
    });
    // Its JSON-escaped form too, for a message that quotes a body as JSON text.
    expect(redactor.redact(`got ${JSON.stringify(`x${secret}`)}`)).toBe('got "x[redacted]"');
  });

  it('never throws: cycles, deep nesting, throwing getters', () => {
    const cyclic: Record<string, unknown> = { secret };
    cyclic.self = cyclic;
    expect(redactor.redact(cyclic)).toEqual({ secret: '[redacted]', self: '[omitted]' });

    let deep: unknown = secret;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => redactor.redact(deep)).not.toThrow();
    expect(JSON.stringify(redactor.redact(deep))).not.toContain('odd');

    const hostile = {
      get boom(): string {
        throw new Error('getter');
      },
    };
    expect(() => redactor.redact(hostile)).not.toThrow();
  });

  it('drops bytes that hold a secret, and redacts a cause chain', () => {
    const bytes = new TextEncoder().encode(`raw ${secret}`);
    const cause = Object.assign(new Error(`inner ${secret}`), { data: bytes, code: 'X' });
    const outer = new Error('outer', { cause });
    const clean = redactor.redact(outer) as Error & { cause: Error & { data: unknown; code: string } };
    expect(clean.cause.message).toBe('inner [redacted]');
    expect(clean.cause.data).toBe('[redacted bytes]');
    expect(clean.cause.code).toBe('X');
    expect(inspect(clean, { depth: 10 })).not.toContain('odd');
  });

  it(`ignores secrets shorter than ${MIN_REDACTED_LENGTH} characters`, () => {
    const short = new Redactor();
    short.add('"');
    short.add('abc');
    short.addRecent('1234567');
    expect(short.isEmpty).toBe(true);
    expect(short.redact('{"abc": "1234567"}')).toBe('{"abc": "1234567"}');
  });
});

describe('secrets at the edges: redacted before they are cut, and request ids that are not ids', () => {
  const KEY = 'sk_live_EDGE0key0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5';
  const both = (url: string) => [
    new DiditClient({ apiKey: KEY, baseUrl: url, maxRetries: 0 }),
    new DiditClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, fetch: globalThis.fetch as FetchLike }),
  ];

  it.each([60, 70, 79])(
    'a 2xx body that is not JSON, echoing the key at character %i (across the 80-character quote), shows none of it',
    async (at) => {
      server.handle((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`${'<'.repeat(at)}${req.headers['x-api-key']}${'>'.repeat(200)}`);
      });
      for (const client of both(server.url)) {
        const error = await rejectionOf(client.sessions.getDecision(ID));
        expect(error).toBeInstanceOf(ResponseValidationError);
        expect((error as Error).message).toMatch(/^Expected a JSON body, got "<+/);
        for (const [form, text] of Object.entries(renderings(error))) {
          expect(text, form).not.toContain(KEY.slice(0, 6));
        }
      }
    },
  );

  it('an error body that is not JSON, echoing the key across the 1,000-character cut, shows none of it', async () => {
    server.handle((req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${'.'.repeat(990)}${req.headers['x-api-key']}${'.'.repeat(500)}`);
    });
    for (const client of both(server.url)) {
      const error = await rejectionOf(client.sessions.getDecision(ID));
      expect(error).toBeInstanceOf(ServerError);
      for (const [form, text] of Object.entries(renderings(error))) expect(text, form).not.toContain(KEY.slice(0, 6));
    }
  });

  it('masks the start of a secret left at the end of a cut text', () => {
    const redactor = new Redactor();
    redactor.add(KEY);
    expect(redactor.truncate(`${'a'.repeat(10)}${KEY.slice(0, 5)}`, 15)).toBe(`${'a'.repeat(10)}${KEY.slice(0, 5)}`);
    expect(redactor.truncate(`${'a'.repeat(10)}${KEY.slice(0, 5)}zzz`, 15)).toBe(`${'a'.repeat(10)}[redacted]…`);
    expect(redactor.truncate(`${'a'.repeat(10)}${KEY}`, 20)).toBe(`${'a'.repeat(10)}[redacted]`);
    expect(redactor.truncate('a'.repeat(30), 20)).toBe(`${'a'.repeat(20)}…`);
  });

  it.each([
    ['the API key echoed', (key: string) => key],
    ['a header holding the key', (key: string) => `req-${key}`],
    ['markup', () => '<script>alert(1)</script>'],
    ['a very long one', () => 'a'.repeat(200)],
  ])(
    'drops an upstream x-request-id that is %s, on errors, in the proxy log and to the browser',
    async (_name, idOf) => {
      server.handle((req, res) =>
        send(res, 404, { detail: 'Not found.' }, { 'x-request-id': idOf(String(req.headers['x-api-key'])) }),
      );
      for (const client of both(server.url)) {
        const error = (await rejectionOf(client.sessions.getDecision(ID))) as NotFoundError;
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error.requestId).toBeUndefined();
      }
      const logged: unknown[] = [];
      const { createDiditProxy } = await import('../src/server.ts');
      const proxy = createDiditProxy(both(server.url)[0]!, {
        logger: { error: (...args) => logged.push(args), warn: (...args) => logged.push(args) },
      });
      server.handle((req, res) =>
        send(res, 500, { detail: 'boom' }, { 'x-request-id': idOf(String(req.headers['x-api-key'])) }),
      );
      const answer = await proxy(new Request(`http://app.test/v3/session/${ID}/decision/`));
      expect(answer.headers.get('x-request-id')).toBeNull();
      expect(JSON.stringify(logged)).not.toContain(KEY.slice(0, 6));
      expect(logged.length).toBeGreaterThan(0);
    },
  );

  it('keeps a request id that looks like one', async () => {
    const requestId = 'req_01HZX7:abc.def-123';
    server.handle((_req, res) => send(res, 404, { detail: 'Not found.' }, { 'x-request-id': requestId }));
    for (const client of both(server.url)) {
      expect(((await rejectionOf(client.sessions.getDecision(ID))) as NotFoundError).requestId).toBe(requestId);
    }
  });
});
