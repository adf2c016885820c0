import { errorMessageOf } from '../classify-error.ts';
import {
  APIError,
  AuthenticationError,
  DiditError,
  RateLimitError,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
  type ValidationIssue,
} from '../errors.ts';
import { PROXY_CONFIGURATION_CODES } from './proxy-error-codes.ts';

/** An upstream outcome, ready to become a Response (built anew per browser: bodies are single-use). */
export interface ProxyResult {
  status: number;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  /** A decision with a terminal status: kept for `terminalCacheMs`. */
  terminal?: boolean;
  /** For a 429: when the browser may retry (epoch ms), so each copy gets the remaining time. */
  retryAt?: number;
  /** For a decision read from Didit: when the read started (epoch ms), so a hub can order it. */
  readAt?: number;
  /** The upstream failure behind this answer, for `onError` and the logger (never sent to the browser). */
  error?: unknown;
}

/**
 * Sent with every answer: a decision holds personal data and short-lived signed image URLs,
 * so no browser or shared cache may keep it; `nosniff` so a browser never reads it as anything
 * but the JSON or PDF the proxy says it is.
 */
const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export function jsonResult(status: number, body: unknown): ProxyResult {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** `{field: [message, ...]}`, as Django REST Framework answers a 400. */
export function fieldErrors(issues: readonly ValidationIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'non_field_errors';
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

/** A failed upstream call as the browser should see it: a DRF `{detail}` body, no secret. */
export function errorResult(error: unknown, now: () => number): ProxyResult {
  const requestId = error instanceof DiditError ? error.requestId : undefined;
  const result = (status: number, text: string, code?: string): ProxyResult => {
    const out = jsonResult(status, code === undefined ? { detail: text } : { detail: text, code });
    if (requestId) out.headers['x-request-id'] = requestId;
    out.error = error;
    return out;
  };

  if (error instanceof RateLimitError) {
    const out = result(429, errorMessageOf(error.body) ?? 'Request was throttled.');
    out.retryAt = now() + (error.retryAfterMs ?? DEFAULT_HOLD_MS);
    return out;
  }
  if (error instanceof AuthenticationError) {
    // The server's own credentials or token were refused: a fault of this gateway, not of the
    // browser, which must not be told to sign in again. The code makes it a ConfigurationError
    // in the browser, which retries neither the request nor the poll.
    return result(502, 'The server could not authenticate with Didit.', PROXY_CONFIGURATION_CODES.credentialsRefused);
  }
  if (error instanceof APIError && error.status !== undefined) {
    const { status } = error;
    // Didit's own message only from a JSON body: an HTML page from a router or a gateway is not passed on.
    const message = typeof error.body === 'object' && error.body !== null ? errorMessageOf(error.body) : undefined;
    if (status >= 500) return result(status, `Didit answered ${status}.`);
    return result(status, message ?? `Didit answered ${status}.`);
  }
  if (error instanceof ResponseValidationError) {
    return result(502, 'Didit sent a response that does not match the expected schema.');
  }
  if (error instanceof ResponseTooLargeError) return result(502, 'Didit sent a response that is too large.');
  if (error instanceof TimeoutError) return result(504, 'Didit did not answer in time.');
  if (error instanceof DiditError) return result(502, 'Could not reach Didit.');
  return result(500, 'Internal error.');
}

/** How long a 429 without `Retry-After` holds upstream calls back. */
export const DEFAULT_HOLD_MS = 1_000;

export function toResponse(result: ProxyResult, now: () => number): Response {
  const headers = new Headers({ ...result.headers, ...BASE_HEADERS });
  if (result.retryAt !== undefined) {
    headers.set('retry-after', String(Math.max(1, Math.ceil((result.retryAt - now()) / 1000))));
  }
  return new Response(result.body, { status: result.status, headers });
}

export function detail(
  status: number,
  text: string,
  extra: Record<string, string> = {},
  code?: string | undefined,
): Response {
  return new Response(JSON.stringify(code === undefined ? { detail: text } : { detail: text, code }), {
    status,
    headers: { 'content-type': 'application/json', ...BASE_HEADERS, ...extra },
  });
}
