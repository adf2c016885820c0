import {
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './errors.ts';

const MAX_MESSAGE_LENGTH = 300;

/**
 * The human message in an error body. Didit answers DRF style (`{"detail": ...}`); its own
 * sample code reads `message`; the auth server may answer OAuth style (`error_description`);
 * a 400 may map fields to messages.
 */
export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? truncate(body.trim()) : undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['detail', 'message', 'error_description', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value) return truncate(value);
  }
  const fields = Object.entries(record)
    .filter(([, v]) => Array.isArray(v) || typeof v === 'string')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') : v}`);
  return fields.length ? truncate(fields.join('; ')) : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

interface ApiErrorInit {
  status: number;
  body: unknown;
  requestId: string | undefined;
  retryAfterMs: number | undefined;
}

/** The typed error for an HTTP error status. */
export function apiErrorFor(context: string, init: ApiErrorInit): APIError {
  const { status } = init;
  const detail = errorMessageOf(init.body);
  const message = `${context} failed with ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 400) return new BadRequestError(message, init);
  if (status === 401) return new AuthenticationError(message, init);
  if (status === 403) return new PermissionDeniedError(message, init);
  if (status === 404) return new NotFoundError(message, init);
  if (status === 429) return new RateLimitError(message, init);
  if (status >= 500) return new ServerError(message, init);
  return new APIError(message, init);
}
