import { fetchTransport } from './fetch-transport.ts';
import type { Transport } from './transport.ts';

// Swapped in for ./default-transport.ts by the browser/worker build, so undici never
// reaches a browser bundle.
export function defaultTransport(_timeoutMs: number, _maxResponseBytes: number): Transport {
  return fetchTransport((request) => globalThis.fetch(request));
}
