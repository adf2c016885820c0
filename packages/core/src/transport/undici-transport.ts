import { Agent, request } from 'undici';
import { ChunkCollector, declaredTooLarge, responseTooLarge, utf8 } from './body-limit.ts';
import type { Transport } from './transport.ts';

/**
 * The Node default: undici's `request` on a keep-alive `Agent`. It skips the WHATWG
 * fetch layer (about twice the throughput of global fetch on loopback) and never hands
 * an undici dispatcher to Node's own fetch, which breaks across undici versions.
 *
 * It follows no redirect (undici's `request` does not without a redirect interceptor, and
 * none is installed) and asks for no compression, so it inflates nothing: the bytes counted
 * against `maxResponseBytes` are the bytes on the socket. Past the limit the body is destroyed,
 * which closes the connection.
 */
export function undiciTransport(timeoutMs: number): Transport {
  // Connecting is bounded by the client's timeout too (undici's own default is 10 s): with no
  // AbortSignal per attempt, nothing else would end an attempt stuck before its headers.
  const dispatcher = new Agent({
    keepAliveTimeout: 10_000,
    connections: 128,
    pipelining: 1,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
  });
  const send: Transport = async ({ url, method, headers, body, signal, timeoutMs, maxResponseBytes }) => {
    // undici's own timers bound waiting for the headers and each pause in the body; the request
    // loop's deadline cancels a body that trickles in past the budget.
    const response = await request(url, {
      method,
      headers,
      body,
      signal,
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const header = (name: string): string | null => {
      const value = response.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    };
    const read = async (): Promise<Uint8Array> => {
      const stream = response.body;
      const tooLarge = () => responseTooLarge(maxResponseBytes, response.statusCode, header('x-request-id'));
      if (declaredTooLarge(header('content-length'), maxResponseBytes)) {
        stream.destroy();
        throw tooLarge();
      }
      const collected = new ChunkCollector(maxResponseBytes);
      // Leaving the loop early (the throw) destroys the stream, and with it the connection.
      for await (const chunk of stream) {
        if (!collected.add(chunk as Uint8Array)) throw tooLarge();
      }
      return collected.bytes();
    };
    return {
      status: response.statusCode,
      header,
      text: () => read().then(utf8),
      bytes: read,
      cancel: () => response.body.destroy(),
    };
  };
  return Object.assign(send, { ownsTimeouts: true });
}
