import { InvalidArgumentError } from '../errors.ts';
import { describeIssues, toIssues } from '../validation.ts';
import { scanSignedJson } from './canonical-scan.ts';
import { hmacSha256, importHmacKey, signatureMatches, utf8 } from './hmac.ts';
import { bytesToText, describeNonRawBody, rawBodyBytes, rawBodySize, type WebhookRawBody } from './raw-body.ts';
import { scanSimpleFields } from './simple-fields.ts';
import { simpleSignatureInput, simpleSignedEvent } from './simple-signature.ts';
import {
  isLegacyWebhookEvent,
  type LegacyWebhookEvent,
  type WebhookEvent,
  webhookEventSchema,
} from './webhook-event.schema.ts';
import { readHeader, type WebhookHeadersInput } from './webhook-headers.ts';
import { WebhookVerificationError } from './webhook-verification-error.ts';

export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;
/** 1 MiB: a Didit delivery with a full decision is a few tens of kB. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
/**
 * How many containers deep a body may nest for X-Signature-V2 to be checked. Didit's bodies
 * nest about 6 deep; a deeper body can still verify with X-Signature (the raw bytes).
 */
export const WEBHOOK_V2_MAX_DEPTH = 64;

export interface VerifyWebhookOptions {
  /**
   * The raw request body, exactly as received: a string, `Uint8Array`, `Buffer` or `ArrayBuffer`.
   * Not an object a framework has parsed (see the README for how to get the raw body).
   */
  body: WebhookRawBody;
  /** The request headers: a `Headers`, a plain object (any casing) or Node's `IncomingHttpHeaders`. */
  headers: WebhookHeadersInput;
  /**
   * The destination's webhook secret, or several during a rotation (the new one and the old one):
   * a delivery is accepted when any signature header, `-Previous` ones included, is valid for any of them.
   */
  secret: string | readonly string[];
  /**
   * How far the delivery's time may be from now, either way, in seconds. Default 300. Checked
   * against `X-Timestamp` and against the body's signed `timestamp`. `Infinity` skips both checks.
   */
  toleranceSec?: number | undefined;
  /** The largest body accepted, in bytes, checked before anything else is done with it. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** The current time (a `Date` or epoch milliseconds), for tests. Default: the clock. */
  now?: Date | number | undefined;
  /**
   * `'v1'` for an app whose destination sends v1/v2 bodies: the result is typed `LegacyWebhookEvent`
   * (no narrowing needed), and a v3 delivery is refused with reason `invalid_payload`, saying so.
   */
  apiVersion?: 'v1' | undefined;
}

const TIMESTAMP = /^\d{1,15}(?:\.\d+)?$/;

const RAW_BODY_HELP =
  'A re-serialised body no longer matches X-Signature. Read the raw body instead: ' +
  "Express: express.raw({ type: 'application/json' }) on the webhook route (req.body is then a Buffer); " +
  'Hono: await c.req.text(); Next.js route handler or any fetch handler: await request.text(); ' +
  "node:http: collect the request's chunks into a Buffer.";

export type SignatureKind = 'raw' | 'v2' | 'simple';

const SIGNATURE_HEADERS: Record<SignatureKind, readonly [string, string]> = {
  raw: ['X-Signature', 'X-Signature-Previous'],
  v2: ['X-Signature-V2', 'X-Signature-V2-Previous'],
  simple: ['X-Signature-Simple', 'X-Signature-Simple-Previous'],
};

/**
 * Verifies a webhook delivery from Didit and returns its typed body.
 *
 * The work is ordered cheapest first, so that a forged delivery is refused for less than twice
 * what `JSON.parse` of its body costs: the body's size, the headers, `X-Timestamp`, the HMAC of the
 * raw bytes (X-Signature), then one `JSON.parse` for X-Signature-Simple. X-Signature-V2 (a canonical
 * re-serialisation, several times the cost of a parse) is checked only when X-Signature-Simple is
 * valid: Didit sends all three, and a body that X-Signature-V2 would vouch for has the fields
 * X-Signature-Simple signs. One valid signature, for any of the secrets, `-Previous` headers
 * included, is enough: X-Signature alone, X-Signature-Simple alone, or both Simple and V2.
 *
 * X-Signature and X-Signature-V2 do not cover `X-Timestamp`, so the header cannot make an old
 * body fresh: the body's own signed `timestamp` (else `created_at`) must be within `toleranceSec`
 * of now too (reason `stale`). When only X-Signature-Simple is valid, only the fields it covers are
 * returned (`session_id`, `status`, `webhook_type`, `timestamp`, all from the body): the rest,
 * `decision` and `vendor_data` included, is not authenticated then; fetch the decision with the client.
 *
 * Runs wherever WebCrypto does (Node 20+, Deno, Bun, edge runtimes); compares in constant time.
 * Throws `WebhookVerificationError` (with a `reason`) for a delivery to refuse, and
 * `InvalidArgumentError` for a missing secret or a bad option (a bug in the caller).
 */
export async function verifyWebhook(options: VerifyWebhookOptions & { apiVersion: 'v1' }): Promise<LegacyWebhookEvent>;
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent>;
export async function verifyWebhook(options: VerifyWebhookOptions & { apiVersion?: 'v1' }): Promise<WebhookEvent> {
  const { event } = await verifyDelivery(options);
  if (options.apiVersion === 'v1' && !isLegacyWebhookEvent(event)) {
    const { webhook_type, event_id } = event as { webhook_type?: unknown; event_id?: unknown };
    throw new WebhookVerificationError(
      'invalid_payload',
      'Expected a v1 delivery (a LegacyWebhookEvent: no webhook_type, or status.updated without event_id), but ' +
        `this is a ${JSON.stringify(webhook_type)} event${typeof event_id === 'string' ? ' with an event_id, from a v3 destination' : ''}. ` +
        "Verify it without apiVersion: 'v1' (you get the WebhookEvent union, which isLegacyWebhookEvent(event) " +
        "narrows), or set the destination's webhook_version to v1.",
    );
  }
  return event;
}

/** A delivery that passed verification, as the webhook handler needs it. */
export interface VerifiedDelivery {
  event: WebhookEvent;
  /** The whole body as `JSON.parse` read it; undefined when only X-Signature-Simple vouches for it. */
  data: unknown;
  /** The body as text. */
  text: string;
  /** The signature that vouched for it: `simple` covers only `session_id`, `status`, `webhook_type` and `timestamp`. */
  verifiedBy: SignatureKind;
}

/** `verifyWebhook`, keeping what the handler needs besides the event (nothing is parsed twice). */
export async function verifyDelivery(options: VerifyWebhookOptions): Promise<VerifiedDelivery> {
  const { body, headers } = options;
  const secrets = checkSecrets(options.secret);
  const toleranceSec = options.toleranceSec ?? DEFAULT_WEBHOOK_TOLERANCE_SEC;
  if (typeof toleranceSec !== 'number' || !(toleranceSec >= 0)) {
    throw new InvalidArgumentError('verifyWebhook: toleranceSec must be a number >= 0 (Infinity to skip the check)');
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (typeof maxBodyBytes !== 'number' || !(maxBodyBytes > 0)) {
    throw new InvalidArgumentError('verifyWebhook: maxBodyBytes must be a number > 0');
  }
  const nowMs = options.now instanceof Date ? options.now.getTime() : (options.now ?? Date.now());
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
    // An invalid Date would otherwise turn every timestamp comparison false and skip the check.
    throw new InvalidArgumentError('verifyWebhook: now must be a valid Date or epoch milliseconds');
  }

  // 1. The body's size, before it is copied, decoded or hashed.
  const size = rawBodySize(body);
  if (size === undefined) {
    throw new WebhookVerificationError(
      'body_parsed',
      `verifyWebhook needs the raw request body (a string or bytes) but got ${describeNonRawBody(body)}. ` +
        `If a framework parsed the JSON for you, the exact bytes Didit signed are gone. ${RAW_BODY_HELP}`,
    );
  }
  if (size > maxBodyBytes) throw tooLarge(size, maxBodyBytes);
  if (size === 0 || body === '[object Object]') {
    throw new WebhookVerificationError(
      'body_parsed',
      `The body was ${size === 0 ? 'empty' : 'an object turned into "[object Object]"'}: a body parser ran before ` +
        `this route and consumed or parsed it, so the bytes Didit signed are gone. ${RAW_BODY_HELP}`,
    );
  }
  const bytes = rawBodyBytes(body)!;
  // A string's length counts UTF-16 units; its UTF-8 bytes can be up to three times as many.
  if (bytes.length > maxBodyBytes) throw tooLarge(bytes.length, maxBodyBytes);

  // 2. The headers.
  const timestampHeader = readHeader(headers, 'x-timestamp')?.trim();
  const signatures = {
    raw: sentSignatures(headers, 'raw'),
    v2: sentSignatures(headers, 'v2'),
    simple: sentSignatures(headers, 'simple'),
  };
  if (timestampHeader === undefined || !TIMESTAMP.test(timestampHeader)) {
    throw new WebhookVerificationError(
      'missing_headers',
      timestampHeader === undefined
        ? 'The X-Timestamp header is missing: is this a webhook from Didit?'
        : 'The X-Timestamp header is not Unix seconds',
    );
  }
  if (signatures.raw.length + signatures.v2.length + signatures.simple.length === 0) {
    throw new WebhookVerificationError(
      'missing_headers',
      'No signature header (X-Signature, X-Signature-V2 or X-Signature-Simple): is this a webhook from Didit?',
    );
  }

  // 3. X-Timestamp (unsigned, so this only turns away what is plainly old; the body's time is checked below).
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

  // 4. The signatures, cheapest first: a forged delivery is refused after one HMAC of its bytes
  // (X-Signature) and, when it carries X-Signature-Simple, a scan for the four fields that one
  // covers; its body is never parsed nor canonicalised.
  const keys = await Promise.all(secrets.map(importHmacKey));
  if (await anyMatches(keys, bytes, signatures.raw)) {
    const text = bytesToText(bytes);
    return { ...parseSigned(text, nowMs, toleranceSec), text, verifiedBy: 'raw' };
  }
  const fields = signatures.simple.length > 0 ? scanSimpleFields(bytes, WEBHOOK_V2_MAX_DEPTH) : undefined;
  const input = orUndefined(() => simpleSignatureInput(fields));
  const simpleValid = input !== undefined && (await anyMatches(keys, utf8(input), signatures.simple));
  // X-Signature-V2 is weighed only beside a valid X-Signature-Simple: Didit sends both, and the
  // canonical form costs several times a parse, which a forger could otherwise make us pay.
  // Decoded only now: a forged delivery never pays for it.
  const text = simpleValid ? bytesToText(bytes) : '';
  if (simpleValid && signatures.v2.length > 0) {
    let canonical: string | undefined;
    try {
      canonical = scanSignedJson(text, WEBHOOK_V2_MAX_DEPTH).canonical;
    } catch {
      // Not JSON, or nested deeper than WEBHOOK_V2_MAX_DEPTH: X-Signature-Simple may still hold.
    }
    if (canonical !== undefined && (await anyMatches(keys, utf8(canonical), signatures.v2))) {
      return { ...parseSigned(text, nowMs, toleranceSec), text, verifiedBy: 'v2' };
    }
  }
  // Alone, X-Signature-Simple vouches only for an event about a session (it covers nothing else).
  const simpleEvent = simpleValid ? orUndefined(() => simpleSignedEvent(fields)) : undefined;
  if (simpleEvent !== undefined) {
    checkFreshness(simpleEvent.timestamp, nowMs, toleranceSec);
    // The scan found the fields without proving the body is JSON: a genuine delivery is.
    try {
      JSON.parse(text);
    } catch {
      throw new WebhookVerificationError('invalid_json', 'The webhook body is correctly signed but is not JSON');
    }
    return { event: parseEvent(simpleEvent), data: undefined, text, verifiedBy: 'simple' };
  }

  const sent = (Object.keys(SIGNATURE_HEADERS) as SignatureKind[])
    .filter((kind) => signatures[kind].length > 0)
    .map((kind) => SIGNATURE_HEADERS[kind][0]);
  const v2Alone = signatures.v2.length > 0 && signatures.simple.length === 0;
  throw new WebhookVerificationError(
    'invalid_signature',
    `No valid signature (checked ${sent.join(', ')}). Check the webhook secret, and that the body is the raw ` +
      'request body, unchanged.' +
      (v2Alone ? ' X-Signature-V2 counts only beside a valid X-Signature-Simple, as Didit sends them.' : '') +
      (signatures.raw.length > 0 && signatures.v2.length === 0 ? ` ${RAW_BODY_HELP}` : ''),
  );
}

/** The body of a delivery a signature covers whole: parsed, checked against the schema, and fresh. */
function parseSigned(text: string, nowMs: number, toleranceSec: number) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('invalid_json', 'The webhook body is correctly signed but is not JSON');
  }
  return checkParsed(data, nowMs, toleranceSec);
}

function checkParsed(data: unknown, nowMs: number, toleranceSec: number): { event: WebhookEvent; data: unknown } {
  const event = parseEvent(data);
  const { timestamp, created_at } = data as { timestamp?: unknown; created_at?: unknown };
  checkFreshness(
    typeof timestamp === 'number' ? timestamp : typeof created_at === 'number' ? created_at : undefined,
    nowMs,
    toleranceSec,
  );
  return { event, data };
}

/** `read()`, or undefined when it throws (a field's text that is not valid JSON: the scan does not check it). */
function orUndefined<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function checkSecrets(secret: unknown): string[] {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0 || !secrets.every((s) => typeof s === 'string' && s !== '')) {
    throw new InvalidArgumentError(
      'verifyWebhook: secret must be a non-empty string (the webhook secret), or a non-empty array of them',
    );
  }
  return secrets as string[];
}

function tooLarge(size: number, maxBodyBytes: number): WebhookVerificationError {
  return new WebhookVerificationError(
    'too_large',
    `The webhook body is ${size} bytes, more than the ${maxBodyBytes} allowed (maxBodyBytes)`,
  );
}

/** The values of a signature header and of its `-Previous` twin, as sent. */
function sentSignatures(headers: WebhookHeadersInput, kind: SignatureKind): string[] {
  return SIGNATURE_HEADERS[kind].map((name) => readHeader(headers, name)).filter((v) => v !== undefined);
}

/** True when any signature sent is the HMAC of `data` under any key (each compared in constant time). */
async function anyMatches(keys: readonly CryptoKey[], data: Uint8Array<ArrayBuffer>, sent: readonly string[]) {
  if (sent.length === 0) return false;
  for (const key of keys) {
    const mac = await hmacSha256(key, data);
    let matched = false;
    for (const signature of sent) matched = signatureMatches(mac, signature) || matched;
    if (matched) return true;
  }
  return false;
}

function parseEvent(data: unknown): WebhookEvent {
  const result = webhookEventSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new WebhookVerificationError(
    'invalid_payload',
    `The webhook body is correctly signed but is not a webhook event: ${describeIssues(issues)}`,
    { issues },
  );
}

/**
 * The freshness of the delivery from what a signature covers: the body's `timestamp` (else its
 * `created_at`), in Unix seconds. `X-Timestamp` is not signed by X-Signature or X-Signature-V2,
 * so a replayed body with a fresh header is refused here.
 */
function checkFreshness(signedSec: number | undefined, nowMs: number, toleranceSec: number): void {
  if (!Number.isFinite(toleranceSec)) return;
  if (signedSec === undefined) {
    throw new WebhookVerificationError(
      'stale',
      'The webhook body has no timestamp or created_at, so its age cannot be checked (X-Timestamp is not signed)',
    );
  }
  const ageSec = nowMs / 1000 - signedSec;
  if (ageSec > toleranceSec) {
    throw new WebhookVerificationError(
      'stale',
      `The body's signed timestamp is ${Math.round(ageSec)} s old, more than the ${toleranceSec} s allowed: ` +
        'a replayed delivery (X-Timestamp is not signed and cannot make an old body fresh)',
    );
  }
  if (-ageSec > toleranceSec) {
    throw new WebhookVerificationError(
      'timestamp_in_future',
      `The body's signed timestamp is ${Math.round(-ageSec)} s ahead of this machine's clock, more than the ` +
        `${toleranceSec} s allowed: check the clock (NTP)`,
    );
  }
}
