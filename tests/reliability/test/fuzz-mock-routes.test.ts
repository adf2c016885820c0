import { ConnectionDroppedError, createMockApp, FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFigures } from '../lib/figures.ts';
import { loadFixtures } from '../lib/fixtures.ts';
import { fuzz } from '../lib/fuzz.ts';
import {
  asksForFailure,
  authorizations,
  body,
  contentType,
  extraHeaders,
  method,
  operationRequest,
  path,
  query,
  scenario,
  v3Body,
} from '../lib/http-arbitraries.ts';
import { fetchToken, type MockServerProcess, startMockCli } from '../lib/processes.ts';
import { rawBytes, rawRequest, requestTarget } from '../lib/raw-http.ts';
import { SCALE } from '../lib/scale.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Fuzzing the mock server: arbitrary ids, paths, methods, headers, query strings and bodies on
// every route never get a 5xx unless the request asked for one (`Prefer: code=500`, `?__mock=`),
// and the server stays up. In-process (`app.request`) for speed, then a smaller run over real
// HTTP against the CLI in its own process, plus raw bytes that are not HTTP at all.

const SEED_ID = FIXTURE_SESSION_IDS.declinedAml;
const seedFixture = loadFixtures().get(SEED_ID);
const secrets = new Secrets();
const capture = new Capture();

/** A copy of a response's body for the secret search; PDFs are binary and skipped. */
function responseText(contentTypeHeader: string | null | undefined, bytes: Uint8Array): string {
  if (contentTypeHeader?.includes('pdf')) return '';
  return Buffer.from(bytes).toString('utf8').slice(0, 20_000);
}

afterAll(() => {
  const searched = capture.expectNoLeaks(secrets);
  reportFigures('fuzz mock routes secrets', { sources: searched.sources, bytes: searched.bytes, leaks: 0 });
});

describe('fuzzing the mock server', () => {
  it('in-process: no 5xx unless asked for, no throw unless a dropped connection was asked for, server still serves', async () => {
    const app = createMockApp({ clientId: secrets.clientId, clientSecret: secrets.clientSecret });
    const tokenResponse = await app.request('/auth/v2/token/', {
      method: 'POST',
      headers: {
        authorization: `Basic ${secrets.basicCredentials}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    secrets.tokens.add(token);
    const statuses = new Map<string, number>();

    await fuzz(
      'mock routes in-process',
      fc.asyncProperty(
        method,
        path,
        query,
        authorizations(token, secrets.basicCredentials),
        contentType,
        fc.option(scenario, { nil: undefined }),
        extraHeaders,
        body,
        fc.constantFrom(undefined, 'mock-api-key', 'mock-api-key ', 'wrong-key'),
        async (verb, target, search, authorization, type, prefer, extra, payload, apiKey) => {
          let url: string;
          try {
            url = new URL(`${target}${search}`, 'http://didit.mock').href;
          } catch {
            fc.pre(false);
            return;
          }
          const headers = new Headers();
          for (const [name, value] of Object.entries(extra)) headers.set(name, value);
          if (authorization !== undefined) headers.set('authorization', authorization);
          if (apiKey !== undefined) headers.set('x-api-key', apiKey);
          if (type !== undefined) headers.set('content-type', type);
          if (prefer !== undefined) headers.set('prefer', prefer);
          const withBody = verb !== 'GET' && verb !== 'HEAD' && payload !== undefined;
          const sent = typeof payload === 'string' || payload instanceof Uint8Array ? payload : JSON.stringify(payload);
          const asked = asksForFailure([prefer, headers.get('prefer') ?? undefined, search, safeDecode(search)]);
          let response: Response;
          try {
            response = await app.request(url, { method: verb, headers, body: withBody ? sent : undefined });
          } catch (error) {
            // Only `fail=connection` may end a request without an answer.
            expect(error instanceof ConnectionDroppedError && asked.drop, String(error)).toBe(true);
            statuses.set('dropped', (statuses.get('dropped') ?? 0) + 1);
            return;
          }
          const key = `${Math.floor(response.status / 100)}xx`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (response.status >= 500) expect(asked.serverError, `${verb} ${url} -> ${response.status}`).toBe(true);
          expect(response.headers.get('x-request-id')).toBeTruthy();
          const bytes = new Uint8Array(await response.arrayBuffer());
          capture.add(`in-process ${verb} response`, responseText(response.headers.get('content-type'), bytes));
          capture.add(`in-process ${verb} response headers`, JSON.stringify([...response.headers]));
        },
      ),
      SCALE.fuzzRuns,
      () => Object.fromEntries([...statuses].sort()),
    );

    // Still up, and still right.
    await app.request('/__mock/reset', { method: 'POST', headers: { 'content-type': 'application/json' } });
    const after = await app.request(`/v1/session/${SEED_ID}/decision/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual(seedFixture);
  });

  it('in-process, past authentication: every operation of the v3 API with hostile ids and bodies answers, never a 5xx', async () => {
    const app = createMockApp();
    const statuses = new Map<string, number>();
    await fuzz(
      'v3 operations in-process, authenticated',
      fc.asyncProperty(
        operationRequest,
        v3Body,
        fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'text/plain', undefined),
        async ({ method: verb, path: target }, payload, type) => {
          let url: string;
          try {
            url = new URL(target, 'http://didit.mock').href;
          } catch {
            fc.pre(false);
            return;
          }
          const headers = new Headers({ 'x-api-key': 'mock-api-key' });
          if (type !== undefined) headers.set('content-type', type);
          const withBody = verb !== 'GET' && verb !== 'DELETE';
          const response = await app.request(url, {
            method: verb,
            headers,
            body: withBody ? JSON.stringify(payload) : undefined,
          });
          const key = `${Math.floor(response.status / 100)}xx`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          expect(response.status, `${verb} ${target} -> ${response.status}`).toBeLessThan(500);
          capture.add(`operations ${verb} response`, await response.text());
        },
      ),
      SCALE.fuzzRuns,
      () => Object.fromEntries([...statuses].sort()),
    );
    // Still serving.
    expect((await app.request('/v3/workflows/', { headers: { 'x-api-key': 'mock-api-key' } })).status).toBe(200);
  });

  describe('over HTTP, against the CLI in its own process', () => {
    let server: MockServerProcess;
    let token: string;

    it('no 5xx unless asked for, and the process stays up', async () => {
      server = await startMockCli(['--client-id', secrets.clientId, '--client-secret', secrets.clientSecret]);
      try {
        token = await fetchToken(server.url, secrets.clientId, secrets.clientSecret);
        secrets.tokens.add(token);
        const statuses = new Map<string, number>();
        const framing = new Set([
          'content-length',
          'transfer-encoding',
          'host',
          'connection',
          'expect',
          'upgrade',
          'te',
          'trailer',
        ]);

        await fuzz(
          'mock routes over HTTP',
          fc.asyncProperty(
            method,
            path,
            query,
            authorizations(token, secrets.basicCredentials),
            contentType,
            fc.option(scenario, { nil: undefined }),
            extraHeaders,
            body,
            async (verb, target, search, authorization, type, prefer, extra, payload) => {
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(extra)) {
                if (!framing.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
              }
              if (authorization !== undefined) headers.authorization = authorization;
              if (type !== undefined) headers['content-type'] = type;
              if (prefer !== undefined) headers.prefer = prefer;
              const withBody = verb !== 'GET' && verb !== 'HEAD' && payload !== undefined;
              const sent =
                typeof payload === 'string' || payload instanceof Uint8Array ? payload : JSON.stringify(payload);
              const asked = asksForFailure([prefer, headers.prefer, search, safeDecode(search)]);
              const requestLine = `${verb} ${requestTarget(`${target}${search}`)}`;
              let response: Awaited<ReturnType<typeof rawRequest>>;
              try {
                response = await rawRequest(server.url, {
                  method: verb,
                  target: requestTarget(`${target}${search}`),
                  headers,
                  body: withBody ? sent : undefined,
                });
              } catch (error) {
                expect(asked.drop, `${requestLine}: ${String(error)}`).toBe(true);
                statuses.set('dropped', (statuses.get('dropped') ?? 0) + 1);
                return;
              }
              const key = `${Math.floor(response.status / 100)}xx`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
              if (response.status >= 500) expect(asked.serverError, `${requestLine} -> ${response.status}`).toBe(true);
              const type_ = response.headers['content-type'];
              capture.add(
                `HTTP ${verb} response`,
                responseText(typeof type_ === 'string' ? type_ : undefined, response.body),
              );
              capture.add(`HTTP ${verb} response headers`, JSON.stringify(response.headers));
            },
          ),
          SCALE.httpFuzzRuns,
          () => Object.fromEntries([...statuses].sort()),
        );

        // Bytes that are not HTTP at all: Node's parser answers 400 (or closes), the server lives on.
        await fuzz(
          'raw bytes over TCP',
          fc.asyncProperty(
            fc.oneof(
              fc.uint8Array({ maxLength: 400 }),
              fc
                .string({ unit: 'binary-ascii', maxLength: 200 })
                .map((text) => new TextEncoder().encode(`${text}\r\n\r\n`)),
              fc
                .constantFrom(
                  'GET /v1/session/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
                  'POST /auth/v2/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
                  'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n',
                  'GET / HTTP/9.9\r\n\r\n',
                  `GET /v1/session/${SEED_ID}/decision/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000\r\n\r\n`,
                )
                .map((text) => new TextEncoder().encode(text)),
            ),
            async (bytes) => {
              const answer = await rawBytes(server.url, bytes);
              const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
              if (status !== undefined) expect(Number(status)).toBeLessThan(500);
              capture.add('raw TCP answer', answer.slice(0, 5_000));
            },
          ),
          Math.max(20, Math.round(SCALE.httpFuzzRuns / 4)),
        );

        // Still up, and still right.
        expect(server.run.child.exitCode).toBeNull();
        const reset = await rawRequest(server.url, {
          method: 'POST',
          target: '/__mock/reset',
          headers: { 'content-type': 'application/json' },
        });
        expect(reset.status).toBe(200);
        const after = await fetch(`${server.url}/v1/session/${SEED_ID}/decision/`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(after.status).toBe(200);
        expect(await after.json()).toEqual(seedFixture);
      } finally {
        const code = await server.stop();
        capture.addOutput('mock server', server.run);
        expect(code).toBe(0);
        // An unexpected error is logged to stderr by the mock: there must be none.
        expect(server.run.stderr()).toBe('');
      }
    });
  });
});

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
