import { apiErrorFor, transportFailure } from './classify-error.ts';
import {
  AbortError,
  ConfigurationError,
  DiditError,
  InvalidArgumentError,
  ResponseTooLargeError,
  ResponseValidationError,
} from './errors.ts';
import type { DiditLogger } from './logger.ts';
import type { Redactor } from './redactor.ts';
import { requestIdFrom } from './request-id.ts';
import type { HttpMethod, ReadContext, RequestOptions, ResponseReader } from './request-options.ts';
import { backoffDelayMs, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfterMs, sleep } from './retry.ts';
import type { Transport, TransportResponse } from './transport/transport.ts';

/** One logical API call, as the request loop sends it. */
export interface Call<T> {
  /** For messages and logs, e.g. `GET /v3/session/{sessionId}/decision/`. */
  name: string;
  method: HttpMethod;
  url: string;
  headers?: Readonly<Record<string, string>> | undefined;
  /** The encoded body, with its `contentType`. */
  body?: string | undefined;
  contentType?: string | undefined;
  /** A streamed body (a multipart upload), encoded anew for each attempt: a stream is read once. */
  streamBody?: (() => { stream: ReadableStream<Uint8Array>; contentType: string }) | undefined;
  /** Safe to repeat: retried on every retryable failure, not only provably unprocessed ones. */
  idempotent: boolean;
  /** Whether the client's credentials go with it (not for the token request itself, or a `Session-Token` call). */
  authenticate: boolean;
  read: ResponseReader<T>;
  /**
   * What of an error status's body may be kept (as `APIError.body`, and quoted in the message),
   * for a call whose answers may hold a secret not known yet: the token endpoint's may hold a token.
   */
  keepErrorBody?: ((body: unknown) => unknown) | undefined;
}

/** How a generation authenticates a call. */
export interface Auth {
  /** Adds the credentials to an attempt's headers. */
  apply(headers: Record<string, string>, signal: AbortSignal | undefined): void | Promise<void>;
  /** After a 401 to an attempt with these headers: true to try once more with fresh credentials. */
  refreshAfter401?(headers: Record<string, string>): boolean;
}

export interface LoopContext {
  transport: Transport;
  auth: Auth | undefined;
  redactor: Redactor;
  logger: DiditLogger | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  /** The kinds of drift already reported (`operation path`): each is logged once per client. */
  drifted?: Set<string> | undefined;
}

/** What readers are told: where to report a response that drifted from Didit's spec. */
function readContext(ctx: LoopContext): ReadContext {
  return {
    drift(operation, paths) {
      ctx.drifted ??= new Set();
      const fresh = paths.filter((path) => !ctx.drifted!.has(`${operation} ${path}`));
      if (fresh.length === 0 || ctx.drifted.size > 1_000) return;
      for (const path of fresh) ctx.drifted.add(`${operation} ${path}`);
      ctx.logger?.warn?.(
        `didit: ${operation} answered null or nothing where Didit's spec promises a value (${fresh.join(', ')}); ` +
          'accepted as sent. Reported once per field.',
        { operation, fields: fresh },
      );
    },
  };
}

/** The one request loop: build, authenticate, send, classify, retry, read. */
export async function sendWithRetries<T>(ctx: LoopContext, call: Call<T>, options: RequestOptions = {}): Promise<T> {
  const { signal } = options;
  const maxRetries = nonNegative('maxRetries', options.maxRetries ?? ctx.maxRetries);
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? ctx.timeoutMs);
  const { redactor, logger, maxResponseBytes } = ctx;
  let refreshedAfter401 = false;

  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw abortError(call.name, signal);
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.body !== undefined) headers['content-type'] = call.contentType ?? 'application/json';
    const streamed = call.streamBody?.();
    if (streamed) headers['content-type'] = streamed.contentType;
    const auth = call.authenticate ? ctx.auth : undefined;
    if (auth) {
      try {
        // Only a token that must be fetched is awaited: the usual call goes on in the same tick.
        const pending = auth.apply(headers, signal);
        if (pending) await pending;
      } catch (error) {
        if (signal?.aborted) throw abortError(call.name, signal);
        throw error;
      }
    }

    // The attempt's deadline. A transport that owns its timeouts (undici) gets the caller's
    // signal as it is and, past the deadline, has its body read cancelled; any other gets an
    // AbortController that both the deadline and the caller's signal abort.
    let timedOut = false;
    let response: TransportResponse | undefined;
    const attempt = ctx.transport.ownsTimeouts ? undefined : new AbortController();
    const timer = setTimeout(() => {
      timedOut = true;
      if (attempt) attempt.abort(new Error('timeout'));
      else response?.cancel?.();
    }, timeoutMs);
    const onAbort = attempt && (() => attempt.abort(signal?.reason));
    if (onAbort) signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    logger?.debug?.('didit request', { call: call.name, attempt: retry + 1 });

    let retryReason: string;
    let retryAfterMs: number | undefined;
    try {
      response = await ctx.transport({
        url: call.url,
        method: call.method,
        headers,
        body: streamed?.stream ?? call.body,
        signal: attempt ? attempt.signal : signal,
        timeoutMs,
        maxResponseBytes,
      });
      if (timedOut) {
        // The headers came just after the deadline: the attempt is over all the same.
        response.cancel?.();
        throw new Error('timeout');
      }
      const requestId = requestIdFrom(response.header('x-request-id'), (id) => redactor.holdsSecret(id));
      const { status } = response;
      logger?.debug?.('didit response', { call: call.name, status, ms: Date.now() - started, requestId });
      if (status >= 200 && status < 300) return await call.read(response, requestId, readContext(ctx));

      const body = await readErrorBody(response, redactor);
      retryAfterMs = parseRetryAfterMs(response.header('retry-after'));
      if (status === 401 && !refreshedAfter401 && auth?.refreshAfter401?.(headers)) {
        // The token may have been revoked or expired early: fetch a new one and try once more.
        refreshedAfter401 = true;
        retry--;
        continue;
      }
      const clean = redactor.redact(call.keepErrorBody ? call.keepErrorBody(body) : body);
      const error = apiErrorFor(call.name, { status, body: clean, requestId, retryAfterMs, url: call.url });
      const retryAfterTooLong =
        retryAfterMs !== undefined && retryAfterMs > (options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS);
      // A ConfigurationError (the app's proxy cannot use its credentials) is a 5xx no attempt can fix.
      const fixable = isRetryableStatus(status, call.idempotent) && !(error instanceof ConfigurationError);
      if (retry >= maxRetries || !fixable || retryAfterTooLong) throw error;
      retryReason = `status ${status}`;
    } catch (error) {
      if (signal?.aborted) throw abortError(call.name, signal);
      if (error instanceof ResponseValidationError) throw redactor.redactValidationError(error);
      if (error instanceof ResponseTooLargeError) {
        // Not retried: the next answer would be as large.
        const { status, maxResponseBytes } = error;
        const requestId = requestIdFrom(error.requestId, (id) => redactor.holdsSecret(id));
        throw new ResponseTooLargeError(`${call.name} failed: ${error.message}`, {
          status,
          requestId,
          maxResponseBytes,
        });
      }
      if (error instanceof DiditError) throw error;
      const failure = transportFailure(call.name, redactor.redact(error), {
        timedOut,
        timeoutMs,
        describe: (text) => redactor.redact(text),
      });
      if (retry >= maxRetries || !(call.idempotent || failure.notSent)) throw failure.error;
      retryReason = failure.error.code;
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }

    const delayMs = retryAfterMs ?? backoffDelayMs(retry);
    logger?.info?.('didit retry', { call: call.name, reason: retryReason, retry: retry + 1, delayMs });
    try {
      await sleep(delayMs, signal);
    } catch {
      throw abortError(call.name, signal);
    }
  }
}

/**
 * An error status's body: parsed JSON, or the start of its text. A body past `maxResponseBytes`
 * (the transport stops reading it) or one that cannot be read is left out: the status still
 * makes its own error.
 */
async function readErrorBody(response: TransportResponse, redactor: Redactor): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    // Redacted whole, then cut: a secret straddling the cut must not survive as a prefix.
    return redactor.truncate(text, 1000);
  }
}

function abortError(name: string, signal: AbortSignal | undefined): AbortError {
  return new AbortError(`${name} was aborted`, { cause: signal?.reason });
}

export function nonNegative(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} must be a whole number >= 0`);
  return value;
}

export function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError(`${name} must be a number > 0`);
  return value;
}
