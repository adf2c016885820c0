import type { TransportResponse } from './transport/transport.ts';

/** Options every call accepts; they override the client's. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /**
   * The longest `Retry-After` (ms) worth waiting for before a retry; a longer one rejects at once
   * with `RateLimitError` and its `retryAfterMs`. Default 60 000.
   */
  maxRetryAfterMs?: number | undefined;
  /**
   * Fields added to the JSON body after it is validated, never replacing a validated one: for a
   * field Didit accepts that this SDK does not type yet (for example `{ language: 'es' }`). Request
   * schemas also pass unknown fields through at run time, so a `// @ts-expect-error` works too.
   */
  extraBody?: Record<string, unknown> | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A response as a reader sees it: status, headers and a body that can be read once. */
export type DiditResponse = TransportResponse;

/** What the request loop tells a reader besides the response. */
export interface ReadContext {
  /** Reports a response that drifted from the spec but is accepted (the loop logs each kind once). */
  drift?: ((operation: string, paths: readonly string[]) => void) | undefined;
}

/** Turns a 2xx response into a value; throwing `ResponseValidationError` for a body it cannot accept. */
export type ResponseReader<T> = (
  response: DiditResponse,
  requestId: string | undefined,
  context?: ReadContext,
) => Promise<T>;

/** A query string's values; `undefined` and `null` leave the parameter out. */
export type QueryParams = Readonly<Record<string, string | number | boolean | readonly string[] | null | undefined>>;

/** `client.request()`: one call to a path the typed methods do not cover yet. */
export interface DiditRequest<T = unknown> {
  method: HttpMethod;
  /** Appended to `baseUrl`; starts with `/`. Didit's paths end with `/`. */
  path: string;
  query?: QueryParams | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Extra headers; the client sets `accept`, `content-type` and authentication itself. */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Safe to repeat: retried on every retryable failure, not only when Didit provably did not
   * process it. Default: true for GET, false otherwise.
   */
  idempotent?: boolean | undefined;
  /** Reads a 2xx response. Default: the JSON body, unvalidated (`undefined` for an empty body). */
  read?: ResponseReader<T> | undefined;
}
