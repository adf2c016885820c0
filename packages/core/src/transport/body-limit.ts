import { ResponseTooLargeError } from '../errors.ts';
import { requestIdFrom } from '../request-id.ts';

// A response body is counted as it arrives (after decompression, where the transport
// decompresses) and abandoned past the limit: by undici's own `maxResponseSize` in the undici
// transport, in a TransformStream in the fetch transport. Both raise this error.

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
