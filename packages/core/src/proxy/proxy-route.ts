import type { ApiVersion } from '../client-base.ts';
import { type Endpoint, matchPath } from '../endpoints/endpoint.ts';
import { InvalidArgumentError } from '../errors.ts';
import { v1Endpoints } from '../v1/endpoints.ts';
import { v3Endpoints } from '../v3/endpoints.ts';

/** What the proxy may forward. */
export type ProxyAction = 'decision' | 'pdf' | 'update-status' | 'create' | 'events';

/** Each action's endpoint, per generation: the proxy's routes come from the endpoint tables. */
export function proxyEndpoints(version: ApiVersion): Record<ProxyAction, Endpoint<string, unknown, unknown>> {
  const api = version === 'v1' ? v1Endpoints : v3Endpoints;
  return {
    decision: api.getDecision,
    pdf: api.generatePdf,
    'update-status': api.updateStatus as Endpoint<string, unknown, unknown>,
    create: api.create as Endpoint<string, unknown, unknown>,
    events: api.events as Endpoint<string, unknown, unknown>,
  };
}

export type RouteMatch =
  | {
      kind: 'route';
      sessionId: string;
      action: Exclude<ProxyAction, 'create'>;
      endpoint: Endpoint<string, unknown, unknown>;
    }
  /** Create's path (`/v3/session/`) has no session id. */
  | { kind: 'route'; sessionId: undefined; action: 'create'; endpoint: Endpoint<string, unknown, unknown> }
  /** The path is not a proxied route (or its id is not a UUID): 404, nothing sent upstream. */
  | { kind: 'not_found' };

/**
 * Finds one of `endpoints` in a request path (`{prefix}/v3/session/{uuid}/decision/`, or create's
 * `{prefix}/v3/session/`), with or without the trailing slash. With a prefix, the path must start with exactly it; without one,
 * any leading path is allowed, which suits a handler mounted under a wildcard route. Matched
 * against the raw, still percent-encoded path, so `%2F`, `%2E%2E` or any other escape in the
 * id is simply not a UUID. Dot segments were already resolved by the URL parser.
 */
export function matchProxyRoute(
  pathname: string,
  prefix: string | undefined,
  endpoints: Record<ProxyAction, Endpoint<string, unknown, unknown>>,
): RouteMatch {
  for (const [action, endpoint] of Object.entries(endpoints) as [ProxyAction, Endpoint<string, unknown, unknown>][]) {
    const head = endpoint.path.slice(0, endpoint.path.indexOf('/', 1) + 1); // `/v3/`
    for (let at = pathname.indexOf(head); at >= 0; at = pathname.indexOf(head, at + 1)) {
      if (prefix !== undefined && pathname.slice(0, at) !== prefix) continue;
      const params = matchPath(endpoint.path, pathname.slice(at));
      // matchPath has checked the id (a UUID); create's path has none.
      if (params && action === 'create') return { kind: 'route', sessionId: undefined, action, endpoint };
      if (params?.sessionId && action !== 'create')
        return { kind: 'route', sessionId: params.sessionId, action, endpoint };
    }
  }
  return { kind: 'not_found' };
}

/** `/api/didit/` → `/api/didit`; `''` and `/` → `''`. Must start with `/` otherwise. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed !== '' && !trimmed.startsWith('/'))
    throw new InvalidArgumentError('createDiditProxy: prefix must start with "/" (for example /api/didit)');
  return trimmed;
}
