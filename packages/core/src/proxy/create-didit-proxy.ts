import { errorMessageOf } from '../classify-error.ts';
import type { DiditClient } from '../client.ts';
import { buildPath, type Endpoint } from '../endpoints/endpoint.ts';
import {
  APIError,
  AuthenticationError,
  DiditError,
  InvalidArgumentError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  type ValidationIssue,
} from '../errors.ts';
import { readPdf } from '../read-pdf.ts';
import { isTerminalStatus } from '../schemas/statuses.ts';
import type { TransportResponse } from '../transport/transport.ts';
import { validateBody } from '../validation.ts';
import { CoalescingCache } from './coalescing-cache.ts';
import { matchProxyRoute, normalizePrefix, proxyEndpoints } from './proxy-route.ts';

export const DEFAULT_PROXY_CACHE_MS = 2_000;
export const DEFAULT_PROXY_TERMINAL_CACHE_MS = 60_000;
export const DEFAULT_PROXY_MAX_CACHE_ENTRIES = 1_000;

/** What a proxy forwards besides the decision. */
export type DiditProxyAllow = 'decision' | 'pdf' | 'update-status';

export interface DiditProxyOptions {
  /**
   * What browsers may do: `'decision'` (always), `'pdf'` (`GET .../generate-pdf/`) and
   * `'update-status'` (`PATCH .../update-status/`, for review screens; needs `authorize`, which
   * then decides who may approve or decline). Default `['decision']`.
   */
  allow?: readonly DiditProxyAllow[] | undefined;
  /**
   * Decides whether this request (your signed-in user: read your session cookie from it) may
   * see this session. `false` answers 403 without contacting Didit. Without it, anyone who knows
   * a session id can read its decision: session ids are UUIDs, but treat them as secrets then.
   */
  authorize?: ((request: Request, sessionId: string) => boolean | Promise<boolean>) | undefined;
  /** How long a decision is reused for every browser asking, in ms. Default 2000; 0 only coalesces. */
  cacheMs?: number | undefined;
  /** The same once the status is terminal (Approved, Declined, ...). Default 60 000. */
  terminalCacheMs?: number | undefined;
  /**
   * The path the handler is mounted under, such as `/api/didit`: then only
   * `{prefix}/v3/session/{sessionId}/decision/` (or `/v1/...` for a v1 client) matches. Without it any leading path is accepted.
   */
  prefix?: string | undefined;
  /** The most sessions kept in the cache. Default 1000. */
  maxCacheEntries?: number | undefined;
  /** The clock, in epoch ms, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** A fetch-standard handler: Hono (`c.req.raw`), Next.js route handlers, Deno, Bun, workers. */
export type DiditProxyHandler = (request: Request) => Promise<Response>;

/** An upstream outcome, ready to become a Response (built anew per browser: bodies are single-use). */
interface ProxyResult {
  status: number;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  /** A decision with a terminal status: kept for `terminalCacheMs`. */
  terminal?: boolean;
  /** For a 429: when the browser may retry (epoch ms), so each copy gets the remaining time. */
  retryAt?: number;
}

/**
 * Sent with every answer: a decision holds personal data and short-lived signed image URLs,
 * so no browser or shared cache may keep it.
 */
const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * A server-side route that lets a browser read a session's decision without ever holding
 * the client secret or the access token: `new DiditClient({ baseUrl: '/api/didit' })` in the
 * browser, this handler mounted at `/api/didit/*` on your server.
 *
 * Forwards only `GET {prefix}/{v3|v1}/session/{uuid}/decision/` (the client's generation) (and `generate-pdf/` when `allow`
 * includes `'pdf'`, `PATCH .../update-status/` when it includes `'update-status'`) through `client`, which holds the credentials; passes Didit's body through
 * unchanged with its status; keeps only `content-type`, `x-request-id`, `content-disposition`
 * (PDF) and `retry-after` (429) of Didit's headers. Anything else gets 404 or 405 without
 * contacting Didit. Concurrent requests for one session share one upstream request, and a
 * decision is reused for `cacheMs` (`terminalCacheMs` once terminal), because every browser
 * behind the proxy shares one API key's limit of 100 decision requests a minute.
 */
export function createDiditProxy(client: DiditClient, options: DiditProxyOptions = {}): DiditProxyHandler {
  if (typeof (client as Partial<DiditClient> | undefined)?.request !== 'function') {
    throw new InvalidArgumentError('createDiditProxy: pass a DiditClient');
  }
  if (!client.hasCredentials) {
    throw new InvalidArgumentError(
      'createDiditProxy needs the server-side DiditClient, created with apiKey (v3) or clientId and clientSecret (v1)',
    );
  }
  const allowPdf = options.allow?.includes('pdf') ?? false;
  const allowUpdate = options.allow?.includes('update-status') ?? false;
  if (allowUpdate && !options.authorize) {
    throw new InvalidArgumentError(
      "createDiditProxy: allow: ['update-status'] needs an authorize function, or any visitor could approve sessions",
    );
  }
  const cacheMs = nonNegative('cacheMs', options.cacheMs ?? DEFAULT_PROXY_CACHE_MS);
  const terminalCacheMs = nonNegative('terminalCacheMs', options.terminalCacheMs ?? DEFAULT_PROXY_TERMINAL_CACHE_MS);
  const maxEntries = nonNegative('maxCacheEntries', options.maxCacheEntries ?? DEFAULT_PROXY_MAX_CACHE_ENTRIES);
  const prefix = options.prefix === undefined ? undefined : normalizePrefix(options.prefix);
  const { authorize } = options;
  const now = options.now ?? Date.now;
  const cache = new CoalescingCache<ProxyResult>(maxEntries, now);
  const endpoints = proxyEndpoints(client.apiVersion);

  const ttlMs = (result: ProxyResult): number => {
    if (result.status === 200) return result.terminal ? terminalCacheMs : cacheMs;
    // While Didit says "slow down", every browser gets the same answer without asking again.
    if (result.retryAt !== undefined) return Math.min(result.retryAt - now(), terminalCacheMs);
    return 0;
  };

  return async (request) => {
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      return detail(404, 'Not found.');
    }
    const route = matchProxyRoute(pathname, prefix, endpoints);
    if (
      route.kind === 'not_found' ||
      (route.action === 'generate-pdf' && !allowPdf) ||
      (route.action === 'update-status' && !allowUpdate)
    ) {
      return detail(404, 'Not found.');
    }
    const { sessionId, action, endpoint } = route;
    if (request.method !== endpoint.method) {
      return detail(405, `Method "${request.method.slice(0, 16)}" not allowed.`, { allow: endpoint.method });
    }
    if (authorize && (await authorize(request, sessionId)) !== true) {
      return detail(403, 'You do not have permission to perform this action.');
    }
    const path = buildPath(endpoint.path, { sessionId });
    if (action === 'update-status') {
      const result = await updateStatus(client, endpoint, path, request, now);
      // The review changes the decision: the next poll must not get the cached one.
      if (result.status === 200) cache.delete(`decision:${sessionId.toLowerCase()}`);
      return toResponse(result, now);
    }
    const read = action === 'decision' ? readDecisionRaw(endpoint) : readPdfRaw;
    const result = await cache.get(
      `${action}:${sessionId.toLowerCase()}`,
      () => forward(client, path, read, now),
      ttlMs,
    );
    return toResponse(result, now);
  };
}

/** One upstream request through the client's request loop (auth, retries, timeouts, typed errors). */
async function forward(
  client: DiditClient,
  path: string,
  read: (response: TransportResponse, requestId: string | undefined) => Promise<ProxyResult>,
  now: () => number,
): Promise<ProxyResult> {
  try {
    return await client.request({ method: 'GET', path, read });
  } catch (error) {
    return errorResult(error, now);
  }
}

/** The most a review body may weigh: `{new_status, comment}` is far smaller. */
const MAX_UPDATE_BODY_BYTES = 16_384;

/** `PATCH update-status`: the body is parsed and validated here, with the endpoint's own schema, before anything is sent. */
async function updateStatus(
  client: DiditClient,
  endpoint: Endpoint<string, unknown, unknown>,
  path: string,
  request: Request,
  now: () => number,
): Promise<ProxyResult> {
  const text = await request.text().catch(() => '');
  if (new TextEncoder().encode(text).length > MAX_UPDATE_BODY_BYTES) {
    return jsonResult(413, { detail: 'Request body too large.' });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return jsonResult(400, {
      detail: 'JSON parse error: the body must be a JSON object such as {"new_status": "Approved", "comment": "..."}.',
    });
  }
  try {
    const valid = endpoint.body ? validateBody(endpoint.body, body, endpoint.name) : body;
    const updated = await client.request({ method: endpoint.method, path, body: valid, read: endpoint.read });
    return jsonResult(200, updated);
  } catch (error) {
    if (error instanceof InvalidArgumentError) return jsonResult(400, fieldErrors(error.issues));
    return errorResult(error, now);
  }
}

/** `{field: [message, ...]}`, as Django REST Framework answers a 400. */
function fieldErrors(issues: readonly ValidationIssue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'non_field_errors';
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

function jsonResult(status: number, body: unknown): ProxyResult {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/**
 * Validates the decision with the endpoint's own reader (a body that fails the schema would
 * fail in the browser too) and keeps Didit's own text, byte for byte, as the body to send on.
 */
function readDecisionRaw(endpoint: Endpoint<string, unknown, unknown>) {
  return async (response: TransportResponse, requestId: string | undefined): Promise<ProxyResult> => {
    const text = await response.text();
    const decision = (await endpoint.read({ ...bound(response), text: async () => text }, requestId)) as {
      status?: unknown;
    };
    return {
      status: response.status,
      body: text,
      headers: upstreamHeaders(response, ['content-type', 'x-request-id'], 'application/json'),
      terminal: isTerminalStatus(typeof decision.status === 'string' ? decision.status : undefined),
    };
  };
}

async function readPdfRaw(response: TransportResponse, requestId: string | undefined): Promise<ProxyResult> {
  const bytes = new Uint8Array(await readPdf(response, requestId));
  return {
    status: response.status,
    body: bytes,
    headers: upstreamHeaders(response, ['content-type', 'content-disposition', 'x-request-id'], 'application/pdf'),
    // A report does not change once generated for a finished session, but it is not known here: cache briefly.
    terminal: false,
  };
}

function bound(response: TransportResponse): TransportResponse {
  return {
    status: response.status,
    header: (name) => response.header(name),
    text: () => response.text(),
    bytes: () => response.bytes(),
  };
}

/** The allow-listed headers of Didit's response; everything else (cookies, server, internal) stays here. */
function upstreamHeaders(response: TransportResponse, names: string[], defaultType: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': defaultType };
  for (const name of names) {
    const value = response.header(name);
    if (value !== null && value !== '') headers[name] = value;
  }
  return headers;
}

/** A failed upstream call as the browser should see it: a DRF `{detail}` body, no secret. */
function errorResult(error: unknown, now: () => number): ProxyResult {
  const requestId = error instanceof DiditError ? error.requestId : undefined;
  const withId = (result: ProxyResult): ProxyResult => {
    if (requestId) result.headers['x-request-id'] = requestId;
    return result;
  };
  const json = (status: number, text: string): ProxyResult => ({
    status,
    body: JSON.stringify({ detail: text }),
    headers: { 'content-type': 'application/json' },
  });

  if (error instanceof RateLimitError) {
    const result = json(429, errorMessageOf(error.body) ?? 'Request was throttled.');
    if (error.retryAfterMs !== undefined) result.retryAt = now() + error.retryAfterMs;
    return withId(result);
  }
  if (error instanceof AuthenticationError) {
    // The server's own credentials or token were refused: a fault of this gateway, not of the
    // browser, which must not be told to sign in again.
    return withId(json(502, 'The server could not authenticate with Didit.'));
  }
  if (error instanceof APIError && error.status !== undefined) {
    const { status } = error;
    if (status >= 500) return withId(json(status, `Didit answered ${status}.`));
    return withId(json(status, errorMessageOf(error.body) ?? `Didit answered ${status}.`));
  }
  if (error instanceof ResponseValidationError) {
    return withId(json(502, 'Didit sent a response that does not match the expected schema.'));
  }
  if (error instanceof TimeoutError) return withId(json(504, 'Didit did not answer in time.'));
  if (error instanceof DiditError) return withId(json(502, 'Could not reach Didit.'));
  return json(500, 'Internal error.');
}

function toResponse(result: ProxyResult, now: () => number): Response {
  const headers = new Headers({ ...result.headers, ...BASE_HEADERS });
  if (result.retryAt !== undefined) {
    headers.set('retry-after', String(Math.max(0, Math.ceil((result.retryAt - now()) / 1000))));
  }
  return new Response(result.body, { status: result.status, headers });
}

function detail(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ detail: text }), {
    status,
    headers: { 'content-type': 'application/json', ...BASE_HEADERS, ...extra },
  });
}

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new InvalidArgumentError(`createDiditProxy: ${name} must be a number >= 0`);
  }
  return value;
}
