// `@didit-kit/core/v3`: the v3-only client (API key) with v3's schemas and types, for apps
// that speak only v3 and want nothing of v1 in their bundle.

export type { V3ClientOptions as DiditClientOptions } from '../client-base.ts';
export * from '../common-exports.ts';
// The generated resources' request and response types (server side: `client.users`, `client.aml`, ...),
// `toFile` for their uploads (not in the browser build), and the resources' interface.
export type * from './api/types.gen.ts';
export { DiditClient } from './client.ts';
export type { V3Resources } from './resources.ts';
export * from './schemas/index.ts';
export * from './server-exports.ts';
export type { ListSessionsQuery, Sessions } from './sessions.ts';
