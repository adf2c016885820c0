import { scanSignedJson } from '../webhooks/canonical-scan.ts';
import { toHex } from '../webhooks/hmac.ts';
import { MAX_JSON_DEPTH } from '../webhooks/lossless-json.ts';
import type { VerifiedDelivery } from '../webhooks/verify-webhook.ts';

/**
 * The keys that tell deliveries of one event apart from those of another, however they were signed:
 * `check` decides whether this delivery was seen before, and every key in `record` is remembered.
 *
 * - `fields:` the four fields X-Signature-Simple covers (session, status, `webhook_type`, the
 *   signed `timestamp`): the only ones a delivery verified by X-Signature-Simple alone vouches
 *   for, so such a delivery is checked by them. A captured delivery replayed with only
 *   `X-Timestamp` and `X-Signature-Simple` is thus a duplicate of the original.
 * - `event:` v3's `event_id` (Didit's idempotency key), for a delivery whose whole body is signed.
 * - `body:` a SHA-256 of the canonical body (the X-Signature-V2 form, the same however the body was
 *   re-serialised on its way), for a v1/v2 body (no `event_id`): another status, `webhook_type`,
 *   timestamp or decision is another event.
 *
 * A wholly signed delivery is checked by its own key and also records `fields:`.
 */
export async function webhookEventKeys(delivery: VerifiedDelivery): Promise<{ check: string; record: string[] }> {
  const { session_id, status, webhook_type, timestamp, event_id } = delivery.event as {
    session_id?: unknown;
    status?: unknown;
    webhook_type?: unknown;
    timestamp?: unknown;
    event_id?: unknown;
  };
  const session = typeof session_id === 'string' ? session_id.toLowerCase() : '';
  const fields = `fields:${JSON.stringify([session, status ?? '', webhook_type ?? '', timestamp ?? ''])}`;
  if (delivery.verifiedBy === 'simple') return { check: fields, record: [fields] };
  const own =
    typeof event_id === 'string' && event_id !== ''
      ? `event:${event_id}`
      : `body:${await sha256Hex(canonical(delivery.text))}`;
  return { check: own, record: [own, fields] };
}

/** The X-Signature-V2 form; a signed body nested past the scanner's bound keys on its own text. */
function canonical(text: string): string {
  try {
    return scanSignedJson(text, MAX_JSON_DEPTH).canonical;
  } catch {
    return text;
  }
}

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
