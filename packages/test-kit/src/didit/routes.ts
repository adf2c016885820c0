// The routes the stand-in knows: Didit's v3 sessions API as its OpenAPI document describes it, and
// v1's (client credentials: the token route, then a Bearer token). Paths are the spec's templates;
// every `{param}` is one path segment. Written here from the spec, not taken from core's endpoint
// tables: the stand-in checks the client, so it must not share the client's mistakes.

export type Generation = 'v1' | 'v3';

/** One name per action, the same in both generations (as core's endpoint tables name them); `token` is v1's OAuth route. */
export type RouteName =
  | 'token'
  | 'create'
  | 'getDecision'
  | 'list'
  | 'delete'
  | 'deleteMany'
  | 'updateStatus'
  | 'updateFeatureStatus'
  | 'generatePdf'
  | 'share'
  | 'importShared'
  | 'listReviews'
  | 'createReview'
  | 'armSandboxScenario';

export interface Route {
  name: RouteName;
  generation: Generation;
  method: string;
  path: string;
  /** What Didit asks for: Basic client credentials, the token they bought, the API key, or the session's token. */
  auth: 'basic' | 'bearer' | 'api-key' | 'session-token';
}

// Ordered: the fixed paths (`import-shared`, `sessions/delete`) before the templated ones.
export const ROUTES: readonly Route[] = [
  { name: 'token', generation: 'v1', method: 'POST', path: '/auth/v2/token/', auth: 'basic' },
  { name: 'create', generation: 'v1', method: 'POST', path: '/v1/session/', auth: 'bearer' },
  { name: 'getDecision', generation: 'v1', method: 'GET', path: '/v1/session/{sessionId}/decision/', auth: 'bearer' },
  {
    name: 'updateStatus',
    generation: 'v1',
    method: 'PATCH',
    path: '/v1/session/{sessionId}/update-status/',
    auth: 'bearer',
  },
  {
    name: 'generatePdf',
    generation: 'v1',
    method: 'GET',
    path: '/v1/session/{sessionId}/generate-pdf/',
    auth: 'bearer',
  },
  { name: 'create', generation: 'v3', method: 'POST', path: '/v3/session/', auth: 'api-key' },
  { name: 'importShared', generation: 'v3', method: 'POST', path: '/v3/session/import-shared/', auth: 'api-key' },
  { name: 'list', generation: 'v3', method: 'GET', path: '/v3/sessions/', auth: 'api-key' },
  { name: 'deleteMany', generation: 'v3', method: 'POST', path: '/v3/sessions/delete/', auth: 'api-key' },
  { name: 'getDecision', generation: 'v3', method: 'GET', path: '/v3/session/{sessionId}/decision/', auth: 'api-key' },
  { name: 'delete', generation: 'v3', method: 'DELETE', path: '/v3/session/{sessionId}/delete/', auth: 'api-key' },
  {
    name: 'updateStatus',
    generation: 'v3',
    method: 'PATCH',
    path: '/v3/session/{sessionId}/update-status/',
    auth: 'api-key',
  },
  {
    name: 'updateFeatureStatus',
    generation: 'v3',
    method: 'PATCH',
    path: '/v3/session/{sessionId}/features/{nodeId}/update-status/',
    auth: 'api-key',
  },
  {
    name: 'generatePdf',
    generation: 'v3',
    method: 'GET',
    path: '/v3/session/{sessionId}/generate-pdf/',
    auth: 'api-key',
  },
  { name: 'share', generation: 'v3', method: 'POST', path: '/v3/session/{sessionId}/share/', auth: 'api-key' },
  { name: 'listReviews', generation: 'v3', method: 'GET', path: '/v3/sessions/{sessionId}/reviews/', auth: 'api-key' },
  {
    name: 'createReview',
    generation: 'v3',
    method: 'POST',
    path: '/v3/sessions/{sessionId}/reviews/',
    auth: 'api-key',
  },
  {
    name: 'armSandboxScenario',
    generation: 'v3',
    method: 'POST',
    path: '/v3/session/{sessionId}/sandbox/arm/',
    auth: 'session-token',
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NODE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The route templates as regexes over the raw path, under any leading path: a client whose `baseUrl` has
 * one (an app's proxy route, `/api/didit`) reaches the same routes below it.
 */
const MATCHERS = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]*)';
  });
  return { route, names, regex: new RegExp(`^(?:/.*)?${source}$`) };
});

export interface Matched {
  route: Route;
  sessionId: string | undefined;
}

/**
 * The route of `method` `pathname` (still percent-encoded); 'malformed' for a known path whose id is
 * not one (Django's router would not match it), undefined for an unknown path.
 */
export function match(method: string, pathname: string): Matched | 'malformed' | undefined {
  let malformed = false;
  for (const { route, names, regex } of MATCHERS) {
    const found = regex.exec(pathname);
    if (!found) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? '']));
    const valid = names.every((name) => (name === 'nodeId' ? NODE_ID : UUID).test(params[name] ?? ''));
    if (!valid) {
      // `/v3/session/import-shared/` must not read as a malformed `{sessionId}` of a shorter route.
      malformed = true;
      continue;
    }
    if (route.method === method) return { route, sessionId: params.sessionId };
  }
  // A known path with another method: Django answers 405; nothing here sends one, so 404 is enough.
  return malformed ? 'malformed' : undefined;
}
