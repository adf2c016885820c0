// One stand-in for Didit, for every test that needs Didit itself (the mock server is for the tests of
// apps built on the SDK). It answers each route of v3 (and v1) with Didit's own example bodies, records
// every request exactly as it arrived, and lets a test script what a route answers: once (`reply`),
// from now on (`always`), after a hold (`hold`), or per session (`setDecision`).
//
// Two ways to reach it, the same behaviour: `startDiditStandIn()` is a real HTTP server on 127.0.0.1
// (port 0) for integration tests (a dropped connection, a partial response, a slow answer the client
// walks away from); `createDiditStandIn()` is an in-process `fetch` for unit tests (fake timers, no
// sockets).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { v1Example, v3Example } from './examples.ts';
import { matchOperation, type SpecOperation } from './operations.ts';
import { type Generation, match, type Route, type RouteName } from './routes.ts';

/** One request, exactly as it arrived. */
export interface Recorded {
  method: string;
  /** The whole URL (in-process: as the client built it; over HTTP: the stand-in's origin and the raw target). */
  url: URL;
  /** The raw request target: path and query, still percent-encoded. */
  path: string;
  /** The path without its query. */
  pathname: string;
  query: URLSearchParams;
  headers: Headers;
  /** The body as text ('' when none). */
  body: string;
  /** The body's bytes, as they arrived (a multipart upload's files). */
  bytes: Uint8Array;
  /** The route it matched, if any. */
  route: RouteName | undefined;
  /** The operation of Didit's OpenAPI it is (its `operationId`), whether or not the stand-in serves it. */
  operationId: string | undefined;
  generation: Generation | undefined;
  /** The `{sessionId}` of the path, if it has one. */
  sessionId: string | undefined;
  /** 1 for the first request of its route (or of the unmatched ones) since the start or the last `reset()`, and so on. */
  nth: number;
  /** `Date.now()` when the request had fully arrived. */
  at: number;
  /** Aborts when the client goes away before the answer is finished. */
  signal: AbortSignal;
  /** Whether the client went away before the answer was finished. */
  readonly aborted: boolean;
}

/** One answer. */
export type Answer =
  /** Sent as it is (its body streamed as it comes: a trickle, a body that never ends). */
  | Response
  | {
      status: number;
      headers?: Record<string, string>;
      /** JSON-encoded unless a string or bytes (then sent as is). Omit for no body. */
      body?: unknown;
    }
  /** Destroys the socket without a byte of answer (in-process: the fetch rejects as undici's does). */
  | { drop: true }
  /** Writes these bytes to the socket as they are (a partial or malformed response), then destroys it. */
  | { raw: string };

/**
 * An answer, or a function of the request that gives one (or a promise of one). A function that gives
 * `undefined` leaves the request to what would answer it otherwise (the route's default, in the end).
 */
export type Script = Answer | ((request: Recorded) => Answer | undefined | Promise<Answer | undefined>);

/**
 * A route's name, `'unmatched'` for a request no route matches, `'*'` for every request, and
 * `` `op:${operationId}` `` for an operation served with `operations: 'all'` (not a sessions route).
 */
export type ScriptKey = RouteName | 'unmatched' | '*' | OperationKey;

/** An operation of the spec served with `operations: 'all'`, by its `operationId`: `'op:list_users'`. */
export type OperationKey = `op:${string}`;

export interface DiditStandInOptions {
  /** v3: the only API key accepted (another is refused with 403). Default: any key, but one is needed. */
  apiKey?: string;
  /** v1: the client credentials the token route accepts (Basic). Default: any. */
  clientId?: string;
  clientSecret?: string;
  /** v1: the access token the token route issues, then wants as `Bearer` where one is sent. Default: a new one per issue, any accepted. */
  accessToken?: string;
  /**
   * What the decision route answers for a session no `setDecision` has set: the generation's example
   * decision (default), or 404 as Didit does for an id it does not know.
   */
  unknownSessions?: 'example' | 'not-found';
  /**
   * `'sessions'` (default): the sessions routes above, anything else unmatched (404). `'all'`: also
   * every other operation of Didit's v3 OpenAPI, matched by its path template, authenticated as the
   * spec says (the API key; `Session-Token`, `X-Transaction-Token`, or nothing where it says so) and
   * answered with the spec's first 2xx status and example (`{}` when it gives none).
   */
  operations?: 'sessions' | 'all';
}

export interface DiditStandIn {
  /** The stand-in as a fetch function: the client's `fetch` option. */
  readonly fetch: (input: Request | URL | string, init?: RequestInit) => Promise<Response>;
  /** Every request so far, in order of arrival. */
  readonly requests: Recorded[];
  /** The requests of `route` (for one session when given). */
  requestsOf(route: RouteName | 'unmatched' | OperationKey, sessionId?: string): Recorded[];
  /** How many requests `route` has had (for one session when given). */
  count(route: RouteName | 'unmatched' | OperationKey, sessionId?: string): number;
  /** Scripts the next answers of `key`, in order; once they are used up, the route answers as before. */
  reply(key: ScriptKey, ...scripts: Script[]): void;
  /** Scripts every answer of `key` from now on (`undefined` to stop); a one-off `reply` comes first. */
  always(key: ScriptKey, script: Script | undefined): void;
  /** Holds every answer of `key` (default: all) until the returned function is called. */
  hold(key?: ScriptKey): () => void;
  /** What the decision route answers for `sessionId` from now on (both generations). */
  setDecision(sessionId: string, decision: unknown): void;
  /** Forgets the requests, the scripts, the holds (releasing them) and the decisions set. */
  reset(): void;
}

export interface ServedDiditStandIn extends DiditStandIn {
  /** `http://127.0.0.1:<port>`: the client's `baseUrl` (and v1's `authUrl`). */
  readonly url: string;
  /** Connections opened so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** What Django answers for a path its router does not match (a malformed id, an unknown path). */
export const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** A small but valid PDF: what generate-pdf streams back (the spec gives no example body). */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A v1 token body as Didit's auth server sends it (its example's fields); `n` makes each issued token distinct. */
export function tokenBody(n: number, expiresIn = 86_400, clientId = 'test-client-id') {
  return {
    iss: 'https://didit.me',
    client_id: clientId,
    expires_in: expiresIn,
    exp: Math.floor(Date.now() / 1000) + expiresIn,
    access_token: `access-token-${n}-e6a1f0`,
  };
}

/** A script that answers `answer` (default: what the route would answer) after `ms`, unless the client has gone away by then. */
export function after(ms: number, answer?: Answer): Script {
  return (request) =>
    new Promise<Answer | undefined>((resolve) => {
      if (request.signal.aborted) return resolve({ drop: true });
      const timer = setTimeout(() => resolve(answer), ms);
      request.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve({ drop: true });
        },
        { once: true },
      );
    });
}

/** A Response with a JSON body. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const dropped = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

/** The in-process stand-in: a fetch function and its recordings. */
export function createDiditStandIn(options: DiditStandInOptions = {}): DiditStandIn {
  return new StandIn(options);
}

/** The stand-in as a real HTTP server on 127.0.0.1 (port 0). */
export async function startDiditStandIn(options: DiditStandInOptions = {}): Promise<ServedDiditStandIn> {
  const served = new ServedStandIn(options);
  await served.listen();
  return served;
}

interface Incoming {
  method: string;
  url: URL;
  /** The raw target, as sent. */
  target: string;
  headers: Headers;
  bytes: Uint8Array;
  signal: AbortSignal;
}

class StandIn implements DiditStandIn {
  readonly requests: Recorded[] = [];
  readonly #options: DiditStandInOptions;
  readonly #once = new Map<ScriptKey, Script[]>();
  readonly #always = new Map<ScriptKey, Script>();
  readonly #holds = new Map<ScriptKey, { gate: Promise<void>; release: () => void }>();
  readonly #decisions = new Map<string, unknown>();

  constructor(options: DiditStandInOptions) {
    this.#options = options;
  }

  readonly fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const answer = await this.answer({
      method: request.method,
      url,
      target: `${url.pathname}${url.search}`,
      headers: request.headers,
      bytes: new Uint8Array(await request.arrayBuffer()),
      signal: request.signal,
    });
    if (answer instanceof Response) return answer;
    if ('drop' in answer || 'raw' in answer) throw dropped();
    const { status, headers = {}, body } = answer;
    if (body === undefined) return new Response(null, { status, headers });
    const raw = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    return new Response(raw as BodyInit, { status, headers: { 'content-type': 'application/json', ...headers } });
  };

  requestsOf(route: RouteName | 'unmatched' | OperationKey, sessionId?: string): Recorded[] {
    return this.requests.filter(
      (r) => this.#keyOf(r) === route && (sessionId === undefined || r.sessionId === sessionId),
    );
  }

  count(route: RouteName | 'unmatched' | OperationKey, sessionId?: string): number {
    return this.requestsOf(route, sessionId).length;
  }

  reply(key: ScriptKey, ...scripts: Script[]): void {
    const queue = this.#once.get(key) ?? [];
    queue.push(...scripts);
    this.#once.set(key, queue);
  }

  always(key: ScriptKey, script: Script | undefined): void {
    if (script === undefined) this.#always.delete(key);
    else this.#always.set(key, script);
  }

  hold(key: ScriptKey = '*'): () => void {
    this.#holds.get(key)?.release();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = { gate, release: () => release() };
    this.#holds.set(key, held);
    return () => {
      held.release();
      if (this.#holds.get(key) === held) this.#holds.delete(key);
    };
  }

  setDecision(sessionId: string, decision: unknown): void {
    this.#decisions.set(sessionId, decision);
  }

  reset(): void {
    this.requests.length = 0;
    this.#once.clear();
    this.#always.clear();
    for (const held of this.#holds.values()) held.release();
    this.#holds.clear();
    this.#decisions.clear();
  }

  /** Records `incoming`, then answers it: a scripted answer if there is one, else the route's own. */
  async answer(incoming: Incoming): Promise<Answer> {
    const q = incoming.target.indexOf('?');
    const pathname = q === -1 ? incoming.target : incoming.target.slice(0, q);
    const found = match(incoming.method, pathname);
    const matched = found === 'malformed' ? undefined : found;
    const operation = matchOperation(incoming.method, pathname);
    const served = matched === undefined && this.#options.operations === 'all' ? operation : undefined;
    const key: RouteName | 'unmatched' | OperationKey =
      matched?.route.name ?? (served ? `op:${served.operationId}` : 'unmatched');
    const signal = incoming.signal;
    const recorded: Recorded = {
      method: incoming.method,
      url: incoming.url,
      path: incoming.target,
      pathname,
      query: new URLSearchParams(q === -1 ? '' : incoming.target.slice(q + 1)),
      headers: incoming.headers,
      body: new TextDecoder().decode(incoming.bytes),
      bytes: incoming.bytes,
      route: matched?.route.name,
      operationId: operation?.operationId,
      generation: matched?.route.generation,
      sessionId: matched?.sessionId,
      nth: this.count(key) + 1,
      at: Date.now(),
      signal,
      get aborted() {
        return signal.aborted;
      },
    };
    this.requests.push(recorded);

    let answer: Answer | undefined;
    const once = this.#once.get(key)?.shift();
    for (const script of [once, this.#always.get(key), this.#always.get('*')]) {
      if (script === undefined) continue;
      answer = typeof script === 'function' ? await script(recorded) : script;
      if (answer !== undefined) break;
    }
    answer ??= served ? this.#operationAnswer(served, recorded) : this.#default(found, recorded);
    for (const held of [this.#holds.get(key), this.#holds.get('*')]) if (held) await held.gate;
    return answer;
  }

  #default(found: ReturnType<typeof match>, request: Recorded): Answer {
    if (found === undefined || found === 'malformed') {
      // Under /v1/ Didit's old API answered DRF's JSON; the v3 router answers Django's page.
      if (request.pathname.includes('/v1/') && found === undefined) {
        return { status: 404, body: { detail: 'Not found.' } };
      }
      return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: NOT_FOUND_HTML };
    }
    const refused = this.#refusal(found.route, request);
    if (refused) return refused;
    const { route } = found;
    const v3 = route.generation === 'v3';
    switch (route.name) {
      case 'token':
        return {
          status: 200,
          body: {
            ...tokenBody(request.nth, 86_400, this.#options.clientId),
            ...(this.#options.accessToken ? { access_token: this.#options.accessToken } : {}),
          },
        };
      case 'getDecision': {
        const id = found.sessionId ?? '';
        const set = this.#decisions.get(id);
        if (set !== undefined) return { status: 200, body: set };
        if (this.#options.unknownSessions === 'not-found') {
          return { status: 404, body: v3 ? v3Example('error.404.not-found.json') : { detail: 'Not found.' } };
        }
        return { status: 200, body: v3 ? v3Example('decision.user.json') : v1Example('decision.declined-aml.json') };
      }
      case 'create':
        return v3
          ? { status: 201, body: v3Example('create-session.response.kyc.json') }
          : { status: 201, body: v1Example('create-session.response.json') };
      case 'updateStatus':
        return {
          status: 200,
          body: v3 ? v3Example('update-status.response.json') : v1Example('update-status.response.json'),
        };
      case 'generatePdf':
        return { status: 200, headers: { 'content-type': 'application/pdf' }, body: PDF_BYTES };
      case 'list':
        return { status: 200, body: v3Example('list-sessions.user.json') };
      case 'delete':
      case 'deleteMany':
        return { status: 204 };
      case 'updateFeatureStatus':
        return { status: 200, body: v3Example('update-feature-status.response.json') };
      case 'share':
        return { status: 200, body: v3Example('share.response.user.json') };
      case 'importShared':
        return { status: 201, body: v3Example('import-shared.response.user.json') };
      case 'listReviews':
        return { status: 200, body: v3Example('reviews.list.json') };
      case 'createReview':
        return { status: 201, body: v3Example('reviews.create.response.json') };
      case 'armSandboxScenario':
        return { status: 200, body: v3Example('sandbox-arm.response.json') };
    }
  }

  /** The key a recorded request's scripts and counts go by. */
  #keyOf(request: Recorded): RouteName | 'unmatched' | OperationKey {
    if (request.route) return request.route;
    return request.operationId !== undefined && this.#options.operations === 'all'
      ? `op:${request.operationId}`
      : 'unmatched';
  }

  /** What an operation of the spec answers (`operations: 'all'`): its first 2xx, with its example. */
  #operationAnswer(operation: SpecOperation, request: Recorded): Answer {
    const { apiKey } = this.#options;
    const refused = (status: number) => ({ status, body: { detail: 'Authentication credentials were not provided.' } });
    switch (operation.auth) {
      case 'api-key': {
        const key = request.headers.get('x-api-key');
        if (!key || (apiKey !== undefined && key !== apiKey)) {
          return { status: 403, body: v3Example('error.403.invalid-credentials.json') };
        }
        break;
      }
      case 'session-token':
        if (!request.headers.get('session-token')) return refused(401);
        break;
      case 'transaction-token':
        if (!request.headers.get('x-transaction-token')) return refused(401);
        break;
      case 'none':
        break;
    }
    const { status, contentType, example } = operation;
    if (status === 204 || contentType === undefined) return { status };
    if (contentType === 'application/pdf') return { status, headers: { 'content-type': contentType }, body: PDF_BYTES };
    if (!contentType.includes('json')) {
      return { status, headers: { 'content-type': contentType }, body: typeof example === 'string' ? example : '' };
    }
    return { status, body: example ?? {} };
  }

  /** Didit's refusal of a request without the credentials `route` wants, if it is one. */
  #refusal(route: Route, request: Recorded): Answer | undefined {
    const { apiKey, clientId, clientSecret, accessToken } = this.#options;
    switch (route.auth) {
      case 'api-key': {
        // A missing or wrong key is refused with 403, as the spec says.
        const key = request.headers.get('x-api-key');
        if (!key || (apiKey !== undefined && key !== apiKey)) {
          return { status: 403, body: v3Example('error.403.invalid-credentials.json') };
        }
        return undefined;
      }
      case 'session-token':
        // Arm wants the session's token instead of the key.
        return request.headers.get('session-token')
          ? undefined
          : { status: 404, body: v3Example('error.404.not-found.json') };
      case 'basic': {
        if (clientId === undefined || clientSecret === undefined) return undefined;
        const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        return request.headers.get('authorization') === basic ? undefined : { status: 401, body: { detail: 'bad' } };
      }
      case 'bearer': {
        const authorization = request.headers.get('authorization');
        if (accessToken === undefined || authorization === null || authorization === `Bearer ${accessToken}`) {
          return undefined;
        }
        return { status: 401, body: { detail: 'Invalid token.' } };
      }
    }
  }
}

class ServedStandIn extends StandIn implements ServedDiditStandIn {
  readonly #server = createServer((req, res) => void serveNode(this, this.url, req, res));
  readonly #sockets = new Set<Socket>();
  #connections = 0;
  url = '';

  get connections(): number {
    return this.#connections;
  }

  async listen(): Promise<void> {
    this.#server.on('connection', (socket) => {
      this.#connections++;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.reset();
    return new Promise<void>((resolve) => {
      for (const socket of this.#sockets) socket.destroy();
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
  }
}

/** Reads a node request, lets the stand-in answer it, and writes the answer (or drops the socket). */
async function serveNode(standIn: StandIn, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
  const target = req.url ?? '';
  let answer: Answer;
  try {
    answer = await standIn.answer({
      method: req.method ?? '',
      url: new URL(target, origin),
      target,
      headers,
      bytes: new Uint8Array(Buffer.concat(chunks)),
      signal: gone.signal,
    });
  } catch (error) {
    answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: `stand-in script failed: ${error}` };
  }
  if (gone.signal.aborted) return;
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
  if (answer instanceof Response) {
    // Iterating Headers gives each Set-Cookie on its own, every other name once.
    const names = new Map<string, string[]>();
    for (const [name, value] of answer.headers) names.set(name, [...(names.get(name) ?? []), value]);
    res.writeHead(answer.status, Object.fromEntries(names));
    if (!answer.body) {
      res.end();
      return;
    }
    const reader = answer.body.getReader();
    gone.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    } catch {
      res.destroy();
    }
    return;
  }
  const { status, headers: extra = {}, body } = answer;
  if (body === undefined) {
    res.writeHead(status, extra);
    res.end();
    return;
  }
  const raw = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(raw);
}
