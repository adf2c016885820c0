// Everything @didit-kit/core exports on every platform. Webhook verification is added by the
// Node and worker entries only (index.ts): a browser never holds a webhook secret.
// v3 is the default generation: its schemas and types are exported unprefixed; v1's are in
// the `v1` namespace (`v1.SessionDecision`), or unprefixed from `@didit-kit/core/v1`.

export { DiditClient, type DiditClientConstructor } from './client.ts';
export type { DiditClientOptions } from './client-base.ts';
export * from './common-exports.ts';
export { DEFAULT_AUTH_URL } from './v1/generation.ts';
export * as v1 from './v1/schemas/index.ts';
export type { V1Sessions } from './v1/sessions.ts';
export * from './v3/schemas/index.ts';
export type { ListSessionsQuery, Sessions } from './v3/sessions.ts';
