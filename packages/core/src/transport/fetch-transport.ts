import type { FetchLike, Transport } from './transport.ts';

/** A transport over any fetch-compatible function; the browser and edge default. */
export function fetchTransport(fetchFn: FetchLike): Transport {
  return async ({ url, method, headers, body, signal }) => {
    const response = await fetchFn(new Request(url, { method, headers, body: body ?? null, signal }));
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => response.text(),
      bytes: async () => new Uint8Array(await response.arrayBuffer()),
    };
  };
}
