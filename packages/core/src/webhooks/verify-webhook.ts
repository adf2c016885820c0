import { InvalidArgumentError } from '../errors.ts';
import { describeIssues, toIssues } from '../validation.ts';
import { canonicalizeForSignatureV2 } from './canonical-json.ts';
import { hmacSha256, importHmacKey, signatureMatches, utf8 } from './hmac.ts';
import { bytesToText, describeNonRawBody, rawBodyBytes, type WebhookRawBody } from './raw-body.ts';
import { simpleSignatureInput } from './sign-webhook.ts';
import { type WebhookEvent, webhookEventSchema } from './webhook-event.schema.ts';
import { readHeader, type WebhookHeadersInput } from './webhook-headers.ts';
import { WebhookVerificationError } from './webhook-verification-error.ts';

export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;

export interface VerifyWebhookOptions {
  /**
   * The raw request body, exactly as received: a string, `Uint8Array`, `Buffer` or `ArrayBuffer`.
   * Not an object a framework has parsed (see the README for how to get the raw body).
   */
  body: WebhookRawBody;
  /** The request headers: a `Headers`, a plain object (any casing) or Node's `IncomingHttpHeaders`. */
  headers: WebhookHeadersInput;
  /** The webhook secret from Didit's console. */
  secret: string;
  /** How far `X-Timestamp` may be from now, either way, in seconds. Default 300. */
  toleranceSec?: number | undefined;
  /** The current time (a `Date` or epoch milliseconds), for tests. Default: the clock. */
  now?: Date | number | undefined;
}

const TIMESTAMP = /^\d{1,15}(?:\.\d+)?$/;

const RAW_BODY_HELP =
  'A re-serialised body no longer matches X-Signature. Read the raw body instead: ' +
  "Express: express.raw({ type: 'application/json' }) on the webhook route (req.body is then a Buffer); " +
  'Hono: await c.req.text(); Next.js route handler or any fetch handler: await request.text(); ' +
  "node:http: collect the request's chunks into a Buffer.";

/**
 * Verifies a webhook delivery from Didit and returns its typed body.
 *
 * Accepts the delivery when `X-Timestamp` is within `toleranceSec` of now and any one of
 * `X-Signature` (the raw body), `X-Signature-V2` (the canonical form of the parsed body) or
 * `X-Signature-Simple` (`{timestamp}:{session_id}:{status}:{webhook_type}`) is valid for `secret`.
 * When only X-Signature-Simple is valid, only the fields it covers are returned (`session_id`,
 * `status`, `webhook_type`, and `timestamp` from the header): the rest of the body, `decision` and
 * `vendor_data` included, is not authenticated then; fetch the decision with the client.
 *
 * Runs wherever WebCrypto does (Node 20+, Deno, Bun, edge runtimes); compares in constant time.
 * Throws `WebhookVerificationError` (with a `reason`) for a delivery to refuse, and
 * `InvalidArgumentError` for a missing secret or a bad `toleranceSec` (a bug in the caller).
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  const { body, headers, secret } = options;
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidArgumentError('verifyWebhook: secret must be a non-empty string (the webhook secret)');
  }
  const toleranceSec = options.toleranceSec ?? DEFAULT_WEBHOOK_TOLERANCE_SEC;
  if (typeof toleranceSec !== 'number' || !(toleranceSec >= 0)) {
    throw new InvalidArgumentError('verifyWebhook: toleranceSec must be a number >= 0 (Infinity to skip the check)');
  }
  const nowMs = options.now instanceof Date ? options.now.getTime() : (options.now ?? Date.now());
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
    // An invalid Date would otherwise turn every timestamp comparison false and skip the check.
    throw new InvalidArgumentError('verifyWebhook: now must be a valid Date or epoch milliseconds');
  }

  const bytes = rawBodyBytes(body);
  if (bytes === undefined) {
    throw new WebhookVerificationError(
      'body_parsed',
      `verifyWebhook needs the raw request body (a string or bytes) but got ${describeNonRawBody(body)}. ` +
        `If a framework parsed the JSON for you, the exact bytes Didit signed are gone. ${RAW_BODY_HELP}`,
    );
  }

  const timestampHeader = readHeader(headers, 'x-timestamp')?.trim();
  const signatures = {
    raw: readHeader(headers, 'x-signature'),
    v2: readHeader(headers, 'x-signature-v2'),
    simple: readHeader(headers, 'x-signature-simple'),
  };
  if (timestampHeader === undefined || !TIMESTAMP.test(timestampHeader)) {
    throw new WebhookVerificationError(
      'missing_headers',
      timestampHeader === undefined
        ? 'The X-Timestamp header is missing: is this a webhook from Didit?'
        : 'The X-Timestamp header is not Unix seconds',
    );
  }
  if (signatures.raw === undefined && signatures.v2 === undefined && signatures.simple === undefined) {
    throw new WebhookVerificationError(
      'missing_headers',
      'No signature header (X-Signature, X-Signature-V2 or X-Signature-Simple): is this a webhook from Didit?',
    );
  }

  if (Number.isFinite(toleranceSec)) {
    const ageSec = nowMs / 1000 - Number(timestampHeader);
    if (ageSec > toleranceSec) {
      throw new WebhookVerificationError(
        'timestamp_too_old',
        `X-Timestamp is ${Math.round(ageSec)} s old, more than the ${toleranceSec} s allowed: ` +
          "a replayed delivery, or this machine's clock is wrong",
      );
    }
    if (-ageSec > toleranceSec) {
      throw new WebhookVerificationError(
        'timestamp_in_future',
        `X-Timestamp is ${Math.round(-ageSec)} s ahead of this machine's clock, more than the ${toleranceSec} s ` +
          'allowed: check the clock (NTP)',
      );
    }
  }

  const key = await importHmacKey(secret);
  const text = bytesToText(bytes);
  const verifiedBy = await firstValidSignature(key, bytes, text, timestampHeader, signatures);
  if (verifiedBy === undefined) {
    const sent = Object.entries({ 'X-Signature': signatures.raw, 'X-Signature-V2': signatures.v2 })
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name);
    if (signatures.simple !== undefined) sent.push('X-Signature-Simple');
    throw new WebhookVerificationError(
      'invalid_signature',
      `No valid signature (checked ${sent.join(', ')}). Check the webhook secret, and that the body is the raw ` +
        'request body, unchanged.',
    );
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('invalid_json', 'The webhook body is correctly signed but is not JSON');
  }
  const result = webhookEventSchema.safeParse(data);
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new WebhookVerificationError(
      'invalid_payload',
      `The webhook body is correctly signed but is not a webhook event: ${describeIssues(issues)}`,
      { issues },
    );
  }
  if (verifiedBy !== 'simple') return result.data;
  const { session_id, status, webhook_type } = result.data;
  return { session_id, status, webhook_type, timestamp: Number(timestampHeader) };
}

type SignatureKind = 'raw' | 'v2' | 'simple';

/** Checks the signatures present, cheapest first, and says which one is valid. */
async function firstValidSignature(
  key: CryptoKey,
  bytes: Uint8Array<ArrayBuffer>,
  text: string,
  timestampHeader: string,
  signatures: Record<SignatureKind, string | undefined>,
): Promise<SignatureKind | undefined> {
  if (signatures.raw !== undefined && signatureMatches(await hmacSha256(key, bytes), signatures.raw)) return 'raw';
  if (signatures.v2 !== undefined) {
    let canonical: string | undefined;
    try {
      canonical = canonicalizeForSignatureV2(text);
    } catch {
      // Not JSON (or nested beyond what Didit could sign): V2 cannot match.
    }
    if (canonical !== undefined && signatureMatches(await hmacSha256(key, utf8(canonical)), signatures.v2)) {
      return 'v2';
    }
  }
  if (signatures.simple !== undefined) {
    const input = simpleSignatureInput(timestampHeader, text);
    if (input !== undefined && signatureMatches(await hmacSha256(key, utf8(input)), signatures.simple)) {
      return 'simple';
    }
  }
  return undefined;
}
