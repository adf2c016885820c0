import { InvalidArgumentError } from '../errors.ts';
import { isSessionId } from '../session-id.ts';

/** What the proxy may forward. */
export type ProxyAction = 'decision' | 'generate-pdf' | 'update-status';

export type RouteMatch =
  | { kind: 'route'; sessionId: string; action: ProxyAction }
  /** The path is not a proxied route (or its id is not a UUID): 404, nothing sent upstream. */
  | { kind: 'not_found' };

// Matched against the raw, still percent-encoded path, so `%2F`, `%2E%2E` or any other escape
// in the id is simply not a UUID. Dot segments were already resolved by the URL parser.
const ROUTE = /^(.*)\/v1\/session\/([^/]+)\/(decision|generate-pdf|update-status)\/?$/;

/**
 * Finds `{prefix}/v1/session/{uuid}/decision/` (or `generate-pdf/`, `update-status/`) in a request path. With a
 * prefix, the path must start with exactly it; without one, any leading path is allowed, which
 * suits a handler mounted under a wildcard route.
 */
export function matchProxyRoute(pathname: string, prefix: string | undefined): RouteMatch {
  const match = ROUTE.exec(pathname);
  if (!match) return { kind: 'not_found' };
  const [, leading = '', sessionId = '', action] = match;
  if (prefix !== undefined && leading !== prefix) return { kind: 'not_found' };
  if (!isSessionId(sessionId)) return { kind: 'not_found' };
  return { kind: 'route', sessionId, action: action as ProxyAction };
}

/** `/api/didit/` → `/api/didit`; `''` and `/` → `''`. Must start with `/` otherwise. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed !== '' && !trimmed.startsWith('/'))
    throw new InvalidArgumentError('createDiditProxy: prefix must start with "/" (for example /api/didit)');
  return trimmed;
}
