import { DEFAULT_AUTH_URL, DEFAULT_BASE_URL } from '@didit-kit/core';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { createMockApp, type MockInstance } from './app.ts';
import { ConnectionDroppedError } from './faults.ts';
import type { MockAppOptions } from './options.ts';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './v1/auth.ts';
import { DEFAULT_API_KEY } from './v3/auth.ts';

// What a story or a jsdom test needs beside the handlers, so it imports this entry alone.
export { FIXTURE_SESSION_IDS } from './v1/fixtures.ts';
export { V3_FIXTURE_IDS } from './v3/fixtures.ts';
export { V3_SCENARIOS } from './v3/scenarios.ts';

// MSW request handlers backed by the mock itself: each intercepted request is answered by the same
// Hono app `startMockServer` serves (same store, fixtures, scenarios, admin routes and faults), so a
// jsdom test or a Storybook story needs no server and sees exactly what the mock server would answer.
// This entry never imports node:http (server.ts).

/** Didit's API and its v1 token endpoint: where a `DiditClient` goes by default (core's defaults). */
export const DIDIT_ORIGINS: readonly string[] = [DEFAULT_BASE_URL, DEFAULT_AUTH_URL];

export interface DiditHandlersOptions extends MockAppOptions {
  /**
   * Where the handlers answer: an origin (Didit's, by default both of `DIDIT_ORIGINS`) or your app's
   * proxy route (`/api/didit`, `http://localhost/api/didit`). At a route with a path, the handlers
   * stand in for your server's proxy as well: the path before Didit's is dropped and the mock's
   * credentials are added, as `createDiditProxy` adds yours (without its `authorize` or allow-list).
   */
  baseUrl?: string | readonly string[] | undefined;
}

export interface DiditHandlers {
  /** Pass them to `setupServer(...)` (`msw/node`) or `setupWorker(...)` (`msw/browser`). */
  readonly handlers: HttpHandler[];
  /** The mock behind the handlers: read or steer sessions (`mock.store`, `mock.request('/__mock/...')`). */
  readonly mock: MockInstance;
  /** Sessions back to the fixtures alone (v1 and v3), as a fresh mock has them: call it in `afterEach`. */
  reset(): void;
}

/**
 * MSW handlers that answer like Didit, from an in-process mock.
 * Throws `TypeError` for a `baseUrl` that is neither an http(s) URL nor a path, and what
 * `createMockApp` throws for bad options.
 */
export function diditHandlers(options: DiditHandlersOptions = {}): DiditHandlers {
  const { baseUrl, ...mockOptions } = options;
  const bases = baseUrl === undefined ? DIDIT_ORIGINS : typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  const mock = createMockApp(mockOptions);
  const credentials = new ProxyCredentials(mock, mockOptions);
  const handlers = bases.map((base) => {
    const prefix = pathPrefix(base);
    return http.all(`${base.replace(/\/+$/, '')}/*`, async ({ request }) => {
      try {
        return prefix === '' ? await mock.fetch(request) : await mock.fetch(await credentials.forward(request, prefix));
      } catch (error) {
        // The mock's `fail=connection` fault: a network error, as a dropped connection is to fetch.
        if (error instanceof ConnectionDroppedError) return HttpResponse.error();
        throw error;
      }
    });
  });
  return {
    handlers,
    mock,
    reset() {
      mock.store.reset();
    },
  };
}

/** The path of a proxy route (`/api/didit`), or `''` for an origin. */
function pathPrefix(base: string): string {
  if (typeof base !== 'string' || base === '') throw new TypeError('baseUrl must be an http(s) URL or a path');
  if (base.startsWith('/')) return base.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TypeError(`baseUrl must be an http(s) URL or a path starting with "/"; got ${JSON.stringify(base)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must be an http(s) URL');
  return url.pathname.replace(/\/+$/, '');
}

/** What a proxy adds before a request reaches Didit: the API key (v3) or a bearer token (v1). */
class ProxyCredentials {
  readonly #mock: MockInstance;
  readonly #apiKey: string;
  readonly #basic: string;
  #token: Promise<string> | undefined;

  constructor(mock: MockInstance, options: MockAppOptions) {
    this.#mock = mock;
    this.#apiKey = options.apiKey ?? DEFAULT_API_KEY;
    this.#basic = `Basic ${btoa(`${options.clientId ?? DEFAULT_CLIENT_ID}:${options.clientSecret ?? DEFAULT_CLIENT_SECRET}`)}`;
  }

  async forward(request: Request, prefix: string): Promise<Request> {
    const url = new URL(request.url);
    url.pathname = url.pathname.slice(prefix.length) || '/';
    const headers = new Headers(request.headers);
    if (url.pathname.startsWith('/v1/')) headers.set('authorization', `Bearer ${await this.#v1Token()}`);
    else headers.set('x-api-key', this.#apiKey);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    return new Request(url, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
    });
  }

  #v1Token(): Promise<string> {
    // One token for the mock's lifetime (24 h by default), as the client's token manager keeps one.
    this.#token ??= this.#mock
      .fetch('http://mock.invalid/auth/v2/token/', {
        method: 'POST',
        headers: { authorization: this.#basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
      .then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    return this.#token;
  }
}
