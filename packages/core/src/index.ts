export * from './exports.ts';
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
