import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

// Didit's API is Django REST Framework: errors are `{"detail": "..."}` with DRF's own wording,
// and validation errors map each field to a list of messages.

export const NOT_FOUND = 'Not found.';
export const NOT_AUTHENTICATED = 'Authentication credentials were not provided.';
export const PERMISSION_DENIED = 'You do not have permission to perform this action.';
export const SERVER_ERROR = 'A server error occurred.';

export type FieldErrors = Record<string, string[]>;

export function detail(
  c: Context,
  status: ContentfulStatusCode,
  message: string,
  headers?: Record<string, string>,
): Response {
  return c.json({ detail: message }, status, headers);
}

export function notFound(c: Context): Response {
  return detail(c, 404, NOT_FOUND);
}

export function methodNotAllowed(c: Context, allow: readonly string[]): Response {
  return detail(c, 405, `Method "${c.req.method}" not allowed.`, { Allow: allow.join(', ') });
}

export function fieldErrors(c: Context, errors: FieldErrors): Response {
  return c.json(errors, 400);
}
