// `@didit-kit/core/v3`: the v3-only client (API key) with v3's schemas and types, for apps
// that speak only v3 and want nothing of v1 in their bundle.

export type { V3ClientOptions as DiditClientOptions } from '../client-base.ts';
export * from '../common-exports.ts';
export { DiditClient } from './client.ts';
export * from './schemas/index.ts';
export type { ListSessionsQuery, Sessions } from './sessions.ts';
