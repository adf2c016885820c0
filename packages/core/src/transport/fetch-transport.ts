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
    const request = new Request(url, { method, headers, body: body ?? null, signal });
    const response = await raceAbort(Promise.resolve(fetchFn(request)), signal);
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => raceAbort(response.text(), signal),
      bytes: () => raceAbort(response.arrayBuffer(), signal).then((buffer) => new Uint8Array(buffer)),
    };
  };
}
