/**
 * The headers Didit sends with a webhook, as `signWebhook` returns them (lower case). A type
 * alias rather than an interface, so it can be passed straight back as `WebhookHeadersInput`.
 */
export type WebhookSignatureHeaders = {
  /** Unix seconds, as a decimal string. */
  'x-timestamp': string;
  /** Hex HMAC-SHA256 of the raw body bytes. */
  'x-signature': string;
  /** Hex HMAC-SHA256 of the canonical form of the parsed body (absent when the body is not JSON). */
  'x-signature-v2'?: string;
  /**
   * Hex HMAC-SHA256 of `{timestamp}:{session_id}:{status}:{webhook_type}`, the body's own values
   * (absent when the body is not a JSON object).
   */
  'x-signature-simple'?: string;
  /** During a rotation: `x-signature` with the previous secret. */
  'x-signature-previous'?: string;
  /** During a rotation: `x-signature-v2` with the previous secret. */
  'x-signature-v2-previous'?: string;
  /** During a rotation: `x-signature-simple` with the previous secret (Didit's name for it is undocumented). */
  'x-signature-simple-previous'?: string;
};

/**
 * Request headers in any of the usual shapes: a fetch `Headers`, a plain object with any
 * casing, or Node's `IncomingHttpHeaders` (values may be arrays).
 */
export type WebhookHeadersInput =
  | Headers
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

/** Reads one header, case-insensitively; the first value when it was sent more than once. */
export function readHeader(headers: WebhookHeadersInput | null | undefined, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const lower = name.toLowerCase();
  if (typeof (headers as { get?: unknown }).get === 'function') {
    try {
      return firstValue((headers as { get(name: string): unknown }).get(lower));
    } catch {
      return undefined;
    }
  }
  const record = headers as Record<string, unknown>;
  if (Object.hasOwn(record, lower)) return firstValue(record[lower]);
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === lower) return firstValue(record[key]);
  }
  return undefined;
}

function firstValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return firstValue(value[0]);
  return undefined;
}
