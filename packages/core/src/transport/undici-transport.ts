import { Agent, request } from 'undici';
import type { Transport } from './transport.ts';

/**
 * The Node default: undici's `request` on a keep-alive `Agent`. It skips the WHATWG
 * fetch layer (about twice the throughput of global fetch on loopback) and never hands
 * an undici dispatcher to Node's own fetch, which breaks across undici versions.
 */
export function undiciTransport(): Transport {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128, pipelining: 1 });
  return async ({ url, method, headers, body, signal }) => {
    const response = await request(url, { method, headers, body, signal, dispatcher });
    return {
      status: response.statusCode,
      header: (name) => {
        const value = response.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : (value ?? null);
      },
      text: () => response.body.text(),
      bytes: async () => new Uint8Array(await response.body.arrayBuffer()),
    };
  };
}
