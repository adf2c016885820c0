import type { RequestOptions } from '../request-options.ts';
import type { Endpoint, ScopedPathParams } from './endpoint.ts';

/**
 * Calls one endpoint of the table: validates the path params and the body, then sends it
 * through the client's request loop. What every resource method is made of.
 */
export type Invoke = <P extends string, B, R>(
  endpoint: Endpoint<P, B, R>,
  params: ScopedPathParams<P>,
  body: B | undefined,
  options?: InvokeOptions,
) => Promise<R>;

export interface InvokeOptions extends RequestOptions {
  query?: Readonly<Record<string, unknown>> | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
}
