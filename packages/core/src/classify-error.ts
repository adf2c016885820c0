import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from './errors.ts';
import { isProxyConfigurationBody } from './proxy/proxy-error-codes.ts';

// Pure functions: what an HTTP status and body, or a transport failure, mean to a caller.

const MAX_MESSAGE_LENGTH = 300;

/**
 * Didit answers a missing, wrong or expired API key with 403 (sometimes 401) and one of these
 * details; any other 403 means the key is valid but not allowed to do this.
 */
const AUTH_DETAILS: ReadonlySet<string> = new Set([
  'Authentication credentials were not provided or are invalid.',
  'Authentication credentials were not provided.',
  'This API key has expired.',
  'Invalid or missing API key',
]);

/**
 * The human message in an error body. Didit's bodies come in several shapes: `{detail: "..."}`,
 * `{detail: ["..."]}`, field maps valued `string[]` or `string`, a bare array, `{error: "..."}`,
 * and a stable `code` in newer answers; the auth server may answer OAuth style.
 */
export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? truncate(body.trim()) : undefined;
  if (Array.isArray(body)) return joined(body);
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const code = typeof record.code === 'string' && record.code ? `[${record.code}] ` : '';
  for (const key of ['detail', 'message', 'error_description']) {
    const text = joined(record[key]);
    if (text) return truncate(code + text);
  }
  const fields = Object.entries(record)
    .filter(([key, v]) => key !== 'code' && key !== 'error' && joined(v))
    .map(([key, v]) => `${key}: ${joined(v)}`);
  if (fields.length) return truncate(code + fields.join('; '));
  const error = joined(record.error);
  return error || code ? truncate(code + (error ?? '')).trim() : undefined;
}

function joined(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string' && v !== '');
    return parts.length ? parts.join(' ') : undefined;
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

interface ApiErrorInit {
  status: number;
  body: unknown;
  requestId: string | undefined;
  retryAfterMs: number | undefined;
  /** The URL asked, to explain a redirect. */
  url?: string | undefined;
}

/**
 * Why a redirect of a path ending in `/` (every Didit path does) happens: a framework in front of
 * the app's proxy strips trailing slashes. Next.js answers 308 before the route handler runs.
 */
const TRAILING_SLASH_HINT =
  'redirects are not followed, and the path ends in "/": a framework that removes trailing slashes answered ' +
  'before your proxy route (Next.js: set skipTrailingSlashRedirect: true in next.config)';

/** The typed error for an HTTP error status. */
export function apiErrorFor(context: string, init: ApiErrorInit): APIError {
  const { status } = init;
  if (status < 400) {
    // Redirects are never followed: a 3xx (a browser's opaque redirect is status 0) ends here. On a
    // path ending in "/", it is a framework's setting, which no retry fixes.
    if (pathOf(init.url)?.endsWith('/'))
      return new ConfigurationError(`${context} failed with ${status}: ${TRAILING_SLASH_HINT}`, init);
    return new APIError(`${context} failed with ${status}: redirects are not followed`, init);
  }
  const detail = errorMessageOf(init.body);
  const message = `${context} failed with ${status}${detail ? `: ${detail}` : ''}`;
  if (isProxyConfigurationBody(status, init.body)) return new ConfigurationError(message, init);
  if (status === 400) return new BadRequestError(message, init);
  if (status === 401) return new AuthenticationError(message, init);
  if (status === 403) {
    const bodyDetail = (init.body as { detail?: unknown } | null | undefined)?.detail;
    const isAuth = typeof bodyDetail === 'string' && AUTH_DETAILS.has(bodyDetail);
    return isAuth ? new AuthenticationError(message, init) : new PermissionDeniedError(message, init);
  }
  if (status === 404) return new NotFoundError(message, init);
  if (status === 429) return new RateLimitError(message, init);
  if (status >= 500) return new ServerError(message, init);
  return new APIError(message, init);
}

function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return undefined;
  }
}

// undici's own timeouts (waiting for the headers, a pause in the body): the attempt ran out of time.
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

// Errors that mean the request never left this machine, so even a POST may be retried.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

/** What a transport failure (no response) is, and whether a request that is not idempotent may be sent again. */
export function transportFailure(
  context: string,
  cause: unknown,
  init: { timedOut: boolean; timeoutMs: number; describe: (text: string) => string },
): { error: ConnectionError; notSent: boolean } {
  const code = errorCode(cause) ?? '';
  const timedOut = init.timedOut || TIMEOUT_CODES.has(code);
  const error = timedOut
    ? new TimeoutError(`${context} timed out after ${init.timeoutMs} ms`, { cause })
    : new ConnectionError(`${context} failed: ${init.describe(describeCause(cause))}`, { cause });
  return { error, notSent: !timedOut && NOT_SENT_CODES.has(code) };
}

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
