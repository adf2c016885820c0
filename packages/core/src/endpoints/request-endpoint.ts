import type { DiditClient } from '../client.ts';
import type { RequestOptions, ResponseReader } from '../request-options.ts';
import { buildPath, type Endpoint, type PathParams } from './endpoint.ts';

/**
 * One call of a table entry through `client.request()`, with the server's own reader: the path
 * built (and its params checked) from the entry, never written by hand. For server code that
 * forwards what Didit sent (the proxy, the webhook handler) rather than the typed result.
 */
export function requestEndpoint<P extends string, T>(
  client: DiditClient,
  endpoint: Endpoint<P, unknown, unknown>,
  params: PathParams<P>,
  init: { body?: unknown; read: ResponseReader<T> },
  options?: RequestOptions,
): Promise<T> {
  const path = buildPath(endpoint.path, params);
  return client.request({ method: endpoint.method, path, body: init.body, read: init.read }, options);
}
