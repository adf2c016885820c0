// `@didit-kit/core/v1`: the v1-only client (client credentials) with v1's schemas and types,
// for apps that speak only v1 and want nothing of v3 in their bundle.

export type { V1ClientOptions as DiditClientOptions } from '../client-base.ts';
export * from '../common-exports.ts';
export { DiditClient } from './client.ts';
export { DEFAULT_AUTH_URL } from './generation.ts';
export * from './schemas/index.ts';
