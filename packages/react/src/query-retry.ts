import {
  AbortError,
  type DiditError,
  InvalidArgumentError,
  isDiditError,
  ResponseValidationError,
} from '@didit-kit/core';

/** TanStack's `retry` option, for a query whose errors are `DiditError`s. */
export type DecisionRetry = boolean | number | ((failureCount: number, error: DiditError) => boolean);

/**
 * Errors another attempt cannot fix: a 4xx (the client has already retried 408 and 429 itself), an
 * abort, an argument refused before sending, a body that does not match the schema.
 */
function isFinal(error: unknown): boolean {
  if (!isDiditError(error)) return false;
  if (error.status !== undefined && error.status >= 400 && error.status < 500) return true;
  return (
    error instanceof AbortError || error instanceof InvalidArgumentError || error instanceof ResponseValidationError
  );
}

/**
 * The query's `retry`. `DiditClient` already retries each request (`maxRetries`), so by default the
 * query does not retry on top of it: one failing poll is at most `maxRetries + 1` HTTP requests. A
 * caller's own `retry` is honoured, but never for an error in {@link isFinal}.
 */
export function decisionRetry(retry: DecisionRetry | undefined): DecisionRetry {
  if (retry === undefined || retry === false || retry === 0) return false;
  return (failureCount, error) => {
    if (isFinal(error)) return false;
    if (typeof retry === 'function') return retry(failureCount, error);
    return retry === true || failureCount < retry;
  };
}
