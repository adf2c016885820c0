import type * as z from 'zod/mini';
import { InvalidArgumentError } from '../errors.ts';
import type { HttpMethod, ResponseReader } from '../request-options.ts';
import { assertSessionId } from '../session-id.ts';

/** The names of the `{placeholders}` in a path template. */
type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** The values a path template needs: `'/v3/session/{sessionId}/decision/'` → `{ sessionId: string }`. */
export type PathParams<P extends string> = { readonly [K in ParamNames<P>]: string };

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
  /** `'session-token'`: authenticated by the session's own token (`Session-Token`), not the API key. */
  readonly auth?: 'session-token' | undefined;
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

/** Fills a template, refusing any value that could escape its segment (session ids must be UUIDs). */
export function buildPath<P extends string>(template: P, params: PathParams<P>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (/^session_?id$/i.test(name)) assertSessionId(value);
    else if (typeof value !== 'string' || !SEGMENT.test(value)) {
      throw new InvalidArgumentError(`${name} must be letters, digits, "_" or "-"`);
    }
    return value;
  });
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
