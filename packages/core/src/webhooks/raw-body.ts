/** The raw body of a webhook request, exactly as received. A Node `Buffer` is a `Uint8Array`. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The body's bytes, or undefined when it is not a raw body (an object a framework parsed, undefined...). */
export function rawBodyBytes(body: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) {
    // Copied: a Node Buffer is often a view into a larger shared pool.
    return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  }
  return undefined;
}

export function bytesToText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function describeNonRawBody(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' ? 'an object' : typeof body;
}
