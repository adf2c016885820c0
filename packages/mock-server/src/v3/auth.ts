import type { Context } from 'hono';
import { constantTimeEqual } from '../auth.ts';
import { detail } from '../drf.ts';

// v3 authentication: a static `x-api-key` on every `/v3/` route (the sandbox arm route takes the
// session's own token instead).

/** The `x-api-key` the mock accepts on `/v3/` routes unless `apiKey` (`--api-key`) says otherwise. */
export const DEFAULT_API_KEY = 'mock-api-key';

/** Didit's `detail` for a missing or wrong API key. */
export const AUTH_FAILED = 'Authentication credentials were not provided or are invalid.';

/** Checks a request's `x-api-key`: undefined when it is right, else Didit's answer (403, or 401 when so configured). */
export type ApiKeyCheck = (c: Context, status?: 401 | 403) => Response | undefined;

export function apiKeyCheck(apiKey: string, failureStatus: 401 | 403): ApiKeyCheck {
  return (c, status = failureStatus) => {
    const key = c.req.header('x-api-key');
    if (key !== undefined && constantTimeEqual(key, apiKey)) return undefined;
    return detail(c, status, AUTH_FAILED);
  };
}
