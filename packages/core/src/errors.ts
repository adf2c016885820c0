// One branded hierarchy. `instanceof` uses a `Symbol.for` brand rather than the
// prototype chain, so it works when an app ends up with two copies of this package
// (a common result of nested node_modules or a bundled dependency).

const KINDS = Symbol.for('didit-kit.error.kinds');

/** A zod-style issue: where in the body, and what was wrong. */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

export type DiditErrorCode =
  | 'api_error'
  | 'bad_request'
  | 'authentication_failed'
  | 'permission_denied'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'connection_error'
  | 'timeout'
  | 'aborted'
  | 'invalid_argument'
  | 'response_validation'
  | 'response_too_large'
  | 'configuration_error'
  | 'webhook_verification';

export interface DiditErrorInit {
  status?: number | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

/** The base of every error this SDK throws. Check with `isDiditError(e)` or `instanceof`. */
export class DiditError extends Error {
  static readonly kind: string = 'DiditError';
  declare readonly name: string;
  readonly code: DiditErrorCode = 'api_error';
  /** HTTP status, where a response was received. */
  readonly status: number | undefined;
  /** The `x-request-id` of the response, to quote to Didit's support. */
  readonly requestId: string | undefined;

  constructor(message: string, init: DiditErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
    // Each class's `kind` is its name: set once here rather than as a field in every subclass.
    this.name = (new.target as unknown as { kind: string }).kind;
    const kinds: string[] = [];
    for (let c = new.target as unknown; typeof c === 'function' && 'kind' in c; c = Object.getPrototypeOf(c)) {
      kinds.push((c as { kind: string }).kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    // `this` is the class `instanceof` was asked about, so each subclass checks its own kind.
    // biome-ignore lint/complexity/noThisInStatic: intentional, see above
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  /** A log-friendly form: no bodies, no headers, nothing secret. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, status: this.status, requestId: this.requestId };
  }
}

/** True for any error thrown by didit-kit, whichever copy of the package threw it. */
export function isDiditError(value: unknown): value is DiditError {
  return value instanceof DiditError;
}

/** Didit answered with an error status. `body` is the parsed error body (DRF style `{ detail }`). */
export class APIError extends DiditError {
  static override readonly kind: string = 'APIError';
  declare readonly name: string;
  /** The parsed error body, or its text when it was not JSON. */
  readonly body: unknown;

  constructor(message: string, init: DiditErrorInit & { body?: unknown } = {}) {
    super(message, init);
    this.body = init.body;
  }
}

/** 400: the request was not valid. `body` usually maps fields to messages. */
export class BadRequestError extends APIError {
  static override readonly kind = 'BadRequestError';
  declare readonly name: 'BadRequestError';
  override readonly code = 'bad_request';
}

/** 401, or a failing token endpoint: the credentials or the token were refused. */
export class AuthenticationError extends APIError {
  static override readonly kind = 'AuthenticationError';
  declare readonly name: 'AuthenticationError';
  override readonly code = 'authentication_failed';
}

/** 403: the credentials are valid but not allowed to do this. */
export class PermissionDeniedError extends APIError {
  static override readonly kind = 'PermissionDeniedError';
  declare readonly name: 'PermissionDeniedError';
  override readonly code = 'permission_denied';
}

/** 404: no such session (or route). */
export class NotFoundError extends APIError {
  static override readonly kind = 'NotFoundError';
  declare readonly name: 'NotFoundError';
  override readonly code = 'not_found';
}

/** 429: rate limited. `retryAfterMs` is Didit's `Retry-After`, when it sent one. */
export class RateLimitError extends APIError {
  static override readonly kind = 'RateLimitError';
  declare readonly name: 'RateLimitError';
  override readonly code = 'rate_limited';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: DiditErrorInit & { body?: unknown; retryAfterMs?: number | undefined } = {}) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx: Didit failed. Retried automatically for 500, 502, 503 and 504. */
export class ServerError extends APIError {
  static override readonly kind = 'ServerError';
  declare readonly name: 'ServerError';
  override readonly code = 'server_error';
}

/**
 * Your server cannot call Didit: its `DiditClient` has no credentials, or Didit refused them
 * (`createDiditProxy` answers 500 or 502 with a `code` saying so). Never retried, by the client or
 * by the hooks: fix the server's environment (the API key), then reload.
 */
export class ConfigurationError extends APIError {
  static override readonly kind = 'ConfigurationError';
  declare readonly name: 'ConfigurationError';
  override readonly code = 'configuration_error';
}

/** No response: the connection failed or was dropped. */
export class ConnectionError extends DiditError {
  static override readonly kind: string = 'ConnectionError';
  declare readonly name: string;
  override readonly code: DiditErrorCode = 'connection_error';
}

/** An attempt took longer than `timeoutMs`. A subclass of `ConnectionError`. */
export class TimeoutError extends ConnectionError {
  static override readonly kind = 'TimeoutError';
  declare readonly name: 'TimeoutError';
  override readonly code = 'timeout';
}

/** The caller's `AbortSignal` fired. Never retried. */
export class AbortError extends DiditError {
  static override readonly kind = 'AbortError';
  declare readonly name: 'AbortError';
  override readonly code = 'aborted';
}

/** An argument was refused before anything was sent (a malformed session id, an invalid body). */
export class InvalidArgumentError extends DiditError {
  static override readonly kind = 'InvalidArgumentError';
  declare readonly name: 'InvalidArgumentError';
  override readonly code = 'invalid_argument';
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, init: DiditErrorInit & { issues?: readonly ValidationIssue[] } = {}) {
    super(message, init);
    this.issues = init.issues ?? [];
  }
}

/** Didit answered 2xx with a body that is not JSON or does not match the schema. */
export class ResponseValidationError extends DiditError {
  static override readonly kind = 'ResponseValidationError';
  declare readonly name: 'ResponseValidationError';
  override readonly code = 'response_validation';
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, init: DiditErrorInit & { issues?: readonly ValidationIssue[] } = {}) {
    super(message, init);
    this.issues = init.issues ?? [];
  }
}

/**
 * The response body (counted as it arrives, after any decompression) outgrew `maxResponseBytes`:
 * reading stopped there and the connection was closed. Not a `ResponseValidationError`: nothing
 * was wrong with what arrived, there was only too much of it, and the remedy (a larger
 * `maxResponseBytes`, a narrower query) is different. Never retried: the next answer would be as
 * large. An error status with a body that large is still its own `APIError`, without the body.
 */
export class ResponseTooLargeError extends DiditError {
  static override readonly kind = 'ResponseTooLargeError';
  declare readonly name: 'ResponseTooLargeError';
  override readonly code = 'response_too_large';
  /** The limit that was exceeded, in bytes. */
  readonly maxResponseBytes: number | undefined;

  constructor(message: string, init: DiditErrorInit & { maxResponseBytes?: number | undefined } = {}) {
    super(message, init);
    this.maxResponseBytes = init.maxResponseBytes;
  }
}
