import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { registerAdminRoutes } from './admin.ts';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL_SEC, TokenIssuer } from './auth.ts';
import { type Clock, systemClock } from './clock.ts';
import { detail, methodNotAllowed as drfMethodNotAllowed, NOT_FOUND, notFound, SERVER_ERROR } from './drf.ts';
import { Chaos, ConnectionDroppedError, faultInjector, type Latency, MAX_DELAY_MS } from './faults.ts';
import { loadAllFixtures } from './fixtures.ts';
import { registerHostedPage } from './hosted-page.ts';
import { MockStore } from './mock-store.ts';
import { type MockApp, type MockEnv, RouteTable } from './routing.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { SessionStore } from './store.ts';
import { Timers } from './timers.ts';
import { tokenRoute } from './token-route.ts';
import { loadV3Fixtures } from './v3-fixtures.ts';
import { registerV3AdminRoutes, registerV3HostedPage } from './v3-hosted-page.ts';
import { DEFAULT_API_KEY, registerV3Routes } from './v3-routes.ts';
import { V3Store } from './v3-store.ts';
import {
  registerV3WebhookRoutes,
  registerWebhookDestinationAdminRoutes,
  V3Webhooks,
  type WebhookDestinationOptions,
} from './v3-webhooks.ts';
import { isHttpUrl } from './validation.ts';
import { DEFAULT_WEBHOOK_RETRY_DELAYS_MS, WebhookSender } from './webhooks.ts';

/** The methods whose bodies are read (and so limited). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Request bodies above this answer 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface MockAppOptions {
  /** Default `mock-client-id`. */
  clientId?: string | undefined;
  /** Default `mock-client-secret`. */
  clientSecret?: string | undefined;
  /** Lifetime of an access token, in seconds. Default 86 400 (24 h), as Didit's. */
  tokenTtlSec?: number | undefined;
  /** A folder of extra decision fixtures (`*.json`); one with a built-in `session_id` replaces it. */
  fixturesDir?: string | undefined;
  /** Added to every `/v1` response, in ms: a number, or `[min, max]` for a random delay in that range. */
  latency?: Latency | undefined;
  /** Share of `/v1` requests (0 to 1) that fail at random: 429, 500, 502, 503 or a dropped connection. */
  errorRate?: number | undefined;
  /**
   * With `errorRate`, adds a sixth kind of failure to the mix: an ordinary answer held back this many
   * ms, so a client whose timeout is shorter times out. Default 0: not in the mix.
   */
  slowMs?: number | undefined;
  /** Seeds the random latency and failures, so a run repeats exactly. Default 1. */
  seed?: number | undefined;
  /** The `/__mock/` admin routes. Default true; false makes them 404. */
  admin?: boolean | undefined;
  /** The clock (ms since the epoch) for token expiry and timestamps. Default `Date.now`. */
  now?: Clock | undefined;
  /**
   * The origin the hosted page is reached at, for the `url` of new sessions. Default: the origin
   * of each request (right unless a proxy in front rewrites the host).
   */
  publicUrl?: string | undefined;
  /** Where to POST signed webhook deliveries (on create and every status change). Needs `webhookSecret`. */
  webhookUrl?: string | undefined;
  /** The secret the deliveries are signed with (HMAC-SHA256). */
  webhookSecret?: string | undefined;
  /** Waits before each retry of a delivery the receiver answered 5xx or 404 (or did not answer). Default `[1000, 5000]`. */
  webhookRetryDelaysMs?: readonly number[] | undefined;
  /**
   * v3 webhook destinations, as Didit's `POST /v3/webhook/destinations/`: each with its URL, secret
   * (default: a random one), `webhookVersion` (`v1`, `v2` or `v3`, default `v3`) and
   * `subscribedEvents` (default `status.updated` and `data.updated`). While one is configured (here or
   * with `POST /__mock/webhook-destinations`), `webhookUrl` receives nothing.
   */
  webhookDestinations?: readonly WebhookDestinationOptions[] | undefined;
  /** The `x-api-key` the `/v3/` routes accept. Default `mock-api-key`. */
  apiKey?: string | undefined;
  /** The status of a `/v3/` request with a missing or wrong key: 403 as Didit's OpenAPI (default), or 401. */
  authFailureStatus?: 401 | 403 | undefined;
}

/** What `createMockApp` returns: the app, a way to call it, and what tests read and steer. */
export interface MockInstance {
  /** The Hono app (mount it in your own Hono server with `app.route`, or serve it). */
  readonly app: MockApp;
  /** Calls the app in-process, as `fetch` would: pass it to `new DiditClient({ fetch })` or MSW. */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Hono's `app.request`: paths without an origin are fine (`request('/__mock/sessions')`). */
  readonly request: MockApp['request'];
  /** Every session, v1 and v3: read them, or `reset()` to the fixtures. */
  readonly store: MockStore;
  /** Resolves when no webhook delivery (or retry) is pending. */
  idle(): Promise<void>;
  /** Cancels pending delays and webhook retries and aborts deliveries in flight. */
  dispose(): void;
}

/**
 * A mock of Didit's API (v3 sessions with `x-api-key`, and v1 with client credentials, tokens and
 * decisions), with PDFs, the hosted page, webhooks, fault injection and admin routes. Use it
 * in-process (`mock.fetch`, `mock.request(...)`, `new DiditClient({ fetch: mock.fetch, ... })`)
 * or serve it with `startMockServer`.
 * Throws `FixtureError` when a fixture is broken, and `TypeError`/`RangeError` for bad options.
 */
export function createMockApp(options: MockAppOptions = {}): MockInstance {
  const config = resolveOptions(options);
  const store = new SessionStore(loadAllFixtures(config.fixturesDir), config.now);
  const tokens = new TokenIssuer({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ttlSec: config.tokenTtlSec,
    now: config.now,
  });
  const v3Store = new V3Store(loadV3Fixtures(), config.now);
  const timers = new Timers();
  const webhooks =
    config.webhook === undefined ? undefined : new WebhookSender({ ...config.webhook, now: config.now, timers });
  if (!Array.isArray(options.webhookDestinations ?? [])) throw new TypeError('webhookDestinations must be a list');
  const v3Webhooks = new V3Webhooks({
    destinations: options.webhookDestinations ?? [],
    legacy: config.webhook && { url: config.webhook.url, secret: config.webhook.secret },
    retryDelaysMs: config.retryDelaysMs,
    now: config.now,
    timers,
  });
  v3Store.onEvent((session, type) => v3Webhooks.emit(session, type));
  // The application-level URL is Didit's legacy one: quiet while a destination is configured.
  if (webhooks) {
    store.onChange((change) => {
      if (!v3Webhooks.hasDestinations) webhooks.onChange(change);
    });
  }
  const chaos = new Chaos({
    latency: config.latency,
    errorRate: config.errorRate,
    seed: config.seed,
    slowMs: config.slowMs,
  });
  const origin = (c: { req: { url: string } }) => config.publicUrl ?? new URL(c.req.url).origin;

  const app: MockApp = new Hono<MockEnv>();
  const routes = new RouteTable(app);

  // Every answer carries an `x-request-id`, as Didit's do.
  app.use(requestId({ headerName: 'x-request-id' }));
  // A known path with another method: DRF's 405 with `Allow` (after the path's guard, see RouteTable).
  app.use(methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => drfMethodNotAllowed(c, methods) }));

  // No route takes more than a small JSON or form body; a huge one is refused before it is read.
  // Only on the methods that carry one: for GET and HEAD, which no route reads a body of, it would
  // make @hono/node-server build a full Request (with an AbortSignal) per request, and under load
  // those outlive their requests (the heap grew 3-4 MB/s at 64 connections, freed only under
  // memory pressure; found by tests/reliability's soak test).
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      // The rest of the body is never read and the connection is closed after this answer (seen
      // over HTTP): say so, or a keep-alive client sends its next request into a closed socket.
      detail(c, 413, 'Request body is too large.', { Connection: 'close' }),
  });
  // Middleware, not a route for those methods: Hono's methodNotAllowed reads the app's routes.
  app.use((c, next) => (BODY_METHODS.has(c.req.method) ? limit(c, next) : next()));

  app.onError((error, c) => {
    // A deliberately dropped connection must reach the server (or the in-process caller) as a failure.
    if (error instanceof ConnectionDroppedError) throw error;
    if (error instanceof HTTPException && error.status < 500) {
      return detail(c, error.status as ContentfulStatusCode, error.message || 'Bad request.');
    }
    // The client went away while its body was being read: not a fault of the mock, and nobody hears the answer.
    if ((error as { code?: unknown }).code === 'ECONNRESET') return detail(c, 400, 'The request was aborted.');
    console.error(`didit mock server: unexpected error on ${c.req.method} ${c.req.path}:`, error);
    return detail(c, 500, SERVER_ERROR);
  });

  app.notFound((c) => {
    // Django answers a path without its trailing slash with a redirect (APPEND_SLASH) for reads, and
    // only when the path with the slash exists; the mock does the same for GET/HEAD and, for writes
    // (which a redirect would turn into a GET), a 404 that says what is missing. Not Hono's
    // appendTrailingSlash: it redirects every 404 read (an unknown path too), and as middleware it
    // wraps every API request, which cost the polled decision route 5-10% of its throughput.
    const path = c.req.path;
    if (!path.endsWith('/') && routes.matches(`${path}/`)) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        // From the URL as sent, still percent-encoded: `c.req.path` is decoded, and a decoded
        // `%0A` cannot go in a Location header (a 500) while a decoded `%2F` would change the path.
        const { pathname, search } = new URL(c.req.url);
        return c.redirect(`${pathname}/${search}`, 301);
      }
      return c.json({ detail: NOT_FOUND, hint: `Didit's paths end with a slash: ${c.req.method} ${path}/` }, 404);
    }
    return notFound(c);
  });

  const fault = { now: config.now, timers };
  routes.define(
    '/auth/v2/token/',
    { POST: tokenRoute(tokens, origin) },
    { faults: faultInjector({ ...fault, chaos: undefined, oauth: true }) },
  );
  registerSessionRoutes(routes, {
    store,
    tokens,
    now: config.now,
    origin,
    faults: faultInjector({ ...fault, chaos, oauth: false }),
  });
  registerV3Routes(routes, {
    store: v3Store,
    apiKey: config.apiKey,
    authFailureStatus: config.authFailureStatus,
    now: config.now,
    origin,
    faults: faultInjector({ ...fault, chaos, oauth: false }),
  });
  registerV3WebhookRoutes(routes, {
    webhooks: v3Webhooks,
    store: v3Store,
    apiKey: config.apiKey,
    authFailureStatus: config.authFailureStatus,
    faults: faultInjector({ ...fault, chaos, oauth: false }),
  });
  registerV3HostedPage(app, v3Store);
  registerHostedPage(app, store);
  if (config.admin) {
    registerAdminRoutes(routes, { store, v3Store, origin, webhooks, v3Webhooks, publicUrl: config.publicUrl });
    registerWebhookDestinationAdminRoutes(routes, v3Webhooks, config.publicUrl);
    registerV3AdminRoutes(routes, v3Store, config.publicUrl);
  }

  return {
    app,
    fetch: async (input, init) => app.request(input, init),
    request: app.request,
    store: new MockStore(store, v3Store),
    idle: async () => {
      await Promise.all([webhooks?.idle(), v3Webhooks.idle()]);
    },
    dispose: () => {
      timers.cancelAll();
      webhooks?.close();
      v3Webhooks.close();
    },
  };
}

interface ResolvedOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSec: number;
  fixturesDir: string | undefined;
  latency: Latency;
  errorRate: number;
  slowMs: number;
  seed: number | undefined;
  admin: boolean;
  now: Clock;
  publicUrl: string | undefined;
  webhook: { url: string; secret: string; retryDelaysMs: readonly number[] } | undefined;
  retryDelaysMs: readonly number[];
  apiKey: string;
  authFailureStatus: 401 | 403;
}

function resolveOptions(options: MockAppOptions): ResolvedOptions {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  if (typeof clientId !== 'string' || clientId === '' || clientId.includes(':')) {
    throw new TypeError('clientId must be a non-empty string without ":" (Basic auth splits on the first colon)');
  }
  if (typeof clientSecret !== 'string' || clientSecret === '') {
    throw new TypeError('clientSecret must be a non-empty string');
  }
  const tokenTtlSec = options.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC;
  if (!Number.isInteger(tokenTtlSec) || tokenTtlSec <= 0) {
    throw new RangeError(`tokenTtlSec must be a whole number of seconds > 0; got ${tokenTtlSec}`);
  }
  const latency = options.latency ?? 0;
  const [min, max] = typeof latency === 'number' ? [latency, latency] : latency;
  if (!(min >= 0 && max >= min && max <= MAX_DELAY_MS)) {
    throw new RangeError(`latency must be ms (or [min, max]) between 0 and ${MAX_DELAY_MS}; got ${String(latency)}`);
  }
  const errorRate = options.errorRate ?? 0;
  if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`errorRate must be between 0 and 1; got ${errorRate}`);
  const slowMs = options.slowMs ?? 0;
  if (!(Number.isInteger(slowMs) && slowMs >= 0 && slowMs <= MAX_DELAY_MS)) {
    throw new RangeError(`slowMs must be whole ms between 0 and ${MAX_DELAY_MS}; got ${slowMs}`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new RangeError(`seed must be an integer; got ${options.seed}`);
  }
  let publicUrl: string | undefined;
  if (options.publicUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.publicUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new TypeError(`publicUrl must be an http(s) URL; got ${JSON.stringify(options.publicUrl)}`);
    }
    publicUrl = url.origin;
  }
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  if (typeof apiKey !== 'string' || apiKey === '') throw new TypeError('apiKey must be a non-empty string');
  const authFailureStatus = options.authFailureStatus ?? 403;
  if (authFailureStatus !== 401 && authFailureStatus !== 403) {
    throw new RangeError(`authFailureStatus must be 401 or 403; got ${String(authFailureStatus)}`);
  }
  return {
    apiKey,
    authFailureStatus,
    webhook: resolveWebhook(options),
    retryDelaysMs: resolveRetryDelays(options),
    clientId,
    clientSecret,
    tokenTtlSec,
    fixturesDir: options.fixturesDir,
    latency,
    errorRate,
    slowMs,
    seed: options.seed,
    admin: options.admin ?? true,
    now: options.now ?? systemClock,
    publicUrl,
  };
}

function resolveWebhook(options: MockAppOptions): ResolvedOptions['webhook'] {
  const { webhookUrl: url, webhookSecret: secret } = options;
  if (url === undefined) {
    if (secret !== undefined) throw new TypeError('webhookSecret is set but webhookUrl is not');
    return undefined;
  }
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    throw new TypeError('webhookUrl must be an http(s) URL');
  }
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('webhookUrl needs webhookSecret (a non-empty string) to sign the deliveries');
  }
  return { url, secret, retryDelaysMs: resolveRetryDelays(options) };
}

function resolveRetryDelays(options: MockAppOptions): readonly number[] {
  const retryDelaysMs = options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
  if (
    !Array.isArray(retryDelaysMs) ||
    !retryDelaysMs.every((ms) => Number.isFinite(ms) && ms >= 0 && ms <= MAX_DELAY_MS)
  ) {
    throw new RangeError(`webhookRetryDelaysMs must be a list of ms between 0 and ${MAX_DELAY_MS}`);
  }
  return [...retryDelaysMs];
}
