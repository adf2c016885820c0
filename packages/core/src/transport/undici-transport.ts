import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Agent, type Dispatcher, request } from 'undici';
import { responseTooLarge } from './body-limit.ts';
import type { Transport } from './transport.ts';

/**
 * The Node default: undici's `request` on a keep-alive `Agent`. It skips the WHATWG
 * fetch layer (about twice the throughput of global fetch on loopback) and never hands
 * an undici dispatcher to Node's own fetch, which breaks across undici versions.
 *
 * It follows no redirect (undici's `request` does not without a redirect interceptor, and
 * none is installed) and asks for no compression, so it inflates nothing: the bytes counted
 * against `maxResponseBytes` are the bytes on the socket. The limit is undici's own
 * `maxResponseSize`: a `content-length` past it is refused before a byte is read, and a body
 * that outgrows it is cut off with its connection; the body is read by undici's own consumers.
 */
export function undiciTransport(timeoutMs: number, maxResponseBytes: number): Transport {
  // Connecting is bounded by the client's timeout too (undici's own default is 10 s): with no
  // AbortSignal per attempt, nothing else would end an attempt stuck before its headers.
  const dispatcher = new Agent({
    keepAliveTimeout: 10_000,
    connections: 128,
    pipelining: 1,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
    maxResponseSize: maxResponseBytes,
  });
  const send: Transport = async ({ url, method, headers, body, signal, timeoutMs }) => {
    // undici's own timers bound waiting for the headers and each pause in the body; the request
    // loop's deadline cancels a body that trickles in past the budget.
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method,
        headers,
        // A streamed upload as the Node stream undici reads it.
        body: typeof body === 'object' ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : body,
        signal,
        dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      // A declared content-length past the limit: undici refuses it as the headers arrive.
      throw tooLargeOr(error, undefined, undefined);
    }
    const header = (name: string): string | null => {
      const value = response.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    };
    const consume = <T>(read: () => Promise<T>): Promise<T> =>
      read().catch((error: unknown) => {
        throw tooLargeOr(error, response.statusCode, header('x-request-id'));
      });
    return {
      status: response.statusCode,
      header,
      text: () => consume(() => response.body.text()),
      bytes: () => consume(async () => new Uint8Array(await response.body.arrayBuffer())),
      cancel: () => response.body.destroy(),
    };
  };

  /** undici's own "response too large" as ours; any other error as it is. */
  const tooLargeOr = (error: unknown, status: number | undefined, requestId: string | null | undefined) =>
    (error as { code?: unknown } | null)?.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE'
      ? responseTooLarge(maxResponseBytes, status ?? 0, requestId)
      : error;
  return Object.assign(send, { ownsTimeouts: true });
}
