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
export { serializeWebhookPayload } from './webhooks/canonical-json.ts';
export type { WebhookRawBody } from './webhooks/raw-body.ts';
export { type SignWebhookOptions, signWebhook } from './webhooks/sign-webhook.ts';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SEC,
  type VerifyWebhookOptions,
  verifyWebhook,
} from './webhooks/verify-webhook.ts';
export { WEBHOOK_TYPES, type WebhookEvent, webhookEventSchema } from './webhooks/webhook-event.schema.ts';
export type { WebhookHeadersInput, WebhookSignatureHeaders } from './webhooks/webhook-headers.ts';
export {
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhooks/webhook-verification-error.ts';
