import { InvalidArgumentError } from '../errors.ts';
import { canonicalizeForSignatureV2 } from './canonical-json.ts';
import { hmacSha256, importHmacKey, toHex, utf8 } from './hmac.ts';
import { bytesToText, describeNonRawBody, rawBodyBytes, type WebhookRawBody } from './raw-body.ts';
import type { WebhookSignatureHeaders } from './webhook-headers.ts';

export interface SignWebhookOptions {
  /** The raw body to send, exactly. Build it from a payload with `serializeWebhookPayload`. */
  body: WebhookRawBody;
  /** The webhook secret (Didit's console shows it next to the webhook URL). */
  secret: string;
  /** Unix seconds for `X-Timestamp`. Default: now. */
  timestamp?: number | undefined;
}

/**
 * The headers Didit would send with `body`: `x-timestamp`, `x-signature` (raw bytes),
 * `x-signature-v2` (canonical form; when the body is JSON) and `x-signature-simple`
 * (`{timestamp}:{session_id}:{status}:{webhook_type}`; when the body has those three strings).
 * For tests of your webhook handler, and for the mock server.
 */
export async function signWebhook(options: SignWebhookOptions): Promise<WebhookSignatureHeaders> {
  const { body, secret } = options;
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidArgumentError('signWebhook: secret must be a non-empty string');
  }
  const bytes = rawBodyBytes(body);
  if (bytes === undefined) {
    throw new InvalidArgumentError(
      `signWebhook: body must be the raw body (a string or bytes), got ${describeNonRawBody(body)}; ` +
        'serialise a payload with serializeWebhookPayload(payload) first',
    );
  }
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new InvalidArgumentError('signWebhook: timestamp must be whole Unix seconds');
  }

  const key = await importHmacKey(secret);
  const sign = async (data: Uint8Array<ArrayBuffer>) => toHex(await hmacSha256(key, data));
  const headers: WebhookSignatureHeaders = {
    'x-timestamp': String(timestamp),
    'x-signature': await sign(bytes),
  };
  const text = bytesToText(bytes);
  let canonical: string | undefined;
  try {
    canonical = canonicalizeForSignatureV2(text);
  } catch {
    // Not JSON: only the raw signature applies.
  }
  if (canonical !== undefined) headers['x-signature-v2'] = await sign(utf8(canonical));
  const simple = simpleSignatureInput(headers['x-timestamp'], text);
  if (simple !== undefined) headers['x-signature-simple'] = await sign(utf8(simple));
  return headers;
}

/**
 * `{X-Timestamp}:{session_id}:{status}:{webhook_type}`, or undefined when the body lacks one of
 * the three strings: what Didit signs for a body without `webhook_type` is not documented, so
 * no guess is made.
 */
export function simpleSignatureInput(timestampHeader: string, bodyText: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { session_id, status, webhook_type } = data as Record<string, unknown>;
  if (typeof session_id !== 'string' || typeof status !== 'string' || typeof webhook_type !== 'string') {
    return undefined;
  }
  return `${timestampHeader}:${session_id}:${status}:${webhook_type}`;
}
