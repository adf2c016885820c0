import type {
  ApiVersion,
  CreatedSession,
  CreateSessionRequest,
  DiditClient,
  SessionDecision,
  UpdateStatusRequest,
  UpdateStatusResponse,
  v1,
} from '@didit-kit/core';

/**
 * Which Didit API generation your app's client speaks, for the hooks' types. v3 by default; a v1
 * app says so once, anywhere in its sources:
 *
 * ```ts
 * declare module '@didit-kit/react' {
 *   interface Register { apiVersion: 'v1' }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation in the app
export interface Register {}

export type RegisteredApiVersion = Register extends { apiVersion: infer V extends ApiVersion } ? V : 'v3';

/** The client the provider holds: `DiditClient<'v3'>`, or `<'v1'>` when registered. */
export type RegisteredClient = DiditClient<RegisteredApiVersion>;

/** The decision the hooks return, by generation. */
export type RegisteredDecision = RegisteredApiVersion extends 'v1' ? v1.SessionDecision : SessionDecision;

/** The body of `update-status`, by generation. */
export type RegisteredUpdateStatusRequest = RegisteredApiVersion extends 'v1'
  ? v1.UpdateStatusRequest
  : UpdateStatusRequest;

export type RegisteredUpdateStatusResponse = RegisteredApiVersion extends 'v1'
  ? v1.UpdateStatusResponse
  : UpdateStatusResponse;

/** The body of a create, by generation (`createDiditProxy` ignores it: its `prepareCreate` decides). */
export type RegisteredCreateSessionRequest = RegisteredApiVersion extends 'v1'
  ? v1.CreateSessionRequest
  : CreateSessionRequest;

/** A created session (`session_id`, `url`, ...), by generation. */
export type RegisteredCreatedSession = RegisteredApiVersion extends 'v1' ? v1.CreatedSession : CreatedSession;
