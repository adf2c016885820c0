// A scripted stand-in for Didit behind an injected `fetch`: it records every request the
// client sends and answers through per-route handlers, so the unit tests are deterministic
// and never touch the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiditClient, type DiditClientOptions } from '../../src/v1/index.ts';

export const SESSION_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'test-client-id';
/** Distinctive, so a leak anywhere is found by a plain substring search. */
export const CLIENT_SECRET = 'sk_live_SECRET-d1d1t-4c7f9e0b';
export const BASE_URL = 'https://api.test';
export const AUTH_URL = 'https://auth.test';

// A path, not a URL: under jsdom the global URL is jsdom's, which node:fs does not accept.
export const fixturePath = (name: string) => join(import.meta.dirname, '..', 'fixtures', name);
export const readFixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), 'utf8'));

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

export type Handler = (request: SeenRequest, nth: number) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A token body as Didit's auth server sends it; `n` makes each issued token distinct. */
export function tokenBody(n: number, expiresIn = 86_400) {
  return {
    iss: 'https://didit.me',
    client_id: CLIENT_ID,
    expires_in: expiresIn,
    exp: Math.floor(Date.now() / 1000) + expiresIn,
    access_token: `access-token-${n}-e6a1f0`,
  };
}

export interface FakeDiditOptions {
  /** Answers `POST {auth}/auth/v2/token/`. Default: a fresh 24 h token per request. */
  token?: Handler;
  /** Answers everything on the API host. Default: the seed's decision. */
  api?: Handler;
}

/** A recording fetch that routes by host: the auth server and the verification API. */
export function fakeDidit(options: FakeDiditOptions = {}) {
  const requests: SeenRequest[] = [];
  const tokenRequests: SeenRequest[] = [];
  const apiRequests: SeenRequest[] = [];
  const token: Handler = options.token ?? ((_req, n) => json(tokenBody(n)));
  const api: Handler = options.api ?? (() => json(readFixture('decision.declined-aml.json')));

  const fetch = async (request: Request): Promise<Response> => {
    const seen: SeenRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
      signal: request.signal,
    };
    requests.push(seen);
    if (seen.url.origin === AUTH_URL) {
      tokenRequests.push(seen);
      return token(seen, tokenRequests.length);
    }
    apiRequests.push(seen);
    return api(seen, apiRequests.length);
  };
  return { fetch, requests, tokenRequests, apiRequests };
}

/** A client with credentials, talking to `fake`. */
export function clientFor(fake: { fetch: (request: Request) => Promise<Response> }, options: DiditClientOptions = {}) {
  return new DiditClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    authUrl: AUTH_URL,
    fetch: fake.fetch,
    ...options,
  });
}

/** Settles `promise` and returns the error it rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** The decision body, with a status of your choosing. */
export function decisionWith(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(readFixture('decision.declined-aml.json') as Record<string, unknown>), ...overrides };
}
