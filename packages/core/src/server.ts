// The server-only entry, `@didit-kit/core/server`: code that holds credentials on behalf of
// browsers, and the endpoint tables (`v1Endpoints`, `v3Endpoints`, and `v3Operations`, every generated operation of Didit's v3
// OpenAPI by resource: for a mock server or a router of your own). Runtime-neutral
// (fetch `Request`/`Response` only), so it also runs on edge runtimes.
export {
  buildPath,
  type Endpoint,
  endpoint,
  matchPath,
  type PathParams,
} from './endpoints/endpoint.ts';
export { createDiditProxy, type DiditProxyHandler } from './proxy/create-didit-proxy.ts';
export type {
  DiditProxyCreateBody,
  DiditProxyCreateDecision,
  DiditProxyCreatedSession,
} from './proxy/create-session.ts';
export { DEFAULT_RECHECK_INTERVAL_MS, DEFAULT_RECHECK_PER_MINUTE } from './proxy/decision-recheck.ts';
export { DEFAULT_EVENTS_HEARTBEAT_MS } from './proxy/events-route.ts';
export {
  DEFAULT_PROXY_CACHE_MS,
  DEFAULT_PROXY_MAX_CACHE_ENTRIES,
  DEFAULT_PROXY_NOT_FOUND_CACHE_MS,
  DEFAULT_PROXY_TERMINAL_CACHE_MS,
  type DiditProxyAction,
  type DiditProxyAllow,
  type DiditProxyAuthorize,
  type DiditProxyErrorContext,
  type DiditProxyOptions,
} from './proxy/proxy-options.ts';
export {
  DEFAULT_MAX_STREAM_LIFETIME_MS,
  DEFAULT_MAX_STREAMS,
  DEFAULT_MAX_STREAMS_PER_SESSION,
} from './proxy/stream-limits.ts';
export {
  createWebhookHandler,
  DEFAULT_WEBHOOK_DEDUPE_TTL_MS,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from './realtime/create-webhook-handler.ts';
export {
  DEFAULT_DECISION_RETENTION_MS,
  type DecisionHub,
  type DecisionListener,
  type DecisionSnapshot,
} from './realtime/decision-hub.ts';
export { MemoryDecisionHub, type MemoryDecisionHubOptions } from './realtime/memory-decision-hub.ts';
export {
  type RedisClientLike,
  type RedisCommandsLike,
  RedisDecisionHub,
  type RedisDecisionHubOptions,
  type RedisSubscriberLike,
} from './realtime/redis-decision-hub.ts';
export { v1Endpoints } from './v1/endpoints.ts';
export { v3Operations } from './v3/api/index.gen.ts';
export { v3Endpoints } from './v3/endpoints.ts';
export { V3_FEATURE_ARRAYS } from './v3/schemas/decision.schema.ts';
// Signing deliveries as Didit does, for whoever plays Didit (the mock server, tests): also on the main
// entry, but a browser build resolves that one to its browser form, which has no webhook code, while
// this entry keeps it (MSW handlers in a browser sign the mock's deliveries with it).
export { serializeWebhookPayload } from './webhooks/canonical-write.ts';
export { type SignWebhookOptions, signWebhook } from './webhooks/sign-webhook.ts';
export { WEBHOOK_TYPES } from './webhooks/webhook-event.schema.ts';
