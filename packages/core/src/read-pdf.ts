import { ResponseValidationError } from './errors.ts';
import type { TransportResponse } from './transport/transport.ts';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** Reads a PDF body; anything that does not start like a PDF is a `ResponseValidationError`. */
export async function readPdf(response: TransportResponse, requestId: string | undefined): Promise<Uint8Array> {
  const bytes = await response.bytes();
  if (!PDF_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new ResponseValidationError('Expected a PDF body (starting with %PDF-)', {
      status: response.status,
      requestId,
    });
  }
  return bytes;
}
