import type { Context } from 'hono';
import type { MockEnv } from './routing.ts';

interface NodeBindings {
  outgoing?: { headersSent: boolean; setHeader(name: string, value: string): unknown };
}

/**
 * Gives the response to this request its `x-request-id`, once (a second call returns the same id).
 *
 * Served by @hono/node-server, the header goes straight onto Node's response, which merges it
 * with the headers of whichever Response the app returns. In-process (`app.request`,
 * `app.fetch`) it goes through Hono's context. Not `c.header()` on Node: that makes Hono build a
 * `Headers` object for every request, and on the polled decision route that alone cost about
 * 15% of the throughput (bench/README.md, part 4).
 */
export function stampRequestId(c: Context<MockEnv>): string {
  const existing = c.get('requestId');
  if (existing !== undefined) return existing;
  const requestId = crypto.randomUUID();
  c.set('requestId', requestId);
  const outgoing = (c.env as NodeBindings | undefined)?.outgoing;
  if (typeof outgoing?.setHeader === 'function' && !outgoing.headersSent) {
    outgoing.setHeader('x-request-id', requestId);
  } else {
    c.header('x-request-id', requestId);
  }
  return requestId;
}
