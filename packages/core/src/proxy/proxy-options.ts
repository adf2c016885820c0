import { InvalidArgumentError } from '../errors.ts';
import type { DiditLogger } from '../logger.ts';
import type { DecisionHub } from '../realtime/decision-hub.ts';
import type { DiditProxyCreateDecision, DiditProxyCreatedSession } from './create-session.ts';
import { DEFAULT_RECHECK_INTERVAL_MS, DEFAULT_RECHECK_PER_MINUTE } from './decision-recheck.ts';
import { DEFAULT_EVENTS_HEARTBEAT_MS } from './events-route.ts';
import type { ProxyAction } from './proxy-route.ts';
import { normalizePrefix } from './proxy-route.ts';
import { checkAllowedOrigins } from './same-site.ts';
import {
  DEFAULT_MAX_STREAM_LIFETIME_MS,
  DEFAULT_MAX_STREAMS,
  DEFAULT_MAX_STREAMS_PER_SESSION,
} from './stream-limits.ts';

export const DEFAULT_PROXY_CACHE_MS = 2_000;
export const DEFAULT_PROXY_TERMINAL_CACHE_MS = 60_000;
export const DEFAULT_PROXY_NOT_FOUND_CACHE_MS = 10_000;
export const DEFAULT_PROXY_MAX_CACHE_ENTRIES = 1_000;

/** What a browser asks the proxy to do: read a decision, download the PDF, review the session, start one, or follow it. */
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

/** Decides whether this request's user may do `action` on this session (its id in lower case). */
export type DiditProxyAuthorize = (
  request: Request,
  sessionId: string,
  context: { action: DiditProxyAction },
) => boolean | Promise<boolean>;

export interface DiditProxyOptions {
  /**
   * What browsers may do: `'decision'` (always), `'pdf'` (`GET .../generate-pdf/`),
   * `'update-status'` (`PATCH .../update-status/`, for review screens; needs an `authorize`
   * function, which then decides who may approve or decline), `'create'` (`POST {prefix}/v3/session/`,
   * or `/v1/session/`, to start a verification; needs `prepareCreate` and `authorize`) and `'events'`
   * (the session's decision as Server-Sent Events; needs `events` and `authorize`). Default `['decision']`.
   */
  allow?: readonly DiditProxyAllow[] | undefined;
  /**
   * For `'create'`: the session to create for this request's signed-in user (read your session
   * cookie from it), such as `{ workflow_id, vendor_data: user.id, callback }` for v3. What the
   * browser sends is never read. `null`, `undefined` or `false` answers 403 without contacting
   * Didit. It is create's authorization: `authorize` is not asked for the create itself.
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
   * `'update-status'`. Required with `'events'`, `'create'` and `'update-status'`; `'public'` (not
   * for `'update-status'`) says, explicitly, that anyone who knows a session id may read it.
   * Without it, `'decision'` and `'pdf'` are public too.
   */
  authorize?: DiditProxyAuthorize | 'public' | undefined;
  /**
   * Origins of your own on another site (such as `https://admin.example.com`) whose pages may write
   * through the proxy and read its answers: their CORS preflight is answered and their requests
   * pass the same-site check. Every other write must come from this site, as `application/json`.
   */
  allowedOrigins?: readonly string[] | undefined;
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
   * With `'events'` in `allow` (required then): the hub the webhook handler publishes to. The proxy
   * then serves `GET {prefix}/{v3|v1}/session/{sessionId}/events/`, the session's decision as
   * Server-Sent Events (guarded by `authorize` with action `'events'`).
   */
  events?: DecisionHub | undefined;
  /** How often an event stream sends a heartbeat comment, in ms. Default 15 000; 0 for none. */
  eventsHeartbeatMs?: number | undefined;
  /** The most event streams open at once on this proxy; past it, 503 with `Retry-After`. Default 500. */
  maxStreams?: number | undefined;
  /** The most event streams open at once on one session; past it, 429 with `Retry-After`. Default 10. */
  maxStreamsPerSession?: number | undefined;
  /** How long a stream lives before it ends and EventSource resumes it (±10%), in ms. Default 15 minutes. */
  maxStreamLifetimeMs?: number | undefined;
  /**
   * While streams are open, their sessions' decisions are read again now and then and a change is
   * published, so pages stay right when webhooks stop arriving: a session once its streams have had
   * no news (a webhook's decision, or a read) for `intervalMs` (default 120 000), and only while the
   * proxy's decision reads of the last minute are under `perMinute` (default 20). `false` turns it off.
   */
  recheck?: { intervalMs?: number | undefined; perMinute?: number | undefined } | false | undefined;
}

/** The options checked, with their defaults: a mistake is refused here, with its fix, not found in production. */
export interface ProxyConfig {
  allowed: ReadonlySet<DiditProxyAction>;
  authorize: DiditProxyAuthorize | undefined;
  prepareCreate: NonNullable<DiditProxyOptions['prepareCreate']> | undefined;
  events: DecisionHub | undefined;
  allowedOrigins: ReadonlySet<string>;
  cacheMs: number;
  terminalCacheMs: number;
  notFoundCacheMs: number;
  maxCacheEntries: number;
  prefix: string | undefined;
  eventsHeartbeatMs: number;
  maxStreams: number;
  maxStreamsPerSession: number;
  maxStreamLifetimeMs: number;
  recheck: { intervalMs: number; perMinute: number } | undefined;
}

const ACTIONS: ReadonlySet<string> = new Set<ProxyAction>(['decision', 'pdf', 'update-status', 'create', 'events']);

export function resolveProxyOptions(options: DiditProxyOptions): ProxyConfig {
  const allow = options.allow ?? ['decision'];
  if (!Array.isArray(allow) || !allow.every((action) => ACTIONS.has(action))) {
    throw new InvalidArgumentError(
      `createDiditProxy: allow must list actions among ${[...ACTIONS].map((a) => `'${a}'`).join(', ')}`,
    );
  }
  const allowed = new Set<DiditProxyAction>(['decision', ...allow]);
  const { authorize, prepareCreate, events } = options;
  if (authorize !== undefined && authorize !== 'public' && typeof authorize !== 'function') {
    throw new InvalidArgumentError("createDiditProxy: authorize must be a function, or 'public'");
  }
  if (allowed.has('update-status') && typeof authorize !== 'function') {
    throw new InvalidArgumentError(
      "createDiditProxy: allow: ['update-status'] needs an authorize function, which decides who may review " +
        'sessions (your staff), or any visitor could approve them',
    );
  }
  for (const action of ['events', 'create'] as const) {
    if (allowed.has(action) && authorize === undefined) {
      throw new InvalidArgumentError(
        `createDiditProxy: allow: ['${action}'] needs authorize, a function that decides who may ` +
          `${action === 'events' ? 'follow' : 'read'} which session (for example, the user you recorded in onCreated), ` +
          "or anyone who learns a session id can read its decision. Pass authorize: 'public' only if that is what you want.",
      );
    }
  }
  if (allowed.has('create') && typeof prepareCreate !== 'function') {
    throw new InvalidArgumentError(
      "createDiditProxy: allow: ['create'] needs a prepareCreate function, which builds the session from the signed-in user",
    );
  }
  if (allowed.has('events') && (typeof events?.subscribe !== 'function' || typeof events.latest !== 'function')) {
    throw new InvalidArgumentError(
      "createDiditProxy: allow: ['events'] needs events, the hub your webhook handler publishes to " +
        '(new MemoryDecisionHub() for one process, a RedisDecisionHub shared by several)',
    );
  }
  const recheck = options.recheck === false || !allowed.has('events') ? undefined : (options.recheck ?? {});
  return {
    allowed,
    authorize: typeof authorize === 'function' ? authorize : undefined,
    prepareCreate,
    events: allowed.has('events') ? events : undefined,
    allowedOrigins: checkAllowedOrigins(options.allowedOrigins),
    cacheMs: atLeast('cacheMs', options.cacheMs ?? DEFAULT_PROXY_CACHE_MS, 0),
    terminalCacheMs: atLeast('terminalCacheMs', options.terminalCacheMs ?? DEFAULT_PROXY_TERMINAL_CACHE_MS, 0),
    notFoundCacheMs: atLeast('notFoundCacheMs', options.notFoundCacheMs ?? DEFAULT_PROXY_NOT_FOUND_CACHE_MS, 0),
    maxCacheEntries: atLeast('maxCacheEntries', options.maxCacheEntries ?? DEFAULT_PROXY_MAX_CACHE_ENTRIES, 0),
    prefix: options.prefix === undefined ? undefined : normalizePrefix(options.prefix),
    eventsHeartbeatMs: atLeast('eventsHeartbeatMs', options.eventsHeartbeatMs ?? DEFAULT_EVENTS_HEARTBEAT_MS, 0),
    maxStreams: atLeast('maxStreams', options.maxStreams ?? DEFAULT_MAX_STREAMS, 1),
    maxStreamsPerSession: atLeast(
      'maxStreamsPerSession',
      options.maxStreamsPerSession ?? DEFAULT_MAX_STREAMS_PER_SESSION,
      1,
    ),
    maxStreamLifetimeMs: atLeast(
      'maxStreamLifetimeMs',
      options.maxStreamLifetimeMs ?? DEFAULT_MAX_STREAM_LIFETIME_MS,
      1,
    ),
    recheck: recheck && {
      intervalMs: atLeast('recheck.intervalMs', recheck.intervalMs ?? DEFAULT_RECHECK_INTERVAL_MS, 1),
      perMinute: atLeast('recheck.perMinute', recheck.perMinute ?? DEFAULT_RECHECK_PER_MINUTE, 1),
    },
  };
}

function atLeast(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !(value >= min)) {
    throw new InvalidArgumentError(`createDiditProxy: ${name} must be a number >= ${min}`);
  }
  return value;
}
