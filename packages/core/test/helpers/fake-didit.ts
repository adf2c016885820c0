// The v1 unit tests' Didit: the test kit's stand-in as an injected `fetch` (no sockets, so fake timers
// work), with a handler per side: the auth server's token route, and everything else. The tests are
// deterministic and never touch the network.
import { createDiditStandIn, json, type Recorded, tokenBody, v1Example } from '@didit-kit/test-kit/didit';
import { DiditClient, type DiditClientOptions } from '../../src/v1/index.ts';

export { json, tokenBody };

export const SESSION_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'test-client-id';
/** Distinctive, so a leak anywhere is found by a plain substring search. */
export const CLIENT_SECRET = 'sk_live_SECRET-d1d1t-4c7f9e0b';
export const BASE_URL = 'https://api.test';
export const AUTH_URL = 'https://auth.test';

export type SeenRequest = Recorded;

/** Answers one request; `nth` counts the requests of its side (token, or the API) from 1. */
export type Handler = (request: SeenRequest, nth: number) => Response | Promise<Response>;

export interface FakeDiditOptions {
  /** Answers `POST {auth}/auth/v2/token/`. Default: a fresh 24 h token per request. */
  token?: Handler;
  /** Answers everything else. Default: the stand-in's own answers (the seed's decision for the decision route). */
  api?: Handler;
}

/** A recording fetch: the auth server's token route and the verification API. */
export function fakeDidit(options: FakeDiditOptions = {}) {
  const didit = createDiditStandIn({ clientId: CLIENT_ID });
  const tokenRequests: SeenRequest[] = [];
  const apiRequests: SeenRequest[] = [];
  didit.always('*', (request) => {
    if (request.route === 'token') {
      tokenRequests.push(request);
      return options.token?.(request, tokenRequests.length);
    }
    apiRequests.push(request);
    return options.api?.(request, apiRequests.length);
  });
  return { fetch: didit.fetch, requests: didit.requests, tokenRequests, apiRequests };
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

/** The seed decision, with the fields of your choosing. */
export function decisionWith(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...v1Example<Record<string, unknown>>('decision.declined-aml.json'), ...overrides };
}
