import { DiditError, type DiditErrorCode, type ValidationIssue } from '../errors.ts';

/**
 * Why a delivery was refused:
 * - `too_large`: the body is bigger than `maxBodyBytes` (checked before anything else is done with it).
 * - `missing_headers`: `X-Timestamp` or every signature header is absent, or `X-Timestamp` is not Unix seconds.
 * - `timestamp_too_old`: `X-Timestamp` is more than `toleranceSec` in the past (a replay, or a very late delivery).
 * - `timestamp_in_future`: `X-Timestamp`, or the body's signed `timestamp`, is more than `toleranceSec` ahead
 *   of this machine's clock.
 * - `invalid_signature`: no X-Signature, X-Signature-V2, X-Signature-Simple (or `-Previous` twin) matches any
 *   secret (wrong secret, altered body, or a body re-serialised so that even the canonical form differs).
 * - `stale`: correctly signed, but the body's own signed `timestamp` (else `created_at`) is more than
 *   `toleranceSec` old, or absent: a captured delivery replayed with a fresh `X-Timestamp`.
 * - `body_parsed`: `body` was an object (a framework already parsed it) or another non-raw value.
 * - `invalid_json`: the signature is valid but the body is not JSON.
 * - `invalid_payload`: the signature is valid but the body does not match the webhook schema (`issues` says where).
 */
export type WebhookVerificationReason =
  | 'too_large'
  | 'missing_headers'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'invalid_signature'
  | 'stale'
  | 'body_parsed'
  | 'invalid_json'
  | 'invalid_payload';

/**
 * A webhook delivery that must not be trusted. Answer it with a 400 (Didit does not retry a 4xx
 * other than 404). Its message never holds the secret or an expected signature.
 */
export class WebhookVerificationError extends DiditError {
  static override readonly kind = 'WebhookVerificationError';
  declare readonly name: 'WebhookVerificationError';
  override readonly code: DiditErrorCode = 'webhook_verification';
  readonly reason: WebhookVerificationReason;
  /** For `invalid_payload`: where the body differs from the schema. */
  readonly issues: readonly ValidationIssue[];

  constructor(reason: WebhookVerificationReason, message: string, init: { issues?: readonly ValidationIssue[] } = {}) {
    super(message);
    this.reason = reason;
    this.issues = init.issues ?? [];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
