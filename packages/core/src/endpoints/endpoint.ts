import type * as z from 'zod/mini';
import { InvalidArgumentError } from '../errors.ts';
import type { HttpMethod, ResponseReader } from '../request-options.ts';
import { assertSessionId, isSessionId } from '../session-id.ts';

/**
 * Encodes a validated body for sending: a function giving each attempt its own stream, or
 * `undefined` to send the body as JSON after all (an operation that takes either, with no file).
 */
export type BodyEncoder = (
  body: unknown,
  context: string,
) =>
  | (() => {
      stream: ReadableStream<Uint8Array>;
      contentType: string;
    })
  | undefined;

/** The names of the `{placeholders}` in a path template. */
type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** The values a path template needs: `'/v3/session/{sessionId}/decision/'` → `{ sessionId: string }`. */
export type PathParams<P extends string> = { readonly [K in ParamNames<P>]: string };

/** The params the client fills from its own options (`organizationId`, `applicationId`). */
type ScopeParam = 'organization_id' | 'application_id';

/** `PathParams`, with the organization and application ids optional: the client supplies them. */
export type ScopedPathParams<P extends string> = { readonly [K in Exclude<ParamNames<P>, ScopeParam>]: string } & {
  readonly [K in Extract<ParamNames<P>, ScopeParam>]?: string;
};

/**
 * One API endpoint, described once. The resource methods, the proxy's routing and forwarding
 * (and the mock server's routes) are derived from these descriptions.
 */
export interface Endpoint<P extends string = string, Body = unknown, Result = unknown> {
  /** For messages and logs, e.g. `GET /v3/session/{sessionId}/decision/`. Set by `endpoint()`. */
  readonly name: string;
  readonly method: HttpMethod;
  /** A template; each `{param}` is validated before a request is built (ids must be UUIDs). */
  readonly path: P;
  /** Safe to repeat: retried on every retryable failure, not only provably unprocessed ones. */
  readonly idempotent: boolean;
  /** Validates the request body before anything is sent. */
  readonly body?: z.ZodMiniType<Body> | undefined;
  /** Reads (and validates) a 2xx response. */
  readonly read: ResponseReader<Result>;
  /**
   * How the call is authenticated when not by the client's credentials: `'session-token'` (the
   * session's own `Session-Token`), `'transaction-token'` (`X-Transaction-Token`, minted for an SDK),
   * `'none'` (a public route). The API key is never sent with them.
   */
  readonly auth?: 'session-token' | 'transaction-token' | 'none' | undefined;
  /**
   * What each path param is, when not a session id: `'uuid'` (checked to be one) or `'text'` (your own
   * identifier, such as `vendor_data`: any text, percent-encoded into its one segment).
   */
  readonly params?: Readonly<Record<string, 'uuid' | 'text'>> | undefined;
  /**
   * How the validated body is sent when not as JSON: `multipart` (from uploads.ts) for files. It
   * returns the encoder of each attempt's stream (a stream is read once; a retry needs a new one).
   */
  readonly encodeBody?: BodyEncoder | undefined;
  /** The operation's `operationId` in Didit's OpenAPI. */
  readonly operationId?: string | undefined;
  /**
   * `'proxy'`: served by didit-kit's own proxy (`createDiditProxy`), not by Didit: the client
   * never sends it to Didit, and a mock of Didit does not serve it.
   */
  readonly servedBy?: 'proxy' | undefined;
}

export function endpoint<P extends string, Body = never, Result = unknown>(
  spec: Omit<Endpoint<P, Body, Result>, 'name'>,
): Endpoint<P, Body, Result> {
  return { ...spec, name: `${spec.method} ${spec.path}` };
}

/** The body type an endpoint accepts. */
export type BodyOf<E> = E extends Endpoint<string, infer B, unknown> ? B : never;
/** What an endpoint resolves to. */
export type ResultOf<E> = E extends Endpoint<string, unknown, infer R> ? R : never;

// Node ids (`feature_ocr_1`, `default`) and other non-UUID path values: nothing that could
// leave its path segment.
const SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Fills a template, refusing any value that could escape its segment: session ids (and params of
 * kind `'uuid'`) must be UUIDs, params of kind `'text'` are percent-encoded (never empty, `.` or `..`),
 * and any other value must be letters, digits, `_` or `-`.
 */
export function buildPath<P extends string>(
  template: P,
  params: PathParams<P>,
  kinds: Readonly<Record<string, 'uuid' | 'text'>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (/^session_?id$/i.test(name) || kinds[name] === 'uuid') {
      assertUuid(value, name);
      return value;
    }
    if (kinds[name] === 'text') {
      if (typeof value !== 'string' || value === '' || value === '.' || value === '..' || value.length > 1000) {
        throw new InvalidArgumentError(`${name} must be a non-empty string (not "." or "..")`);
      }
      return encodeURIComponent(value);
    }
    if (typeof value !== 'string' || !SEGMENT.test(value)) {
      throw new InvalidArgumentError(`${name} must be letters, digits, "_" or "-"`);
    }
    return value;
  });
}

function assertUuid(value: unknown, name: string): asserts value is string {
  if (/^session_?id$/i.test(name)) return assertSessionId(value);
  if (typeof value !== 'string' || !isSessionId(value)) throw new InvalidArgumentError(`${name} must be a UUID`);
}

const matchers = new Map<string, { regex: RegExp; names: string[] }>();

/**
 * The params of `pathname` if it is `template` (a trailing slash may be missing), else undefined.
 * Matched against the raw, still percent-encoded path: an escape in an id is simply not valid.
 */
export function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  let matcher = matchers.get(template);
  if (!matcher) {
    const names: string[] = [];
    const source = template
      .replace(/\/$/, '')
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
    matcher = { regex: new RegExp(`^${source}/?$`), names };
    matchers.set(template, matcher);
  }
  const match = matcher.regex.exec(pathname);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  matcher.names.forEach((name, i) => {
    params[name] = match[i + 1] ?? '';
  });
  try {
    buildPath(template, params as PathParams<string>);
  } catch {
    return undefined;
  }
  return params;
}
