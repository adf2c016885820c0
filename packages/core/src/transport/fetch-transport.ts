import { raceAbort } from '../abort.ts';
import { responseTooLarge } from './body-limit.ts';
import type { FetchLike, Transport } from './transport.ts';

/**
 * A transport over any fetch-compatible function; the browser and edge default. Each step is
 * raced against the attempt's signal, so a timeout or an abort ends the attempt even when the
 * function ignores the signal (a server's own `app.fetch`, a test double, a Response body
 * that never ends). The Node transport honours its signal itself and needs none of this.
 *
 * Redirects are never followed (`redirect: 'manual'`): Didit's API does not redirect, and a
 * redirect to another origin must neither receive the request nor answer for Didit. The 3xx (in
 * a browser, the opaque redirect, status 0) becomes an `APIError`. The body is read from
 * `response.body` chunk by chunk, already decompressed (so a small gzip body that inflates
 * without end is counted as it inflates), and cancelled past `maxResponseBytes`.
 */
export function fetchTransport(fetchFn: FetchLike): Transport {
  return async ({ url, method, headers, body, signal, maxResponseBytes }) => {
    const race = <T>(promise: Promise<T>): Promise<T> => (signal ? raceAbort(promise, signal) : promise);
    const request = new Request(url, {
      method,
      headers,
      body: body ?? null,
      signal: signal ?? null,
      redirect: 'manual',
      // A streamed upload is sent as it is read (fetch requires saying so).
      ...(typeof body === 'object' ? { duplex: 'half' } : {}),
    } as RequestInit);
    const response = await race(Promise.resolve(fetchFn(request)));
    // An opaque redirect (a browser's answer to a redirect under 'manual') has status 0.
    const { status } = response;
    const header = (name: string) => response.headers.get(name);

    // The body, counted chunk by chunk as it arrives (decompressed already): past the limit the
    // count throws, which cancels the body and rejects the read with that error. An abort (the
    // deadline, the caller) cancels it too, even when the function that made it ignores signals:
    // nothing goes on reading, or inflating, unseen.
    const read = () => {
      let total = 0;
      const counted = response.body?.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            total += chunk.byteLength;
            if (total > maxResponseBytes) throw responseTooLarge(maxResponseBytes, status, header('x-request-id'));
            controller.enqueue(chunk);
          },
        }),
        signal && { signal },
      );
      return new Response(counted);
    };

    return {
      status,
      header,
      text: async () => race(read().text()),
      bytes: async () => new Uint8Array(await race(read().arrayBuffer())),
    };
  };
}
