import type { Context, Hono } from 'hono';
import { methodNotAllowed } from './drf.ts';
import type { FaultInjector } from './faults.ts';
import { stampRequestId } from './request-id.ts';

export type MockEnv = { Variables: { requestId: string } };
export type MockApp = Hono<MockEnv>;
export type RouteHandler = (c: Context<MockEnv>) => Response | Promise<Response>;
/** Runs before a handler; a response ends the request there (401 for a missing token, say). */
export type Guard = (c: Context<MockEnv>) => Response | undefined;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteOptions {
  /** Authentication: runs after the faults, before the handler and the 405. */
  guard?: Guard | undefined;
  /** Fault injection (`Prefer`, `?__mock=`, server-wide chaos); none on the admin routes. */
  faults?: FaultInjector | undefined;
}

/**
 * Registers routes the way Django REST Framework answers them: the guard (authentication)
 * runs first, then an unsupported method gets 405 with `Allow`, as DRF's `APIView.dispatch` does.
 * Every route stamps the request id and applies its faults here, in plain calls rather than
 * Hono middleware: with any middleware on a path, Hono runs its async chain for every request
 * to it, which cost the polled decision route a tenth of its throughput (bench/README.md).
 * Remembers every path, so a request that only lacks the trailing slash can be told apart.
 */
export class RouteTable {
  readonly #app: MockApp;
  readonly #patterns: RegExp[] = [];

  constructor(app: MockApp) {
    this.#app = app;
  }

  define(path: string, handlers: Partial<Record<Method, RouteHandler>>, options: RouteOptions = {}): void {
    const { guard, faults } = options;
    const methods = Object.keys(handlers) as Method[];
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
    const otherMethods: RouteHandler = (c) => {
      if (c.req.method === 'OPTIONS') {
        return c.json({ renders: ['application/json'], parses: ['application/json'] }, 200, {
          Allow: allow.join(', '),
        });
      }
      return methodNotAllowed(c, allow);
    };
    // One Hono handler per path, choosing by method itself: two matching handlers (`app.get` and
    // `app.all`) would also put the request through Hono's async chain.
    const handlerFor = (method: string): RouteHandler => {
      const key = method === 'HEAD' ? 'GET' : method;
      return Object.hasOwn(handlers, key) ? handlers[key as Method]! : otherMethods;
    };
    this.#app.all(path, (c) => {
      stampRequestId(c);
      const handler = handlerFor(c.req.method);
      const run = () => guard?.(c) ?? handler(c);
      return faults ? faults(c, run) : run();
    });
    this.#patterns.push(new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
  }

  /** True when `path` is one of the registered routes (used to spot a missing trailing slash). */
  matches(path: string): boolean {
    return this.#patterns.some((pattern) => pattern.test(path));
  }
}
