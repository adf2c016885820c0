import { InvalidArgumentError } from '../errors.ts';
import { type SignedJsonScan, scanSignedJson } from './canonical-scan.ts';
import { hmacSha256, importHmacKey, toHex, utf8 } from './hmac.ts';
import { MAX_JSON_DEPTH } from './lossless-json.ts';
import { bytesToText, describeNonRawBody, rawBodyBytes, type WebhookRawBody } from './raw-body.ts';
import { simpleSignatureInput } from './simple-signature.ts';
import type { WebhookSignatureHeaders } from './webhook-headers.ts';

export interface SignWebhookOptions {
  /** The raw body to send, exactly. Build it from a payload with `serializeWebhookPayload`. */
  body: WebhookRawBody;
  /**
   * The webhook secret (Didit's console shows it with the destination). During a rotation, pass
   * `[current, previous]`: the `-previous` headers are then signed with the previous secret, as
   * Didit does for 24 hours after a rotation.
   */
  secret: string | readonly string[];
  /** Unix seconds for `X-Timestamp`. Default: now. (The body's own `timestamp` is the caller's.) */
  timestamp?: number | undefined;
}

/**
 * The headers Didit would send with `body`: `x-timestamp`, `x-signature` (raw bytes),
 * `x-signature-v2` (canonical form; when the body is JSON) and `x-signature-simple`
 * (`{timestamp}:{session_id}:{status}:{webhook_type}` from the body, each written as Python's
 * `str()` does, `""` when absent; when the body is a JSON object), plus their `-previous` twins
 * when `secret` holds a previous secret. For tests of your webhook handler, and for the mock server.
 */
export async function signWebhook(options: SignWebhookOptions): Promise<WebhookSignatureHeaders> {
  const { body } = options;
  const secrets: readonly unknown[] = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (
    !Array.isArray(secrets) ||
    secrets.length === 0 ||
    secrets.length > 2 ||
    !secrets.every((s) => typeof s === 'string' && s !== '')
  ) {
    throw new InvalidArgumentError(
      'signWebhook: secret must be a non-empty string, or [current, previous] non-empty strings',
    );
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

  let scan: SignedJsonScan | undefined;
  try {
    scan = scanSignedJson(bytesToText(bytes), MAX_JSON_DEPTH);
  } catch {
    // Not JSON (or nested beyond what Python can write): only the raw signature applies.
  }
  const canonical = scan === undefined ? undefined : utf8(scan.canonical);
  const simple = simpleSignatureInput(scan?.simpleFields);
  const simpleBytes = simple === undefined ? undefined : utf8(simple);

  const [current, previous] = await Promise.all((secrets as string[]).map(importHmacKey));
  const sign = async (key: CryptoKey, data: Uint8Array<ArrayBuffer>) => toHex(await hmacSha256(key, data));
  const headers: WebhookSignatureHeaders = {
    'x-timestamp': String(timestamp),
    'x-signature': await sign(current!, bytes),
  };
  if (canonical !== undefined) headers['x-signature-v2'] = await sign(current!, canonical);
  if (simpleBytes !== undefined) headers['x-signature-simple'] = await sign(current!, simpleBytes);
  if (previous !== undefined) {
    headers['x-signature-previous'] = await sign(previous, bytes);
    if (canonical !== undefined) headers['x-signature-v2-previous'] = await sign(previous, canonical);
    if (simpleBytes !== undefined) headers['x-signature-simple-previous'] = await sign(previous, simpleBytes);
  }
  return headers;
}
