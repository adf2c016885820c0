// A stand-in for Didit's v3 sessions API: a real HTTP server on 127.0.0.1 (port 0) that answers
// every sessions route with the example bodies of Didit's own OpenAPI document, records every
// request exactly as it arrived, and lets a test script the next answers of a route (a status,
// headers such as Retry-After, a body, a dropped connection).
//
// The examples come from the vendored spec (packages/core/spec/didit-openapi-v3.json); they are
// named like the verbatim example files of the contract (shared/api/examples/v3/).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

const VENDORED_SPEC = join(import.meta.dirname, '..', '..', 'spec', 'didit-openapi-v3.json');

/** Where each example file comes from in the spec: `[method, path, 'request' | status, example name | null (unnamed)]`. */
const EXAMPLE_SOURCES = {
  'create-session.request.kyc.json': ['post', '/v3/session/', 'request', 'Create KYC session'],
  'create-session.request.kyb.json': ['post', '/v3/session/', 'request', 'Create KYB session'],
  'create-session.response.kyc.json': ['post', '/v3/session/', '201', 'KYC session'],
  'create-session.response.kyb.json': ['post', '/v3/session/', '201', 'KYB session'],
  'decision.user.json': ['get', '/v3/session/{sessionId}/decision/', '200', 'Example'],
  'decision.business.json': ['get', '/v3/session/{sessionId}/decision/', '200', 'BusinessExample'],
  'list-sessions.user.json': ['get', '/v3/sessions/', '200', 'KYC sessions (default)'],
  'list-sessions.all.json': ['get', '/v3/sessions/', '200', 'Mixed KYC + KYB (session_kind=all)'],
  'update-status.request.approve.json': [
    'patch',
    '/v3/session/{sessionId}/update-status/',
    'request',
    'Approve Session',
  ],
  'update-status.request.resubmit.json': [
    'patch',
    '/v3/session/{sessionId}/update-status/',
    'request',
    'Resubmit Specific Steps',
  ],
  'update-status.response.json': ['patch', '/v3/session/{sessionId}/update-status/', '200', 'Updated'],
  // Not an example file: the spec's unnamed 200 example of the per-feature status update.
  'update-feature-status.response.json': [
    'patch',
    '/v3/session/{sessionId}/features/{nodeId}/update-status/',
    '200',
    null,
  ],
  'batch-delete.request.numbers.json': ['post', '/v3/sessions/delete/', 'request', 'Specific sessions'],
  'batch-delete.request.all.json': ['post', '/v3/sessions/delete/', 'request', 'All sessions'],
  'share.request.json': ['post', '/v3/session/{sessionId}/share/', 'request', null],
  'share.response.user.json': ['post', '/v3/session/{sessionId}/share/', '200', 'User session'],
  'share.response.business.json': ['post', '/v3/session/{sessionId}/share/', '200', 'Business session'],
  'import-shared.request.json': ['post', '/v3/session/import-shared/', 'request', null],
  'import-shared.response.user.json': ['post', '/v3/session/import-shared/', '201', 'User session imported'],
  'import-shared.response.business.json': ['post', '/v3/session/import-shared/', '201', 'Business session imported'],
  'reviews.list.json': ['get', '/v3/sessions/{session_id}/reviews/', '200', 'DecisionTrail'],
  'reviews.list.paginated.json': ['get', '/v3/sessions/{session_id}/reviews/', '200', 'PaginatedFirstPage'],
  'reviews.list.empty.json': ['get', '/v3/sessions/{session_id}/reviews/', '200', 'Empty'],
  'reviews.create.request.json': ['post', '/v3/sessions/{session_id}/reviews/', 'request', 'NoteWithStatusLabel'],
  'reviews.create.response.json': ['post', '/v3/sessions/{session_id}/reviews/', '201', 'NoteWithStatusLabel'],
  'sandbox-arm.request.json': ['post', '/v3/session/{sessionId}/sandbox/arm/', 'request', 'Arm'],
  'sandbox-arm.response.json': ['post', '/v3/session/{sessionId}/sandbox/arm/', '200', 'Armed'],
  'error.400.update-status.same-status.json': ['patch', '/v3/session/{sessionId}/update-status/', '400', 'Same Status'],
  'error.400.share.not-finished.json': ['post', '/v3/session/{sessionId}/share/', '400', 'Wrong status'],
  'error.400.sandbox-arm.already-started.json': [
    'post',
    '/v3/session/{sessionId}/sandbox/arm/',
    '400',
    'Already Started',
  ],
  'error.401.share.json': ['post', '/v3/session/{sessionId}/share/', '401', 'Unauthorized'],
  'error.403.invalid-credentials.json': [
    'get',
    '/v3/session/{sessionId}/decision/',
    '403',
    'Missing or invalid credentials',
  ],
  'error.403.no-permission.json': ['get', '/v3/session/{sessionId}/decision/', '403', 'Insufficient permissions'],
  'error.404.not-found.json': ['get', '/v3/session/{sessionId}/decision/', '404', 'Unknown session id'],
  'error.404.session-not-found.json': ['get', '/v3/session/{sessionId}/decision/', '404', 'Session not retrievable'],
  'error.429.get.json': ['get', '/v3/session/{sessionId}/decision/', '429', 'Throttled'],
  'error.429.write.json': ['delete', '/v3/session/{sessionId}/delete/', '429', 'Rate limited'],
} as const satisfies Record<string, readonly [string, string, string, string | null]>;

export type ExampleName = keyof typeof EXAMPLE_SOURCES;

interface OpenApiMedia {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface OpenApiOperation {
  requestBody?: { content?: Record<string, OpenApiMedia> };
  responses?: Record<string, { content?: Record<string, OpenApiMedia> }>;
}
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };

let spec: OpenApi | undefined;

function vendoredSpec(): OpenApi {
  spec ??= JSON.parse(readFileSync(VENDORED_SPEC, 'utf8')) as OpenApi;
  return spec;
}

function fromSpec(spec: OpenApi, name: ExampleName): unknown {
  const [method, path, where, example] = EXAMPLE_SOURCES[name];
  const operation = spec.paths[path]?.[method];
  const media =
    where === 'request'
      ? operation?.requestBody?.content?.['application/json']
      : operation?.responses?.[where]?.content?.['application/json'];
  const value = example === null ? media?.example : media?.examples?.[example]?.value;
  if (value === undefined)
    throw new Error(
      `spec-stand-in: no example ${JSON.stringify(example)} at ${where} of ${method.toUpperCase()} ${path}`,
    );
  return value;
}

/** A fresh copy of one of the spec's examples (named like its file in the contract's examples folder). */
export function example<T = unknown>(name: ExampleName): T {
  return structuredClone(fromSpec(vendoredSpec(), name)) as T;
}

export type RouteName =
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

interface Route {
  name: RouteName;
  method: string;
  /** The spec's path template. */
  path: string;
  auth: 'api-key' | 'session-token';
  answer: () => Answer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NODE_ID = /^[A-Za-z0-9_-]+$/;

/** A small but valid PDF: what generate-pdf streams back (the spec gives no example body). */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

const json = (status: number, name: ExampleName): Answer => ({ status, body: example(name) });

// Ordered: the fixed paths (`import-shared`, `sessions/delete`) before the templated ones.
const ROUTES: readonly Route[] = [
  {
    name: 'create',
    method: 'POST',
    path: '/v3/session/',
    auth: 'api-key',
    answer: () => json(201, 'create-session.response.kyc.json'),
  },
  {
    name: 'importShared',
    method: 'POST',
    path: '/v3/session/import-shared/',
    auth: 'api-key',
    answer: () => json(201, 'import-shared.response.user.json'),
  },
  {
    name: 'list',
    method: 'GET',
    path: '/v3/sessions/',
    auth: 'api-key',
    answer: () => json(200, 'list-sessions.user.json'),
  },
  {
    name: 'deleteMany',
    method: 'POST',
    path: '/v3/sessions/delete/',
    auth: 'api-key',
    answer: () => ({ status: 204 }),
  },
  {
    name: 'getDecision',
    method: 'GET',
    path: '/v3/session/{sessionId}/decision/',
    auth: 'api-key',
    answer: () => json(200, 'decision.user.json'),
  },
  {
    name: 'delete',
    method: 'DELETE',
    path: '/v3/session/{sessionId}/delete/',
    auth: 'api-key',
    answer: () => ({ status: 204 }),
  },
  {
    name: 'updateStatus',
    method: 'PATCH',
    path: '/v3/session/{sessionId}/update-status/',
    auth: 'api-key',
    answer: () => json(200, 'update-status.response.json'),
  },
  {
    name: 'updateFeatureStatus',
    method: 'PATCH',
    path: '/v3/session/{sessionId}/features/{nodeId}/update-status/',
    auth: 'api-key',
    answer: () => json(200, 'update-feature-status.response.json'),
  },
  {
    name: 'generatePdf',
    method: 'GET',
    path: '/v3/session/{sessionId}/generate-pdf/',
    auth: 'api-key',
    answer: () => ({ status: 200, headers: { 'content-type': 'application/pdf' }, body: PDF_BYTES }),
  },
  {
    name: 'share',
    method: 'POST',
    path: '/v3/session/{sessionId}/share/',
    auth: 'api-key',
    answer: () => json(200, 'share.response.user.json'),
  },
  {
    name: 'listReviews',
    method: 'GET',
    path: '/v3/sessions/{session_id}/reviews/',
    auth: 'api-key',
    answer: () => json(200, 'reviews.list.json'),
  },
  {
    name: 'createReview',
    method: 'POST',
    path: '/v3/sessions/{session_id}/reviews/',
    auth: 'api-key',
    answer: () => json(201, 'reviews.create.response.json'),
  },
  {
    name: 'armSandboxScenario',
    method: 'POST',
    path: '/v3/session/{sessionId}/sandbox/arm/',
    auth: 'session-token',
    answer: () => json(200, 'sandbox-arm.response.json'),
  },
];

/** The route templates as regexes over the raw path: each `{param}` is one segment. */
const MATCHERS = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]*)';
  });
  return { route, names, regex: new RegExp(`^${source}$`) };
});

/** What Django answers for a path its router does not match (a malformed id, an unknown path). */
export const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** One request, exactly as it arrived. */
export interface Recorded {
  method: string;
  /** The raw request target: path and query, still percent-encoded. */
  path: string;
  /** The path without its query. */
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as text ('' when none). */
  body: string;
  /** The route it matched, if any. */
  route: RouteName | undefined;
  /** `Date.now()` when the request had fully arrived. */
  at: number;
}

/** One scripted answer. */
export type Answer =
  | {
      status: number;
      headers?: Record<string, string>;
      /** JSON-encoded unless a string or bytes (then sent as is). Omit for no body. */
      body?: unknown;
    }
  /** Destroys the socket without a byte of answer. */
  | { drop: true }
  /** Writes these bytes to the socket as they are (a partial or malformed response), then destroys it. */
  | { raw: string };

export type Script = Answer | ((request: Recorded) => Answer);

export async function startSpecStandIn() {
  const requests: Recorded[] = [];
  const scripts = new Map<RouteName | 'unmatched', Script[]>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const q = path.indexOf('?');
      const pathname = q === -1 ? path : path.slice(0, q);
      const found = match(req.method ?? '', pathname);
      const recorded: Recorded = {
        method: req.method ?? '',
        path,
        pathname,
        query: new URLSearchParams(q === -1 ? '' : path.slice(q + 1)),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        route: found === 'malformed' || found === undefined ? undefined : found.name,
        at: Date.now(),
      };
      requests.push(recorded);
      const key = recorded.route ?? 'unmatched';
      const script = scripts.get(key)?.shift();
      if (script) return respond(res, typeof script === 'function' ? script(recorded) : script);
      if (found === undefined || found === 'malformed') {
        return respond(res, {
          status: 404,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: NOT_FOUND_HTML,
        });
      }
      // Like Didit: a missing key is refused (403 in the spec); arm wants the session's token instead.
      if (found.auth === 'api-key' && !req.headers['x-api-key']) {
        return respond(res, { status: 403, body: example('error.403.invalid-credentials.json') });
      }
      if (found.auth === 'session-token' && !req.headers['session-token']) {
        return respond(res, { status: 404, body: example('error.404.not-found.json') });
      }
      respond(res, found.answer());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** `http://127.0.0.1:<port>`: the client's `baseUrl`. */
    url,
    /** Every request so far, in order of arrival. */
    requests,
    /** Scripts the next answers of `route` (in order); once they are used up, the route answers its example again. */
    reply(route: RouteName | 'unmatched', ...answers: Script[]) {
      const queue = scripts.get(route) ?? [];
      queue.push(...answers);
      scripts.set(route, queue);
    },
    /** Forgets the recorded requests and any scripted answers not used yet. */
    reset() {
      requests.length = 0;
      scripts.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type SpecStandIn = Awaited<ReturnType<typeof startSpecStandIn>>;

function match(method: string, pathname: string): Route | 'malformed' | undefined {
  let malformed = false;
  for (const { route, names, regex } of MATCHERS) {
    const found = regex.exec(pathname);
    if (!found) continue;
    const valid = names.every((name, i) => {
      const value = found[i + 1] ?? '';
      return name === 'nodeId' ? NODE_ID.test(value) : UUID.test(value);
    });
    if (!valid) {
      // `/v3/session/import-shared/` must not read as a malformed `{sessionId}` of a shorter route.
      malformed = true;
      continue;
    }
    if (route.method === method) return route;
  }
  // A known path with another method: Django answers 405; nothing here sends one, so 404 is enough.
  return malformed ? 'malformed' : undefined;
}

function respond(res: ServerResponse, answer: Answer) {
  if ('drop' in answer) {
    res.socket?.destroy();
    return;
  }
  if ('raw' in answer) {
    const socket = res.socket;
    if (!socket) return;
    socket.write(answer.raw, () => setTimeout(() => socket.destroy(), 20));
    return;
  }
  const { status, headers = {}, body } = answer;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(raw);
}
