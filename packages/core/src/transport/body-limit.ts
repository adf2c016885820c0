import { ResponseTooLargeError } from '../errors.ts';
import { requestIdFrom } from '../request-id.ts';

// A response body is read chunk by chunk, counted as it arrives (after decompression, where the
// transport decompresses), and abandoned past the limit. The fetch transport counts in a
// TransformStream and needs only `responseTooLarge`; the rest is the undici transport's.

/** The error a transport throws from `text()` or `bytes()` past the limit; the loop names the call. */
export function responseTooLarge(
  maxResponseBytes: number,
  status: number,
  requestId: string | null | undefined,
): ResponseTooLargeError {
  return new ResponseTooLargeError(`the response is larger than maxResponseBytes (${maxResponseBytes} bytes)`, {
    status,
    requestId: requestIdFrom(requestId),
    maxResponseBytes,
  });
}

/**
 * A `content-length` already past the limit: refused before reading a byte. For a transport
 * that inflates nothing (undici's `request`), where that length is what would be counted.
 */
export function declaredTooLarge(contentLength: string | null, maxResponseBytes: number): boolean {
  return Number(contentLength) > maxResponseBytes;
}

/** Collects chunks up to a limit; `add` returns false once the limit is passed. */
export class ChunkCollector {
  readonly #chunks: Uint8Array[] = [];
  #total = 0;

  constructor(readonly maxBytes: number) {}

  add(chunk: Uint8Array): boolean {
    this.#total += chunk.byteLength;
    if (this.#total > this.maxBytes) {
      this.#chunks.length = 0;
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  /** The bytes as one fresh `Uint8Array` (not a Buffer, not a view of a pooled one). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.#total);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}

/** UTF-8, a leading BOM dropped and bad sequences replaced: what `Response.text()` does. */
export function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
