import type { MiddlewareHandler } from 'hono';
import type { MockEnv } from './routing.ts';

/**
 * Gives every response an `x-request-id`. Set before the handler, so Hono adds it to every
 * response the context builds (routes, 404s, 405s, faults, errors, redirects, the hosted page);
 * setting it on `c.res` afterwards would make @hono/node-server rebuild each response with a
 * full Headers object. The polled decision route builds its own response (`jsonBytes`).
 */
export function requestIdMiddleware(): MiddlewareHandler<MockEnv> {
  return (c, next) => {
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    return next();
  };
}

/** A 200 JSON response from ready bytes, with plain headers (the fast path of @hono/node-server). */
export function jsonBytes(requestId: string, bytes: Uint8Array<ArrayBuffer>): Response {
  return new Response(bytes, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
  });
}
