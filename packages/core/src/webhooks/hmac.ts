// HMAC-SHA256 with WebCrypto only (`globalThis.crypto.subtle`), so the same code runs on
// Node 20, Deno, Bun, Cloudflare Workers, Vercel Edge and in browsers: no `node:crypto`.

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** An HMAC-SHA256 key for `secret`. Imported per call: the secret is never kept in a cache. */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function hmacSha256(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Compares a computed MAC with a hex signature from a header in constant time: the work does
 * not depend on where the two first differ (XOR accumulated over all 32 bytes). Only the
 * header's well-formedness (64 hex digits), which is public, decides early.
 */
export function signatureMatches(expected: Uint8Array, headerValue: string | undefined): boolean {
  if (headerValue === undefined) return false;
  const hex = headerValue.trim();
  const wellFormed = HEX_SHA256.test(hex);
  let diff = wellFormed && expected.length === 32 ? 0 : 1;
  for (let i = 0; i < 32; i++) {
    const given = wellFormed ? Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) : 0;
    diff |= (expected[i] ?? 0) ^ given;
  }
  return diff === 0;
}
