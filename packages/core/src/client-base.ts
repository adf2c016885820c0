import { buildPath, type Endpoint, type PathParams, type ScopedPathParams } from './endpoints/endpoint.ts';
import type { Invoke, InvokeOptions } from './endpoints/invoke.ts';
import { withEnvironmentDefaults } from './environment.ts';
import { InvalidArgumentError } from './errors.ts';
import type { DiditLogger } from './logger.ts';
import { notJsonError } from './not-json-error.ts';
import { Redactor } from './redactor.ts';
import { type Auth, type Call, type LoopContext, nonNegative, positive, sendWithRetries } from './request-loop.ts';
import type { DiditRequest, QueryParams, RequestOptions, ResponseReader } from './request-options.ts';
import { defaultTransport } from './transport/default-transport.ts';
import { fetchTransport } from './transport/fetch-transport.ts';
import type { FetchLike } from './transport/transport.ts';
import type { v1Endpoints } from './v1/endpoints.ts';
import type { V1Sessions } from './v1/sessions.ts';
import type { v3Endpoints } from './v3/endpoints.ts';
import type { Sessions } from './v3/sessions.ts';
import { validateBody } from './validation.ts';

export const DEFAULT_BASE_URL = 'https://verification.didit.me';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** 10 MiB: a decision with every feature is some tens of kB, a PDF report a few MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Didit's API generations: `'v3'` (API key, the default) and `'v1'` (client credentials). */
export type ApiVersion = 'v1' | 'v3';

/** `client.sessions`, by generation. */
export type SessionsFor<V extends ApiVersion> = V extends 'v1' ? V1Sessions : Sessions;
/** A generation's endpoint table. */
export type EndpointsFor<V extends ApiVersion> = V extends 'v1' ? typeof v1Endpoints : typeof v3Endpoints;

interface CommonClientOptions {
  /** The verification API, or your app's proxy route in a browser (for example `/api/didit`). */
  baseUrl?: string | undefined;
  /** Per attempt, in milliseconds. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /**
   * The most a response body may weigh, in bytes, counted as it arrives (after decompression).
   * Past it the call fails with `ResponseTooLargeError`, and an error status's body is dropped.
   * Default 10 MiB (`DEFAULT_MAX_RESPONSE_BYTES`).
   */
  maxResponseBytes?: number | undefined;
  /** A fetch-compatible function to send requests with, instead of the default transport. */
  fetch?: FetchLike | undefined;
  logger?: DiditLogger | undefined;
  /** Allows a secret (`apiKey`, `clientSecret`) in a browser. Almost always a mistake: use a server-side proxy. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** A v3 client: the API key from Didit's console, or none in a browser behind a proxy. */
export interface V3ClientOptions extends CommonClientOptions {
  /**
   * Your application's API key (`x-api-key`). Server side only: never ship it to a browser. On a
   * server runtime, `DIDIT_API_KEY` from the environment when not given (not with `baseUrl` set to
   * a path, a browser's proxy route).
   */
  apiKey?: string | undefined;
  /** Your organization's id, for the organization-scoped routes (cases, reports): `DIDIT_ORGANIZATION_ID` by default. */
  organizationId?: string | undefined;
  /** Your application's id, for the same routes: `DIDIT_APPLICATION_ID` by default. */
  applicationId?: string | undefined;
  /** `'v3'`, the default. */
  apiVersion?: 'v3' | undefined;
  clientId?: undefined;
  clientSecret?: undefined;
  authUrl?: undefined;
}

/** A v1 client: the client credentials from Didit's console, or none with `apiVersion: 'v1'` behind a proxy. */
export interface V1ClientOptions extends CommonClientOptions {
  /** Client-credentials id. Server side only. */
  clientId?: string | undefined;
  /** Client-credentials secret. Server side only: never ship it to a browser. */
  clientSecret?: string | undefined;
  /** The auth server: a different host from the API. */
  authUrl?: string | undefined;
  apiVersion?: 'v1' | undefined;
  apiKey?: undefined;
  organizationId?: undefined;
  applicationId?: undefined;
}

export type DiditClientOptions = V3ClientOptions | V1ClientOptions;

/** What a generation brings to the client: its resources and how it authenticates. */
export interface Generation<V extends ApiVersion> {
  apiVersion: V;
  endpoints: EndpointsFor<V>;
  sessions(invoke: Invoke): SessionsFor<V>;
  /** The credentials in `options` as an `Auth` (their secrets added to the redactor), or none. */
  auth(options: DiditClientOptions, tools: AuthTools): Auth | undefined;
  /** The generated resources (v3, server builds). */
  resources?: ((invoke: Invoke, options: DiditClientOptions) => object | undefined) | undefined;
}

export interface AuthTools {
  redactor: Redactor;
  /** The request loop, for a call the auth makes itself (v1's token request). */
  send: <T>(call: Call<T>, options?: RequestOptions) => Promise<T>;
}

/**
 * A client for one generation of Didit's API: the request loop, authentication, the typed
 * `sessions` and the low-level `request()`. Create it with `new DiditClient(...)`.
 */
export class DiditClientBase<V extends ApiVersion = ApiVersion> {
  readonly apiVersion: V;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxResponseBytes: number;
  readonly sessions: SessionsFor<V>;
  /**
   * The generation's endpoint table: each route described once (method, path template, body and
   * response schemas). With `url()`, the way to name a route without writing its path.
   */
  readonly endpoints: EndpointsFor<V>;

  readonly #loop: LoopContext;
  readonly #hasCredentials: boolean;

  constructor(given: DiditClientOptions, generation: Generation<V>) {
    const v1 = generation.apiVersion === 'v1';
    // An empty credential (an unset variable in a .env file) is no credential: as if not given.
    const present = withoutEmptyCredentials(given);
    const options = v1 || isBrowserLike() ? present : withEnvironmentDefaults(present as V3ClientOptions);
    const { clientId, clientSecret, apiKey } = options;
    if (
      (v1 ? apiKey !== undefined : clientId !== undefined || clientSecret !== undefined) ||
      (clientId === undefined) !== (clientSecret === undefined)
    ) {
      throw new InvalidArgumentError('Give apiKey (v3), or both clientId and clientSecret (v1), or none (a proxy).');
    }
    const secret = apiKey ?? clientSecret;
    if (secret !== undefined && isBrowserLike() && !options.dangerouslyAllowBrowser) {
      throw new InvalidArgumentError(
        'A secret in a browser can be read by any visitor: keep it on your server and give the browser a client ' +
          'for your proxy route (createDiditProxy). Or pass dangerouslyAllowBrowser: true.',
      );
    }
    this.apiVersion = generation.apiVersion;
    this.baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl');
    this.timeoutMs = positive('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.maxRetries = nonNegative('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES);
    // A whole number > 0.
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxResponseBytes = positive('maxResponseBytes', nonNegative('maxResponseBytes', maxResponseBytes));
    const redactor = new Redactor();
    this.#loop = {
      transport: options.fetch
        ? fetchTransport(options.fetch)
        : defaultTransport(this.timeoutMs, this.maxResponseBytes),
      auth: undefined,
      redactor,
      logger: options.logger,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      maxResponseBytes: this.maxResponseBytes,
    };
    this.#loop.auth = generation.auth(options, {
      redactor,
      send: (call, requestOptions) => sendWithRetries(this.#loop, call, requestOptions),
    });
    this.#hasCredentials = this.#loop.auth !== undefined;
    this.endpoints = generation.endpoints;
    const invoke: Invoke = (endpoint, params, body, invokeOptions) =>
      this.#invoke(endpoint, params, body, invokeOptions);
    this.sessions = generation.sessions(invoke);
    // The generated resources of a v3 client (server builds; a browser build has getters that explain).
    const resources = generation.resources?.(invoke, options);
    if (resources) Object.assign(this, resources);
  }

  /** True when the client holds credentials (server side) rather than calling a proxy. */
  get hasCredentials(): boolean {
    return this.#hasCredentials;
  }

  /**
   * One call to a path the typed methods do not cover yet, with everything the typed methods
   * get: authentication, retries, timeouts, typed errors and redaction. Resolves to the JSON body
   * (unvalidated: pass `read` to validate, e.g. `readJson(schema)`), or what `read` returns.
   *
   * ```ts
   * const workflows = await client.request({ method: 'GET', path: '/v3/workflows/' });
   * ```
   */
  async request<T = unknown>(request: DiditRequest<T>, options?: RequestOptions): Promise<T> {
    const { method, path } = request;
    if (typeof path !== 'string' || !/^\/[^?#\s\\]*$/.test(path) || /(^|\/)\.\.?(\/|$)|\/\//.test(path)) {
      throw new InvalidArgumentError(`request: path must start with "/" and hold no query, "..", "//" or spaces`);
    }
    return sendWithRetries(
      this.#loop,
      {
        name: `${method} ${path}`,
        method,
        url: this.baseUrl + path + queryString(request.query),
        headers: request.headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        idempotent: request.idempotent ?? method === 'GET',
        authenticate: true,
        read: (request.read ?? readAnyJson) as ResponseReader<T>,
      },
      options,
    );
  }

  async #invoke<P extends string, B, R>(
    endpoint: Endpoint<P, B, R>,
    params: ScopedPathParams<P>,
    body: B | undefined,
    options: InvokeOptions = {},
  ): Promise<R> {
    // Scope params (organization, application) were filled by the resources' own invoke (v3/resources.ts).
    const path = buildPath(endpoint.path, params as PathParams<P>, endpoint.params);
    let valid: unknown;
    if (endpoint.body) {
      valid = validateBody(endpoint.body, body, endpoint.name);
      // Extra fields never replace a validated one.
      if (options.extraBody) valid = { ...options.extraBody, ...(valid as object) };
    }
    const call: Call<R> = {
      name: endpoint.name,
      method: endpoint.method,
      url: this.baseUrl + path + queryString(options.query as QueryParams | undefined),
      headers: options.headers,
      idempotent: endpoint.idempotent,
      // Only calls authenticated by the client's own credentials carry them (never a token's or a public route's).
      authenticate: endpoint.auth === undefined,
      read: endpoint.read,
    };
    // An encoder may decline (a body without a file, for an operation that also takes JSON): then JSON.
    const streamBody = valid === undefined ? undefined : endpoint.encodeBody?.(valid, endpoint.name);
    if (streamBody) call.streamBody = streamBody;
    else if (valid !== undefined) call.body = JSON.stringify(valid);
    return sendWithRetries(this.#loop, call, options);
  }

  /**
   * The URL of a route of the table, its params checked as a request's are (a session id must be a
   * UUID, other values a single safe segment), so nothing else ever builds a Didit path by hand:
   * `client.url(client.endpoints.events, { sessionId })` is `{baseUrl}/v3/session/{id}/events/`.
   */
  url<P extends string>(endpoint: { readonly path: P }, params: PathParams<P>, query?: QueryParams): string {
    return this.baseUrl + buildPath(endpoint.path, params) + queryString(query);
  }

  toJSON(): Record<string, unknown> {
    return {
      apiVersion: this.apiVersion,
      baseUrl: this.baseUrl,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      maxResponseBytes: this.maxResponseBytes,
      hasCredentials: this.hasCredentials,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DiditClient ${JSON.stringify(this.toJSON())}`;
  }
}

/** The JSON body as it is (`undefined` when empty), for `request()` without a reader. */
const readAnyJson: ResponseReader<unknown> = async (response, requestId) => {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw notJsonError(text, { status: response.status, requestId });
  }
};

function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An absolute http(s) URL, or a path (`/api/didit`, relative to the page in a browser). No trailing slash. */
function checkBaseUrl(url: string, name: string): string {
  let ok = typeof url === 'string' && url.startsWith('/') && !url.startsWith('//');
  if (!ok && typeof url === 'string') {
    try {
      const { protocol } = new URL(url);
      ok = protocol === 'https:' || protocol === 'http:';
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw new InvalidArgumentError(
      `${name} must be a URL with its scheme (https://verification.didit.me) or a path (/api/didit)`,
    );
  }
  return url.replace(/\/+$/, '');
}

function withoutEmptyCredentials<O extends DiditClientOptions>(options: O): O {
  const emptied = (['apiKey', 'clientId', 'clientSecret'] as const).filter((name) => options[name] === '');
  if (emptied.length === 0) return options;
  const copy: Record<string, unknown> = { ...options };
  for (const name of emptied) copy[name] = undefined;
  return copy as O;
}

function isBrowserLike(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return typeof g.window === 'object' && g.window !== null && typeof g.window.document === 'object';
}
