// Everything @didit-kit/core exports on every platform. Webhook verification is added by the
// Node and worker entries only (index.ts): a browser never holds a webhook secret.
export type { DiditClientOptions, RequestOptions } from './client.ts';
export { DEFAULT_AUTH_URL, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, DiditClient } from './client.ts';
export {
  AbortError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  DiditError,
  type DiditErrorCode,
  InvalidArgumentError,
  isDiditError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  type ValidationIssue,
} from './errors.ts';
export type { DiditLogger } from './logger.ts';
export type { Sessions } from './resources/sessions.ts';
export {
  type Aml,
  type AmlHit,
  amlHitSchema,
  amlSchema,
  type DecisionWarning,
  type Face,
  faceSchema,
  type Kyc,
  kycSchema,
  type Location,
  locationSchema,
  type Review,
  reviewSchema,
  type SessionDecision,
  sessionDecisionSchema,
  warningSchema,
} from './schemas/decision.schema.ts';
export type { OpenEnum } from './schemas/open-enum.ts';
export {
  type CreatedSession,
  type CreateSessionRequest,
  createdSessionSchema,
  createSessionRequestSchema,
  type UpdateStatusRequest,
  type UpdateStatusResponse,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from './schemas/session.schema.ts';
export {
  DOCUMENT_TYPES,
  type DocumentType,
  FEATURE_STATUSES,
  type FeatureStatus,
  isKnownSessionStatus,
  isTerminalStatus,
  type KnownSessionStatus,
  REVIEW_STATUSES,
  type ReviewStatus,
  SESSION_FEATURES,
  SESSION_STATUSES,
  type SessionFeatures,
  type SessionStatus,
  TERMINAL_SESSION_STATUSES,
  type TerminalSessionStatus,
} from './schemas/statuses.ts';
export { type TokenResponse, tokenResponseSchema } from './schemas/token.schema.ts';
export { isSessionId } from './session-id.ts';
export type { FetchLike } from './transport/transport.ts';
