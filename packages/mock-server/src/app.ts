import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { registerAdminRoutes } from './admin/routes.ts';
import { detail, methodNotAllowed as drfMethodNotAllowed, NOT_FOUND, notFound, SERVER_ERROR } from './drf.ts';
import { Chaos, ConnectionDroppedError, faultInjector } from './faults.ts';
import { registerHostedPage } from './hosted-page.ts';
import { MockStore } from './mock-store.ts';
import { type MockAppOptions, resolveOptions } from './options.ts';
import { type MockApp, type MockEnv, RouteTable } from './routing.ts';
import { Timers } from './timers.ts';
import { TokenIssuer } from './v1/auth.ts';
import { loadV1Fixtures } from './v1/fixtures.ts';
import { registerV1Routes } from './v1/routes.ts';
import { V1SessionStore } from './v1/store.ts';
import { tokenRoute } from './v1/token-route.ts';
import { apiKeyCheck } from './v3/auth.ts';
import { checkRoutes } from './v3/checks/routes.ts';
import { loadV3Fixtures } from './v3/fixtures.ts';
import { registerOperations } from './v3/operation-routes.ts';
import { createRecords, type RecordContext } from './v3/records/record-context.ts';
import { recordRoutes } from './v3/records/routes.ts';
import { registerV3Routes } from './v3/routes.ts';
import { sessionRecords } from './v3/session-records.ts';
import { V3SessionStore } from './v3/store.ts';
import { deliveryLogHandlers } from './webhooks/delivery-log-routes.ts';
import { WebhookSender } from './webhooks/sender.ts';

export type { MockAppOptions } from './options.ts';

/** The methods whose bodies are read (and so limited). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Request bodies above this answer 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Multipart bodies (the uploads) above this answer 413. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

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
  const v1Store = new V1SessionStore(loadV1Fixtures(config.fixturesDir), config.now);
  const v3Store = new V3SessionStore(loadV3Fixtures(), config.now);
  const tokens = new TokenIssuer({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ttlSec: config.tokenTtlSec,
    now: config.now,
  });
  const timers = new Timers();
  const webhooks = new WebhookSender({
    destinations: config.webhookDestinations,
    legacy: config.webhook,
    retryDelaysMs: config.retryDelaysMs,
    now: config.now,
    timers,
  });
  const records = createRecords({
    now: config.now,
    sessions: v3Store,
    events: (event) => webhooks.sendRecordEvent(event),
    initialBalance: config.initialBalance,
    strictWorkflows: config.strictWorkflows,
    log: config.log,
  });
  const sessionLinks = sessionRecords(records);
  v1Store.onChange((change) => webhooks.send('v1', change));
  v3Store.onChange((change) => {
    webhooks.send('v3', change);
    sessionLinks.changed(change);
  });
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
  // The rest of the body is never read and the connection is closed after this answer (seen over
  // HTTP): say so, or a keep-alive client sends its next request into a closed socket.
  const tooLarge = (c: Context<MockEnv>) => detail(c, 413, 'Request body is too large.', { Connection: 'close' });
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // Uploads (multipart) may be larger: Didit takes files up to 10 MB (25 MB for an import), each checked
  // against its own limit by core's schemas.
  const uploadLimit = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: tooLarge });
  // Middleware, not a route for those methods: Hono's methodNotAllowed reads the app's routes.
  app.use(async (c, next) => {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const multipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    // A body with a Content-Length (and no Transfer-Encoding): bodyLimit would only compare that length
    // with the limit, but it asks for `c.req.raw.body` first, which makes @hono/node-server build a whole
    // web Request (a stream, an AbortSignal) that `c.req.text()` does without: a fifth of the CPU of
    // `POST /v3/aml/`. Node's parser has refused a malformed length already and reads no further than it.
    // Chunked bodies (and in-process requests, which carry no length) still go through bodyLimit.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > (multipart ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES) ? tooLarge(c) : next();
    }
    return multipart ? uploadLimit(c, next) : limit(c, next);
  });

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
  registerV1Routes(routes, {
    store: v1Store,
    tokens,
    now: config.now,
    origin,
    faults: faultInjector({ ...fault, chaos, oauth: false }),
  });
  const auth = apiKeyCheck(config.apiKey, config.authFailureStatus);
  registerV3Routes(routes, {
    store: v3Store,
    auth,
    now: config.now,
    origin,
    faults: faultInjector({ ...fault, chaos, oauth: false }),
    deliveryLog: deliveryLogHandlers({ queue: webhooks.queue, store: v3Store, auth }),
    records: sessionLinks,
  });
  const recordContext: RecordContext = {
    records,
    now: config.now,
    origin,
    sessions: v3Store,
    destinations: webhooks.destinations,
    queue: webhooks.queue,
  };
  registerOperations(
    routes,
    { ...recordRoutes(recordContext), ...checkRoutes(recordContext) },
    {
      auth,
      transactionToken: (c) => {
        const token = records.tokens.check(c);
        if (token instanceof Response) return token;
        c.set('transactionToken', token);
        return undefined;
      },
      faults: faultInjector({ ...fault, chaos, oauth: false }),
    },
  );
  registerHostedPage(app, { v1: v1Store, v3: v3Store });
  if (config.admin) {
    registerAdminRoutes(routes, {
      stores: { v1: v1Store, v3: v3Store },
      origin,
      publicUrl: config.publicUrl,
      webhooks,
      records,
    });
  }

  return {
    app,
    fetch: async (input, init) => app.request(input, init),
    request: app.request,
    store: new MockStore(v1Store, v3Store, records),
    idle: () => webhooks.queue.idle(),
    dispose: () => {
      timers.cancelAll();
      webhooks.queue.close();
    },
  };
}
