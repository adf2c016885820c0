import { ConnectionError, type DiditError, ServerError } from '@didit-kit/core';

/** TanStack's `retry` option, for a query whose errors are `DiditError`s. */
export type DecisionRetry = boolean | number | ((failureCount: number, error: DiditError) => boolean);

/**
 * A failure another attempt may fix: no answer, or a 5xx (a `ConfigurationError` is not a
 * `ServerError`). Not a 4xx (the client has already retried 408 and 429 itself), an abort, an
 * argument refused before sending, or a body that does not match the schema.
 */
export function mayPass(error: unknown): boolean {
  return error instanceof ConnectionError || error instanceof ServerError;
}

/**
 * The query's `retry`. `DiditClient` already retries each request (`maxRetries`), so by default the
 * query does not retry on top of it: one failing poll is at most `maxRetries + 1` HTTP requests. A
 * caller's own `retry` is honoured, but only for an error that {@link mayPass}.
 */
export function decisionRetry(retry: DecisionRetry | undefined): DecisionRetry {
  if (!retry) return false; // undefined, false or 0
  return (failureCount, error) => {
    if (!mayPass(error)) return false;
    if (typeof retry === 'function') return retry(failureCount, error);
    return retry === true || failureCount < retry;
  };
}
