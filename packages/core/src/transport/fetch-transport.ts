import { raceAbort } from '../abort.ts';
import type { FetchLike, Transport } from './transport.ts';

/**
 * A transport over any fetch-compatible function; the browser and edge default. Each step is
 * raced against the attempt's signal, so a timeout or an abort ends the attempt even when the
 * function ignores the signal (a server's own `app.fetch`, a test double, a Response body
 * that never ends). The Node transport honours its signal itself and needs none of this.
 */
export function fetchTransport(fetchFn: FetchLike): Transport {
  return async ({ url, method, headers, body, signal }) => {
    const race = <T>(promise: Promise<T>): Promise<T> => (signal ? raceAbort(promise, signal) : promise);
    const request = new Request(url, { method, headers, body: body ?? null, signal: signal ?? null });
    const response = await race(Promise.resolve(fetchFn(request)));
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => race(response.text()),
      bytes: () => race(response.arrayBuffer()).then((buffer) => new Uint8Array(buffer)),
    };
  };
}
