/** The raw body of a webhook request, exactly as received. A Node `Buffer` is a `Uint8Array`. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The body's bytes, or undefined when it is not a raw body (an object a framework parsed, undefined...). */
export function rawBodyBytes(body: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof body === 'string') return encoder.encode(body);
  // Copied, so the bytes are always in a plain ArrayBuffer of their own: a Node Buffer is often a
  // view into a larger shared pool, and WebCrypto refuses views of a SharedArrayBuffer.
  if (ArrayBuffer.isView(body)) return copy(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  // By tag rather than `instanceof`, so an ArrayBuffer from another realm (a vm context, an iframe) counts.
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return copy(new Uint8Array(body as ArrayBuffer));
  return undefined;
}

/**
 * The body's size without copying it: bytes for binary bodies; for a string, its length in UTF-16
 * units, which its UTF-8 encoding can only exceed. Undefined when it is not a raw body.
 */
export function rawBodySize(body: unknown): number | undefined {
  if (typeof body === 'string') return body.length;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return (body as ArrayBuffer).byteLength;
  return undefined;
}

function copy(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(view.byteLength);
  bytes.set(view);
  return bytes;
}

export function bytesToText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function describeNonRawBody(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : typeof body;
}
