export * from './exports.ts';
// Server entries only (Node, workers; not index.browser.ts): the generated v3 resources' request and
// response types, and `toFile` for their uploads.
export { type ToFileInput, toFile, type Uploadable, type UploadLimits } from './uploads.ts';
export type * from './v3/api/types.gen.ts';
export type { V3Resources } from './v3/resources.ts';
export { serializeWebhookPayload } from './webhooks/canonical-write.ts';
export type { WebhookRawBody } from './webhooks/raw-body.ts';
export { type SignWebhookOptions, signWebhook } from './webhooks/sign-webhook.ts';
export {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  DEFAULT_WEBHOOK_TOLERANCE_SEC,
  type VerifyWebhookOptions,
  verifyWebhook,
  WEBHOOK_V2_MAX_DEPTH,
} from './webhooks/verify-webhook.ts';
export {
  type ActivityCreatedEvent,
  type BusinessDataUpdatedEvent,
  type BusinessStatusUpdatedEvent,
  type EntityWebhookFields,
  isLegacyWebhookEvent,
  isV3WebhookEvent,
  type KnownWebhookType,
  type LegacyWebhookEvent,
  type SessionDataUpdatedEvent,
  type SessionStatusUpdatedEvent,
  type SessionWebhookFields,
  type TransactionCreatedEvent,
  type TransactionStatusUpdatedEvent,
  type TravelRuleStatusUpdatedEvent,
  type UnknownWebhookEvent,
  type UserDataUpdatedEvent,
  type UserStatusUpdatedEvent,
  type V3WebhookEvent,
  WEBHOOK_TYPES,
  type WebhookEnvelope,
  type WebhookEvent,
  type WebhookType,
  webhookEventSchema,
} from './webhooks/webhook-event.schema.ts';
export type { WebhookHeadersInput, WebhookSignatureHeaders } from './webhooks/webhook-headers.ts';
export {
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhooks/webhook-verification-error.ts';
