import { DEFAULT_AUTH_URL, DEFAULT_BASE_URL } from '@didit-kit/core';
import { type DiditProxyCreateDecision, v1Endpoints, v3Endpoints } from '@didit-kit/core/server';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { createMockApp, type MockInstance } from './app.ts';
import { PERMISSION_DENIED } from './drf.ts';
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
   * credentials are added, as `createDiditProxy` adds yours (without its `authorize` or allow-list), and the
   * request goes on to Didit's origin (`https://verification.didit.me`), so a session's `url` is Didit's hosted page
   * address, as your proxy returns it.
   */
  baseUrl?: string | readonly string[] | undefined;
  /**
   * At a proxy route, your proxy's create, as `createDiditProxy`'s option of the same name: `POST {route}/v3/session/`
   * (or `/v1/session/`) creates the session this returns for the request, such as
   * `() => ({ workflow_id, vendor_data: 'alice', callback })`, and the browser's body is not read (so
   * `useCreateSession().mutate()` works); `null`, `undefined` or `false` answers 403 without creating anything.
   * The mock checks the body as Didit does (400 for a missing `workflow_id`). Without it, the browser's body goes to
   * the mock as it is. A `TypeError` when no `baseUrl` is a route with a path.
   */
  prepareCreate?: ((request: Request) => DiditProxyCreateDecision | Promise<DiditProxyCreateDecision>) | undefined;
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
 * Throws `TypeError` for a `baseUrl` that is neither an http(s) URL nor a path, for a `prepareCreate` that is not
 * a function or has no proxy route to serve, and what `createMockApp` throws for bad options.
 */
export function diditHandlers(options: DiditHandlersOptions = {}): DiditHandlers {
  const { baseUrl, prepareCreate, ...mockOptions } = options;
  const bases = baseUrl === undefined ? DIDIT_ORIGINS : typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  const prefixes = bases.map(pathPrefix);
  if (prepareCreate !== undefined) {
    if (typeof prepareCreate !== 'function') throw new TypeError('prepareCreate must be a function');
    if (!prefixes.some((prefix) => prefix !== '')) {
      throw new TypeError(
        "prepareCreate plays your proxy route's create: give baseUrl that route (such as '/api/didit'), not an origin",
      );
    }
  }
  const mock = createMockApp(mockOptions);
  const proxy = new ProxyStandIn(mock, mockOptions, prepareCreate);
  const handlers = bases.map((base, index) => {
    const prefix = prefixes[index]!;
    return http.all(`${base.replace(/\/+$/, '')}/*`, async ({ request }) => {
      try {
        return prefix === '' ? await mock.fetch(request) : await proxy.answer(request, prefix);
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

/** A create through a proxy route: the create entries of core's tables (`POST /v3/session/`, `/v1/session/`). */
const CREATE_PATHS: ReadonlySet<string> = new Set([v3Endpoints.create.path, v1Endpoints.create.path]);

/** `createDiditProxy`'s answer to a create `prepareCreate` refused. */
const REFUSED = { detail: PERMISSION_DENIED };

/**
 * What a proxy does before a request reaches Didit: the path after the route, on Didit's origin, with the API key
 * (v3) or a bearer token (v1), and for a create, the body `prepareCreate` builds.
 */
class ProxyStandIn {
  readonly #mock: MockInstance;
  readonly #apiKey: string;
  readonly #basic: string;
  readonly #prepareCreate: DiditHandlersOptions['prepareCreate'];
  #token: Promise<string> | undefined;

  constructor(mock: MockInstance, options: MockAppOptions, prepareCreate: DiditHandlersOptions['prepareCreate']) {
    this.#mock = mock;
    this.#apiKey = options.apiKey ?? DEFAULT_API_KEY;
    this.#basic = `Basic ${btoa(`${options.clientId ?? DEFAULT_CLIENT_ID}:${options.clientSecret ?? DEFAULT_CLIENT_SECRET}`)}`;
    this.#prepareCreate = prepareCreate;
  }

  async answer(request: Request, prefix: string): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(prefix.length) || '/';
    // On to Didit's origin, as a proxy sends it: the mock writes its hosted page URLs from the origin it is asked at.
    const target = new URL(`${path}${url.search}`, DEFAULT_BASE_URL);
    const headers = new Headers(request.headers);
    if (path.startsWith('/v1/')) headers.set('authorization', `Bearer ${await this.#v1Token()}`);
    else headers.set('x-api-key', this.#apiKey);
    let body: BodyInit | undefined;
    if (this.#prepareCreate && request.method === 'POST' && CREATE_PATHS.has(path)) {
      // As createDiditProxy: the session comes from the server's side, and the browser's body is never read.
      const prepared = await this.#prepareCreate(request);
      if (prepared === null || prepared === undefined || prepared === false)
        return Response.json(REFUSED, { status: 403 });
      body = JSON.stringify(prepared);
      headers.set('content-type', 'application/json');
      headers.delete('content-length');
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      body = await request.arrayBuffer();
    }
    return this.#mock.fetch(new Request(target, { method: request.method, headers, body }));
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
