import { apiErrorFor } from './api-error.ts';
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  DiditError,
  InvalidArgumentError,
  ResponseValidationError,
  TimeoutError,
} from './errors.ts';
import type { DiditLogger } from './logger.ts';
import { readJson } from './read-json.ts';
import { Sessions } from './resources/sessions.ts';
import { backoffDelayMs, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfterMs, sleep } from './retry.ts';
import { tokenResponseSchema } from './schemas/token.schema.ts';
import { TokenManager } from './token-manager.ts';
import { defaultTransport } from './transport/default-transport.ts';
import { fetchTransport } from './transport/fetch-transport.ts';
import type { FetchLike, Transport, TransportResponse } from './transport/transport.ts';

export const DEFAULT_BASE_URL = 'https://verification.didit.me';
export const DEFAULT_AUTH_URL = 'https://apx.didit.me';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

export interface DiditClientOptions {
  /** Client-credentials id, from Didit's console. Server side only. */
  clientId?: string | undefined;
  /** Client-credentials secret, from Didit's console. Server side only: never ship it to a browser. */
  clientSecret?: string | undefined;
  /** The verification API, or your app's proxy route in a browser (for example `/api/didit`). */
  baseUrl?: string | undefined;
  /** The auth server: a different host from the API. */
  authUrl?: string | undefined;
  /** Per attempt, in milliseconds. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** A fetch-compatible function to send requests with, instead of the default transport. */
  fetch?: FetchLike | undefined;
  logger?: DiditLogger | undefined;
  /** Allows a `clientSecret` in a browser. Almost always a mistake: use a server-side proxy. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options every call accepts; they override the client's. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

/** One logical API call, as the resources describe it to the request loop. */
export interface ApiCall<T> {
  /** For messages and logs, e.g. `GET /v1/session/{id}/decision/`. */
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  /** Safe to repeat: retried on every retryable failure, not only provably unprocessed ones. */
  idempotent: boolean;
  read: (response: TransportResponse, requestId: string | undefined) => Promise<T>;
}

/** The request loop, as the resource groups see it. */
export type Send = <T>(call: ApiCall<T>, options?: RequestOptions) => Promise<T>;

/**
 * @internal The request loop for `createDiditProxy` (`@didit-kit/core/server`), which reads
 * Didit's raw response to pass it through unchanged. `Symbol.for`, so it works across duplicate
 * copies of the package. Not a public API.
 */
export const SEND_CALL: unique symbol = Symbol.for('didit-kit.client.send-call');

/** The client secret, the Basic credentials and the latest few access tokens. */
const MAX_REMEMBERED_SECRETS = 6;

// undici's own timeouts (waiting for the headers, a pause in the body): the attempt ran out of time.
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

// Errors that mean the request never left this machine, so even a POST may be retried.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

/**
 * A client for Didit's v1 verification API.
 *
 * On a server, give it `clientId` and `clientSecret`. In a browser, give it no credentials
 * and point `baseUrl` at your app's proxy route (see `createDiditProxy`).
 */
export class DiditClient {
  readonly baseUrl: string;
  readonly authUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly sessions: Sessions;

  readonly #transport: Transport;
  readonly #logger: DiditLogger | undefined;
  readonly #tokens: TokenManager | undefined;
  /** Strings that must never appear in an error: the secret and every token issued. */
  readonly #secrets = new Set<string>();
  #clientSecret: string | undefined;
  #basicCredentials: string | undefined;

  constructor(options: DiditClientOptions = {}) {
    const { clientId, clientSecret } = options;
    if ((clientId === undefined) !== (clientSecret === undefined)) {
      throw new InvalidArgumentError('Pass both clientId and clientSecret, or neither (for a proxy route).');
    }
    if (clientSecret !== undefined && isBrowserLike() && !options.dangerouslyAllowBrowser) {
      throw new InvalidArgumentError(
        'A clientSecret was given in a browser-like runtime, where any visitor could read it. ' +
          'Create the client with credentials on your server and point the browser client at a proxy route ' +
          '(createDiditProxy from @didit-kit/core/server). Pass dangerouslyAllowBrowser: true to override.',
      );
    }
    this.baseUrl = trimSlash(options.baseUrl ?? DEFAULT_BASE_URL);
    this.authUrl = trimSlash(options.authUrl ?? DEFAULT_AUTH_URL);
    this.timeoutMs = positive('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.maxRetries = nonNegative('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.#transport = options.fetch ? fetchTransport(options.fetch) : defaultTransport(this.timeoutMs);
    this.#logger = options.logger;
    if (clientId !== undefined && clientSecret !== undefined) {
      if (!clientId || !clientSecret) throw new InvalidArgumentError('clientId and clientSecret must not be empty.');
      const basic = `Basic ${base64(`${clientId}:${clientSecret}`)}`;
      this.#clientSecret = clientSecret;
      this.#basicCredentials = basic.slice('Basic '.length);
      this.#secrets.add(this.#clientSecret);
      this.#secrets.add(this.#basicCredentials);
      this.#tokens = new TokenManager(() => this.#fetchToken(basic));
    }
    this.sessions = new Sessions((call, requestOptions) => this.#send(call, requestOptions));
  }

  /** True when the client holds credentials (server side) rather than calling a proxy. */
  get hasCredentials(): boolean {
    return this.#tokens !== undefined;
  }

  /** @internal See {@link SEND_CALL}. */
  [SEND_CALL]<T>(call: ApiCall<T>, options?: RequestOptions): Promise<T> {
    return this.#send(call, options);
  }

  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      authUrl: this.authUrl,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      hasCredentials: this.hasCredentials,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DiditClient ${JSON.stringify(this.toJSON())}`;
  }

  async #fetchToken(basic: string): Promise<{ accessToken: string; expiresInSec: number }> {
    const token = await this.#loop(
      {
        name: 'POST /auth/v2/token/',
        method: 'POST',
        path: '/auth/v2/token/',
        // Asking for a token twice is harmless, so it is retried like a read.
        idempotent: true,
        read: readToken,
      },
      {},
      { url: `${this.authUrl}/auth/v2/token/`, authorization: basic, form: 'grant_type=client_credentials' },
    );
    this.#secrets.add(token.access_token);
    // Keep the secret, the Basic credentials and the latest few tokens (an older one can still
    // be echoed in an error a moment later); with short-lived tokens the set would grow forever.
    for (const old of this.#secrets) {
      if (this.#secrets.size <= MAX_REMEMBERED_SECRETS) break;
      if (old !== this.#clientSecret && old !== this.#basicCredentials) this.#secrets.delete(old);
    }
    return { accessToken: token.access_token, expiresInSec: token.expires_in };
  }

  #send<T>(call: ApiCall<T>, options: RequestOptions = {}): Promise<T> {
    return this.#loop(call, options, undefined);
  }

  /** The one request loop: build, attach the token, send, classify, retry, read. */
  async #loop<T>(
    call: ApiCall<T>,
    options: RequestOptions,
    tokenRequest: { url: string; authorization: string; form: string } | undefined,
  ): Promise<T> {
    const signal = options.signal;
    const maxRetries = nonNegative('maxRetries', options.maxRetries ?? this.maxRetries);
    const timeoutMs = positive('timeoutMs', options.timeoutMs ?? this.timeoutMs);
    const url = tokenRequest?.url ?? `${this.baseUrl}${call.path}`;
    const jsonBody = call.body === undefined ? undefined : JSON.stringify(call.body);
    let refreshedAfter401 = false;

    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw abortError(call.name, signal);
      const headers: Record<string, string> = { accept: 'application/json' };
      let token: string | undefined;
      if (tokenRequest) {
        headers.authorization = tokenRequest.authorization;
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else if (this.#tokens) {
        try {
          token = this.#tokens.current() ?? (await this.#tokens.get(signal));
        } catch (error) {
          if (signal?.aborted) throw abortError(call.name, signal);
          throw error;
        }
        headers.authorization = `Bearer ${token}`;
      }
      if (jsonBody !== undefined) headers['content-type'] = 'application/json';

      // The attempt's deadline. A transport that owns its timeouts (undici) gets the caller's
      // signal as it is and, past the deadline, has its body read cancelled; any other gets an
      // AbortController that both the deadline and the caller's signal abort.
      let timedOut = false;
      let response: TransportResponse | undefined;
      const attempt = this.#transport.ownsTimeouts ? undefined : new AbortController();
      const timer = setTimeout(() => {
        timedOut = true;
        if (attempt) attempt.abort(new Error('timeout'));
        else response?.cancel?.();
      }, timeoutMs);
      const onAbort = attempt && (() => attempt.abort(signal?.reason));
      if (onAbort) signal?.addEventListener('abort', onAbort, { once: true });
      const started = Date.now();
      this.#logger?.debug?.('didit request', { call: call.name, attempt: retry + 1 });

      let retryReason: string;
      let retryAfterMs: number | undefined;
      try {
        response = await this.#transport({
          url,
          method: call.method,
          headers,
          body: tokenRequest?.form ?? jsonBody,
          signal: attempt ? attempt.signal : signal,
          timeoutMs,
        });
        if (timedOut) {
          // The headers came just after the deadline: the attempt is over all the same.
          response.cancel?.();
          throw new Error('timeout');
        }
        const requestId = response.header('x-request-id') ?? undefined;
        const { status } = response;
        this.#logger?.debug?.('didit response', { call: call.name, status, ms: Date.now() - started, requestId });
        if (status >= 200 && status < 300) return await call.read(response, requestId);

        const body = await readErrorBody(response);
        retryAfterMs = parseRetryAfterMs(response.header('retry-after'));
        if (status === 401 && token !== undefined && !refreshedAfter401) {
          // The token may have been revoked or expired early: fetch a new one and try once more.
          refreshedAfter401 = true;
          this.#tokens?.invalidate(token);
          retry--;
          continue;
        }
        const error = apiErrorFor(call.name, { status, body: this.#redact(body), requestId, retryAfterMs });
        const fromTokenEndpoint = tokenRequest && status >= 400 && status < 500 && status !== 408 && status !== 429;
        const final = fromTokenEndpoint
          ? new AuthenticationError(`Didit refused the client credentials. ${this.#redact(error.message)}`, {
              status,
              requestId,
              body: this.#redact(body),
            })
          : error;
        const retryAfterTooLong = retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS;
        if (retry >= maxRetries || !isRetryableStatus(status, call.idempotent) || retryAfterTooLong) throw final;
        retryReason = `status ${status}`;
      } catch (error) {
        if (signal?.aborted) throw abortError(call.name, signal);
        // A 2xx body that failed validation is quoted in the message: scrub it like the rest.
        if (error instanceof ResponseValidationError) throw this.#redactValidationError(error);
        if (error instanceof DiditError) throw error;
        const cause = this.#redactCause(error);
        if (TIMEOUT_CODES.has(errorCode(cause) ?? '')) timedOut = true;
        const failure = timedOut
          ? new TimeoutError(`${call.name} timed out after ${timeoutMs} ms`, { cause })
          : new ConnectionError(`${call.name} failed: ${this.#redact(describeCause(cause))}`, { cause });
        const retryable = call.idempotent || (!timedOut && NOT_SENT_CODES.has(errorCode(cause) ?? ''));
        if (retry >= maxRetries || !retryable) throw failure;
        retryReason = failure.code;
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }

      const delayMs = retryAfterMs ?? backoffDelayMs(retry);
      this.#logger?.info?.('didit retry', { call: call.name, reason: retryReason, retry: retry + 1, delayMs });
      try {
        await sleep(delayMs, signal);
      } catch {
        throw abortError(call.name, signal);
      }
    }
  }

  /**
   * The transport's error, kept as `cause` for debugging, unless it quotes a secret (a fetch
   * wrapper may put request headers in its message): then a copy with the secret redacted,
   * since loggers and `util.inspect` print the whole cause chain.
   */
  #redactCause(error: unknown, depth = 0): unknown {
    if (this.#secrets.size === 0 || depth > 5) return error;
    if (!(error instanceof Error)) {
      try {
        return this.#redact(error);
      } catch {
        return error; // not serialisable (circular), so not something JSON logs would print either
      }
    }
    const cause = this.#redactCause(error.cause, depth + 1);
    const message = this.#redact(error.message);
    const stack = error.stack === undefined ? undefined : this.#redact(error.stack);
    if (message === error.message && stack === error.stack && cause === error.cause) return error;
    const copy = new Error(message, error.cause === undefined ? undefined : { cause });
    copy.name = error.name;
    copy.stack = stack;
    const { code } = error as { code?: unknown };
    if (code !== undefined) Object.assign(copy, { code });
    return copy;
  }

  #redactValidationError(error: ResponseValidationError): ResponseValidationError {
    const message = this.#redact(error.message);
    if (message === error.message) return error;
    return new ResponseValidationError(message, {
      status: error.status,
      requestId: error.requestId,
      issues: error.issues,
    });
  }

  #redact<V>(value: V): V {
    if (this.#secrets.size === 0) return value;
    if (typeof value === 'string') {
      let text: string = value;
      for (const secret of this.#secrets) text = text.split(secret).join('[redacted]');
      return text as V;
    }
    if (typeof value === 'object' && value !== null) {
      const text = JSON.stringify(value);
      const clean = this.#redact(text);
      return clean === text ? value : (JSON.parse(clean) as V);
    }
    return value;
  }
}

const readToken = readJson(tokenResponseSchema);

async function readErrorBody(response: TransportResponse): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 1000);
  }
}

function abortError(name: string, signal: AbortSignal | undefined): AbortError {
  return new AbortError(`${name} was aborted`, { cause: signal?.reason });
}

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

function isBrowserLike(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return typeof g.window === 'object' && g.window !== null && typeof g.window.document === 'object';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function nonNegative(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} must be a whole number >= 0`);
  return value;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError(`${name} must be a number > 0`);
  return value;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
