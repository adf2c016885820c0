import type { DiditClient } from '../client.ts';
import { buildPath, type Endpoint } from '../endpoints/endpoint.ts';
import {
  AuthenticationError,
  DiditError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../errors.ts';
import type { DiditLogger } from '../logger.ts';
import type { DecisionHub } from '../realtime/decision-hub.ts';
import type { RequestOptions, ResponseReader } from '../request-options.ts';
import { validateBody } from '../validation.ts';
import { CoalescingCache } from './coalescing-cache.ts';
import { createSession, type DiditProxyCreateDecision, type DiditProxyCreatedSession } from './create-session.ts';
import { DEFAULT_EVENTS_HEARTBEAT_MS, eventStream } from './events-route.ts';
import { PROXY_CONFIGURATION_CODES } from './proxy-error-codes.ts';
import { detail, errorResult, fieldErrors, jsonResult, type ProxyResult, toResponse } from './proxy-result.ts';
import { matchProxyRoute, normalizePrefix, type ProxyAction, proxyEndpoints } from './proxy-route.ts';
import { readLimitedText } from './read-limited-body.ts';
import { readDecisionRaw, readPdfRaw } from './read-upstream.ts';

export const DEFAULT_PROXY_CACHE_MS = 2_000;
export const DEFAULT_PROXY_TERMINAL_CACHE_MS = 60_000;
export const DEFAULT_PROXY_NOT_FOUND_CACHE_MS = 10_000;
export const DEFAULT_PROXY_MAX_CACHE_ENTRIES = 1_000;

/** What a browser asks the proxy to do: read a decision, download the PDF, review the session, or start one. */
export type DiditProxyAction = ProxyAction;

/** What a proxy forwards besides the decision. */
export type DiditProxyAllow = DiditProxyAction;

/** What `onError` is told about a failure. */
export interface DiditProxyErrorContext {
  request: Request;
  action: DiditProxyAction;
  /** Undefined for `'create'`. */
  sessionId: string | undefined;
}

export interface DiditProxyOptions {
  /**
   * What browsers may do: `'decision'` (always), `'pdf'` (`GET .../generate-pdf/`),
   * `'update-status'` (`PATCH .../update-status/`, for review screens; needs `authorize`, which
   * then decides who may approve or decline), `'create'` (`POST {prefix}/v3/session/`, or
   * `/v1/session/`, to start a verification; needs `prepareCreate`) and `'events'` (the session's
   * decision as Server-Sent Events; needs `events`). Default `['decision']`.
   */
  allow?: readonly DiditProxyAllow[] | undefined;
  /**
   * For `'create'`: the session to create for this request's signed-in user (read your session
   * cookie from it), such as `{ workflow_id, vendor_data: user.id, callback }` for v3. What the
   * browser sends is never read. `null`, `undefined` or `false` answers 403 without contacting
   * Didit. It is create's authorization: `authorize` is not asked.
   */
  prepareCreate?: ((request: Request) => DiditProxyCreateDecision | Promise<DiditProxyCreateDecision>) | undefined;
  /**
   * After Didit created the session and before the browser gets it: record which user owns
   * `session.session_id`, for `authorize`. If it throws, the browser gets 500.
   */
  onCreated?: ((session: DiditProxyCreatedSession, request: Request) => void | Promise<void>) | undefined;
  /**
   * Decides whether this request (your signed-in user: read your session cookie from it) may do
   * `action` on this session. Anything but `true` answers 403 without contacting Didit. Tell the
   * actions apart: the user who started a session may read its decision, but only a reviewer may
   * `'update-status'`. Without it, anyone who knows a session id can read its decision.
   */
  authorize?:
    | ((request: Request, sessionId: string, context: { action: DiditProxyAction }) => boolean | Promise<boolean>)
    | undefined;
  /** How long a decision is reused for every browser asking, in ms. Default 2000; 0 only coalesces. */
  cacheMs?: number | undefined;
  /** The same once the status is terminal (Approved, Declined, ...). Default 60 000. */
  terminalCacheMs?: number | undefined;
  /** How long Didit's 404 for an id is reused, so unknown ids cannot drain the key's limit. Default 10 000. */
  notFoundCacheMs?: number | undefined;
  /**
   * The path the handler is mounted under, such as `/api/didit`: then only
   * `{prefix}/v3/session/{sessionId}/decision/` (or `/v1/...` for a v1 client) matches. Without it
   * any leading path is accepted.
   */
  prefix?: string | undefined;
  /** The most sessions kept in the cache. Default 1000. */
  maxCacheEntries?: number | undefined;
  /**
   * Called for every upstream or authentication failure (not for Didit's 404, an answer like any
   * other), with the error (its `requestId` is Didit's) and what the browser asked.
   */
  onError?: ((error: unknown, context: DiditProxyErrorContext) => void) | undefined;
  /** Where failures are logged (warn: rate limits and refusals; error: the rest). Default `console`; `{}` for none. */
  logger?: DiditLogger | undefined;
  /** The clock, in epoch ms, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * With `'events'` in `allow`: the hub the webhook handler publishes to. The proxy then serves
   * `GET {prefix}/{v3|v1}/session/{sessionId}/events/`, the session's decision as Server-Sent Events
   * (guarded by `authorize` with action `'events'`); without it that path is 404 and browsers poll.
   */
  events?: DecisionHub | undefined;
  /** How often an event stream sends a heartbeat comment, in ms. Default 15 000; 0 for none. */
  eventsHeartbeatMs?: number | undefined;
}

/** A fetch-standard handler: Hono (`c.req.raw`), Next.js route handlers, Deno, Bun, workers. */
export type DiditProxyHandler = (request: Request) => Promise<Response>;

/** The most a review body may weigh: `{new_status, comment, ...}` is far smaller. */
const MAX_UPDATE_BODY_BYTES = 16_384;

/**
 * The proxy's own retry policy: one retry at most, and a 429 is never waited out here (every
 * caller gets it at once, with `Retry-After`), so a browser never hangs on Didit's limits.
 */
const PROXIED: RequestOptions = { maxRetries: 1, maxRetryAfterMs: 0 };

/** How often, at most, a proxy without credentials says so in the log. */
const UNCONFIGURED_LOG_INTERVAL_MS = 60_000;

/**
 * A server-side route that lets a browser read a session's decision without ever holding the API
 * key (or v1's client secret and token): `new DiditClient({ baseUrl: '/api/didit' })` in the
 * browser, this handler mounted at `/api/didit/*` on your server.
 *
 * Forwards only the client's generation's `GET {prefix}/{v3|v1}/session/{uuid}/decision/` (and
 * `generate-pdf/` when `allow` includes `'pdf'`, `PATCH .../update-status/` when it includes
 * `'update-status'`) through `client`; passes Didit's body through unchanged with its status, as
 * `application/json` (or `application/pdf`, as an attachment) whatever Didit's own content type,
 * with Didit's `x-request-id` and (429) `retry-after`. Anything else gets 404 or 405 without
 * contacting Didit. Concurrent requests for one session share one upstream request; a decision is
 * reused for `cacheMs` (`terminalCacheMs` once terminal) and a 404 for `notFoundCacheMs`; one 429
 * holds every upstream call back until its `Retry-After` has passed. Every browser behind the
 * proxy shares one API key's limit.
 *
 * The client's credentials are checked on each request, not here, so a module that creates the
 * proxy at import time survives a build without secrets; its requests then answer 500 and log why.
 */
export function createDiditProxy(client: DiditClient, options: DiditProxyOptions = {}): DiditProxyHandler {
  if (typeof (client as Partial<DiditClient> | undefined)?.request !== 'function') {
    throw new InvalidArgumentError('createDiditProxy: pass a DiditClient');
  }
  const allowPdf = options.allow?.includes('pdf') ?? false;
  const allowUpdate = options.allow?.includes('update-status') ?? false;
  if (allowUpdate && !options.authorize) {
    throw new InvalidArgumentError(
      "createDiditProxy: allow: ['update-status'] needs an authorize function, or any visitor could approve sessions",
    );
  }
  const allowCreate = options.allow?.includes('create') ?? false;
  const events = options.allow?.includes('events') ? options.events : undefined;
  const eventsHeartbeatMs = nonNegative('eventsHeartbeatMs', options.eventsHeartbeatMs ?? DEFAULT_EVENTS_HEARTBEAT_MS);
  const { prepareCreate } = options;
  if (allowCreate && typeof prepareCreate !== 'function') {
    throw new InvalidArgumentError(
      "createDiditProxy: allow: ['create'] needs a prepareCreate function, which builds the session from the signed-in user",
    );
  }
  const cacheMs = nonNegative('cacheMs', options.cacheMs ?? DEFAULT_PROXY_CACHE_MS);
  const terminalCacheMs = nonNegative('terminalCacheMs', options.terminalCacheMs ?? DEFAULT_PROXY_TERMINAL_CACHE_MS);
  const notFoundCacheMs = nonNegative('notFoundCacheMs', options.notFoundCacheMs ?? DEFAULT_PROXY_NOT_FOUND_CACHE_MS);
  const maxEntries = nonNegative('maxCacheEntries', options.maxCacheEntries ?? DEFAULT_PROXY_MAX_CACHE_ENTRIES);
  const prefix = options.prefix === undefined ? undefined : normalizePrefix(options.prefix);
  const { authorize, onError } = options;
  const logger = options.logger ?? console;
  const now = options.now ?? Date.now;
  const cache = new CoalescingCache<ProxyResult>(maxEntries, now);
  const endpoints = proxyEndpoints(client.apiVersion);
  /** Until when (epoch ms) Didit's last 429 holds every upstream call back. */
  let heldUntil = 0;
  let unconfiguredLoggedAt = Number.NEGATIVE_INFINITY;

  const ttlMs = (result: ProxyResult): number => {
    if (result.status === 200) return result.terminal ? terminalCacheMs : cacheMs;
    if (result.status === 404) return notFoundCacheMs;
    // While Didit says "slow down", every browser gets the same answer without asking again.
    if (result.retryAt !== undefined) return Math.min(result.retryAt - now(), terminalCacheMs);
    return 0;
  };

  /** One upstream call, unless a 429 holds them all back; failures are reported here, once. */
  const upstream = async (context: DiditProxyErrorContext, call: () => Promise<ProxyResult>) => {
    if (now() < heldUntil) return held(heldUntil);
    let result: ProxyResult;
    try {
      result = await call();
    } catch (error) {
      result = errorResult(error, now);
    }
    if (result.error !== undefined) {
      if (result.error instanceof RateLimitError) heldUntil = Math.max(heldUntil, result.retryAt ?? 0);
      report(result.error, context);
    }
    return result;
  };

  const report = (error: unknown, context: DiditProxyErrorContext): void => {
    if (error instanceof NotFoundError) return;
    const { action, sessionId } = context;
    const fields = {
      action,
      sessionId,
      code: error instanceof DiditError ? error.code : undefined,
      status: error instanceof DiditError ? error.status : undefined,
      requestId: error instanceof DiditError ? error.requestId : undefined,
      message: error instanceof Error ? error.message : String(error),
    };
    const refused = error instanceof RateLimitError || error instanceof PermissionDeniedError;
    if (error instanceof AuthenticationError) {
      logger.error?.('didit proxy: Didit refused the server credentials (check the API key)', fields);
    } else if (refused) logger.warn?.('didit proxy: Didit refused the call', fields);
    else logger.error?.('didit proxy: the upstream call failed', fields);
    onError?.(error, context);
  };

  return async (request) => {
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      return detail(404, 'Not found.');
    }
    const route = matchProxyRoute(pathname, prefix, endpoints);
    if (
      route.kind === 'not_found' ||
      (route.action === 'pdf' && !allowPdf) ||
      (route.action === 'update-status' && !allowUpdate) ||
      (route.action === 'create' && !allowCreate) ||
      (route.action === 'events' && !events)
    ) {
      return detail(404, 'Not found.');
    }
    const { sessionId, action, endpoint } = route;
    if (request.method !== endpoint.method) {
      return detail(405, `Method "${request.method.slice(0, 16)}" not allowed.`, { allow: endpoint.method });
    }
    if (!client.hasCredentials) {
      if (now() - unconfiguredLoggedAt >= UNCONFIGURED_LOG_INTERVAL_MS) {
        unconfiguredLoggedAt = now();
        logger.error?.(
          'didit proxy: the DiditClient has no credentials, so nothing can be forwarded. Create it with apiKey ' +
            '(v3) or clientId and clientSecret (v1) from the environment of the running server.',
          { action, sessionId },
        );
      }
      return detail(500, 'The verification service is not configured.', {}, PROXY_CONFIGURATION_CODES.notConfigured);
    }
    if (action === 'create') {
      const context = { request, action, sessionId };
      const result = await createSession(endpoint, request, {
        prepareCreate: prepareCreate as NonNullable<typeof prepareCreate>,
        onCreated: options.onCreated,
        upstream: (call) => upstream(context, call),
        report: (error) => report(error, context),
        // Not cached, not coalesced: every create is the user's own; retried only when provably unsent.
        send: (body, read) => client.request({ method: endpoint.method, path: endpoint.path, body, read }, PROXIED),
      });
      return toResponse(result, now);
    }
    if (authorize && (await authorize(request, sessionId, { action })) !== true) {
      return detail(403, 'You do not have permission to perform this action.');
    }
    const path = buildPath(endpoint.path, { sessionId });
    const context = { request, action, sessionId };
    if (action === 'update-status') {
      const result = await updateStatus(client, endpoint, path, request, (call) => upstream(context, call));
      // The review changes the decision: the next poll must not get the cached one.
      if (result.status === 200) cache.delete(`decision:${sessionId.toLowerCase()}`);
      return toResponse(result, now);
    }
    if (action === 'events' && events) {
      // The first decision, when the hub has none, is the decision route's: same cache, same 429 hold.
      const [decisionPath, read] = [
        buildPath(endpoints.decision.path, { sessionId }),
        readDecisionRaw(endpoints.decision),
      ];
      const fetchDecision = () =>
        cache.get(
          `decision:${sessionId.toLowerCase()}`,
          () => upstream(context, () => client.request({ method: 'GET', path: decisionPath, read }, PROXIED)),
          ttlMs,
        );
      return eventStream({ hub: events, sessionId, request, fetchDecision, heartbeatMs: eventsHeartbeatMs, now });
    }
    const read = action === 'decision' ? readDecisionRaw(endpoint) : readPdfRaw(sessionId);
    const result = await cache.get(
      `${action}:${sessionId.toLowerCase()}`,
      () => upstream(context, () => client.request({ method: 'GET', path, read }, PROXIED)),
      ttlMs,
    );
    return toResponse(result, now);
  };
}

/** `PATCH update-status`: the body is read (bounded), parsed and validated here before anything is sent. */
async function updateStatus(
  client: DiditClient,
  endpoint: Endpoint<string, unknown, unknown>,
  path: string,
  request: Request,
  upstream: (call: () => Promise<ProxyResult>) => Promise<ProxyResult>,
): Promise<ProxyResult> {
  const text = await readLimitedText(request, MAX_UPDATE_BODY_BYTES);
  if (text === undefined) return jsonResult(413, { detail: 'Request body too large.' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return jsonResult(400, {
      detail: 'JSON parse error: the body must be a JSON object such as {"new_status": "Approved", "comment": "..."}.',
    });
  }
  let valid: unknown;
  try {
    valid = endpoint.body ? validateBody(endpoint.body, body, endpoint.name) : body;
  } catch (error) {
    if (error instanceof InvalidArgumentError) return jsonResult(400, fieldErrors(error.issues));
    throw error;
  }
  const read: ResponseReader<ProxyResult> = async (response, requestId) =>
    jsonResult(200, await endpoint.read(response, requestId));
  return upstream(() => client.request({ method: endpoint.method, path, body: valid, read }, PROXIED));
}

/** The answer while a 429 holds upstream calls back. */
function held(until: number): ProxyResult {
  return { ...jsonResult(429, { detail: 'Request was throttled.' }), retryAt: until };
}

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new InvalidArgumentError(`createDiditProxy: ${name} must be a number >= 0`);
  }
  return value;
}
