import type { DiditClient } from '../client.ts';
import { requestEndpoint } from '../endpoints/request-endpoint.ts';
import {
  AuthenticationError,
  ConfigurationError,
  DiditError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../errors.ts';
import type { RequestOptions } from '../request-options.ts';
import { CoalescingCache } from './coalescing-cache.ts';
import { createSession } from './create-session.ts';
import { DecisionRecheck } from './decision-recheck.ts';
import { eventStream } from './events-route.ts';
import { PROXY_CONFIGURATION_CODES } from './proxy-error-codes.ts';
import { type DiditProxyErrorContext, type DiditProxyOptions, resolveProxyOptions } from './proxy-options.ts';
import { detail, errorResult, jsonResult, type ProxyResult, toResponse } from './proxy-result.ts';
import { matchProxyRoute, proxyEndpoints } from './proxy-route.ts';
import { readDecisionRaw, readPdfRaw } from './read-upstream.ts';
import { crossSiteRefusal, preflight, withCors } from './same-site.ts';
import { StreamLimits } from './stream-limits.ts';
import { updateStatus } from './update-status.ts';

/** A fetch-standard handler: Hono (`c.req.raw`), Next.js route handlers, Deno, Bun, workers. */
export type DiditProxyHandler = (request: Request) => Promise<Response>;

/**
 * The proxy's own retry policy: one retry at most, and a 429 is never waited out here (every
 * caller gets it at once, with `Retry-After`), so a browser never hangs on Didit's limits.
 */
const PROXIED: RequestOptions = { maxRetries: 1, maxRetryAfterMs: 0 };

/** How often, at most, a proxy without credentials says so in the log. */
const UNCONFIGURED_LOG_INTERVAL_MS = 60_000;

/** What a browser over a stream cap is told to wait: its hook polls meanwhile. */
const STREAM_RETRY_AFTER_SEC = '60';

/**
 * A server-side route that lets a browser read a session's decision without ever holding the API
 * key (or v1's client secret and token): `new DiditClient({ baseUrl: '/api/didit' })` in the
 * browser, this handler mounted at `/api/didit/*` on your server.
 *
 * Forwards only the client's generation's `GET {prefix}/{v3|v1}/session/{uuid}/decision/` (and
 * the actions `allow` adds) through `client`; passes Didit's body through unchanged with its status,
 * as `application/json` (or `application/pdf`, as an attachment), with Didit's `x-request-id` and
 * (429) `retry-after`. Anything else gets 404 or 405 without contacting Didit. Writes must be
 * same-site JSON (see `crossSiteRefusal`). Concurrent requests for one session share one upstream
 * request; a decision is reused for `cacheMs` (`terminalCacheMs` once terminal) and a 404 for
 * `notFoundCacheMs`; one 429 holds every upstream call back until its `Retry-After` has passed.
 * Event streams are capped per session and overall, and live at most `maxStreamLifetimeMs`.
 *
 * Options are checked here: a missing `authorize` or hub, or a bad value, throws with the fix.
 * The client's credentials are checked on each request, not here, so a module that creates the
 * proxy at import time survives a build without secrets; its requests then answer 500 and log why.
 */
export function createDiditProxy(client: DiditClient, options: DiditProxyOptions = {}): DiditProxyHandler {
  if (typeof (client as Partial<DiditClient> | undefined)?.request !== 'function') {
    throw new InvalidArgumentError('createDiditProxy: pass a DiditClient');
  }
  const config = resolveProxyOptions(options);
  const { allowed, authorize, events, allowedOrigins, prefix } = config;
  const { onError } = options;
  const logger = options.logger ?? console;
  const now = options.now ?? Date.now;
  const cache = new CoalescingCache<ProxyResult>(config.maxCacheEntries, now);
  const streams = new StreamLimits(config.maxStreams, config.maxStreamsPerSession);
  const endpoints = proxyEndpoints(client.apiVersion);
  const otherVersion = client.apiVersion === 'v1' ? 'v3' : 'v1';
  const otherEndpoints = proxyEndpoints(otherVersion);
  /** Until when (epoch ms) Didit's last 429 holds every upstream call back. */
  let heldUntil = 0;
  let unconfiguredLoggedAt = Number.NEGATIVE_INFINITY;
  let mismatchLoggedAt = Number.NEGATIVE_INFINITY;

  /**
   * The browser's client speaks the other generation (a v1 app upgraded to a release whose browser
   * client defaults to v3, say): an answer that says so and how to fix it, not a bare 404 the page
   * would show as "no such session", and one line in the log a minute.
   */
  const generationMismatch = (): Response => {
    const fix =
      otherVersion === 'v3'
        ? "create the browser's client with apiVersion: 'v1' (new DiditClient({ apiVersion: 'v1', baseUrl }))"
        : "create the browser's client without apiVersion: 'v1' (v3 is the default), or this proxy's server client with apiKey";
    const text = `This proxy serves Didit's ${client.apiVersion} API, and the browser asked for a ${otherVersion} path: ${fix}.`;
    if (now() - mismatchLoggedAt >= UNCONFIGURED_LOG_INTERVAL_MS) {
      mismatchLoggedAt = now();
      logger.error?.(`didit proxy: ${text}`);
    }
    return detail(500, text, {}, PROXY_CONFIGURATION_CODES.apiVersionMismatch);
  };

  const ttlMs = (result: ProxyResult): number => {
    if (result.status === 200) return result.terminal ? config.terminalCacheMs : config.cacheMs;
    if (result.status === 404) return config.notFoundCacheMs;
    // While Didit says "slow down", every browser gets the same answer without asking again.
    if (result.retryAt !== undefined) return Math.min(result.retryAt - now(), config.terminalCacheMs);
    return 0;
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
    if (error instanceof ConfigurationError) {
      logger.error?.(error.message, fields);
    } else if (error instanceof AuthenticationError) {
      logger.error?.('didit proxy: Didit refused the server credentials (check the API key)', fields);
    } else if (refused) logger.warn?.('didit proxy: Didit refused the call', fields);
    else logger.error?.('didit proxy: the upstream call failed', fields);
    onError?.(error, context);
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

  /** The session's decision through the cache: what the decision route, the streams and the re-check share. */
  const readDecision = (sessionKey: string, context: DiditProxyErrorContext): Promise<ProxyResult> =>
    cache.get(
      `decision:${sessionKey}`,
      () =>
        upstream(context, async () => {
          const readAt = now();
          recheck?.counted();
          const read = readDecisionRaw(endpoints.decision);
          return {
            ...(await requestEndpoint(client, endpoints.decision, { sessionId: sessionKey }, { read }, PROXIED)),
            readAt,
          };
        }),
      ttlMs,
    );

  const recheck = events && config.recheck ? new DecisionRecheck({ hub: events, ...config.recheck, now }) : undefined;

  const handle = async (request: Request): Promise<Response> => {
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      return detail(404, 'Not found.');
    }
    const route = matchProxyRoute(pathname, prefix, endpoints);
    if (route.kind === 'not_found' && matchProxyRoute(pathname, prefix, otherEndpoints).kind === 'route') {
      return generationMismatch();
    }
    if (route.kind === 'not_found' || !allowed.has(route.action)) return detail(404, 'Not found.');
    const { action, endpoint } = route;
    // Lower case, as the cache and the hubs keep it, so `authorize` compares the id you recorded.
    const sessionId = route.sessionId?.toLowerCase();
    const answer = preflight(request, allowedOrigins, endpoint.method);
    if (answer) return answer;
    if (request.method !== endpoint.method) {
      return detail(405, `Method "${request.method.slice(0, 16)}" not allowed.`, { allow: endpoint.method });
    }
    if (endpoint.method !== 'GET') {
      const refusal = crossSiteRefusal(request, allowedOrigins);
      if (refusal !== undefined) {
        logger.warn?.(`didit proxy: refused a cross-site ${action}: ${refusal}`, { action, sessionId });
        return detail(403, `Cross-site request refused: ${refusal}.`, {}, 'cross_site_refused');
      }
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
    const context = { request, action, sessionId };
    if (action === 'create') {
      const result = await createSession(endpoint, request, {
        prepareCreate: config.prepareCreate!,
        onCreated: options.onCreated,
        upstream: (call) => upstream(context, call),
        report: (error) => report(error, context),
        // Not cached, not coalesced: every create is the user's own; retried only when provably unsent.
        send: (body, read) => requestEndpoint(client, endpoint, {}, { body, read }, PROXIED),
      });
      return toResponse(result, now);
    }
    if (sessionId === undefined) return detail(404, 'Not found.');
    if (authorize && (await authorize(request, sessionId, { action })) !== true) {
      return detail(403, 'You do not have permission to perform this action.');
    }
    if (action === 'update-status') {
      const result = await updateStatus(
        client,
        endpoint,
        sessionId,
        request,
        (call) => upstream(context, call),
        PROXIED,
      );
      // The review changes the decision: the next poll must not get the cached one.
      if (result.status === 200) cache.delete(`decision:${sessionId}`);
      return toResponse(result, now);
    }
    if (action === 'events' && events) {
      const lease = streams.acquire(sessionId);
      if (lease.refused !== undefined) {
        const [status, text] =
          lease.refused === 'session'
            ? [429, 'Too many live updates are open for this session; poll the decision instead.']
            : [503, 'Live updates are at capacity; poll the decision instead.'];
        return detail(status, text, { 'retry-after': STREAM_RETRY_AFTER_SEC });
      }
      return eventStream({
        hub: events,
        sessionId,
        request,
        // The first decision, when the hub has none, is the decision route's: same cache, same 429 hold.
        fetchDecision: () => readDecision(sessionId, context),
        heartbeatMs: config.eventsHeartbeatMs,
        lifetimeMs: config.maxStreamLifetimeMs,
        release: lease.release,
        watch: recheck && ((first) => recheck.watch(sessionId, () => readDecision(sessionId, context), first)),
        now,
      });
    }
    if (action === 'decision') return toResponse(await readDecision(sessionId, context), now);
    const read = readPdfRaw(sessionId);
    const result = await cache.get(
      `pdf:${sessionId}`,
      () => upstream(context, () => requestEndpoint(client, endpoint, { sessionId }, { read }, PROXIED)),
      ttlMs,
    );
    return toResponse(result, now);
  };

  if (allowedOrigins.size === 0) return handle;
  return async (request) => withCors(await handle(request), request, allowedOrigins);
}

/** The answer while a 429 holds upstream calls back. */
function held(until: number): ProxyResult {
  return { ...jsonResult(429, { detail: 'Request was throttled.' }), retryAt: until };
}
