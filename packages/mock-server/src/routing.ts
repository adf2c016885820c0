import type { Context, Hono } from 'hono';
import { methodNotAllowed } from './drf.ts';

export type MockEnv = { Variables: { requestId: string } };
export type MockApp = Hono<MockEnv>;
export type RouteHandler = (c: Context<MockEnv>) => Response | Promise<Response>;
/** Runs before a handler; a response ends the request there (401 for a missing token, say). */
export type Guard = (c: Context<MockEnv>) => Response | undefined;

type Method = 'GET' | 'POST' | 'PATCH';

/**
 * Registers routes the way Django REST Framework answers them: the guard (authentication)
 * runs first, then an unsupported method gets 405 with `Allow`, as DRF's `APIView.dispatch` does.
 * Remembers every path, so a request that only lacks the trailing slash can be told apart.
 */
export class RouteTable {
  readonly #app: MockApp;
  readonly #patterns: RegExp[] = [];

  constructor(app: MockApp) {
    this.#app = app;
  }

  define(path: string, handlers: Partial<Record<Method, RouteHandler>>, guard?: Guard): void {
    const methods = Object.keys(handlers) as Method[];
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
    for (const method of methods) {
      const handler = handlers[method]!;
      this.#app.on(method, path, (c) => guard?.(c) ?? handler(c));
    }
    this.#app.all(path, (c) => {
      const denied = guard?.(c);
      if (denied) return denied;
      if (c.req.method === 'OPTIONS') {
        return c.json({ renders: ['application/json'], parses: ['application/json'] }, 200, {
          Allow: allow.join(', '),
        });
      }
      return methodNotAllowed(c, allow);
    });
    this.#patterns.push(new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
  }

  /** True when `path` is one of the registered routes (used to spot a missing trailing slash). */
  matches(path: string): boolean {
    return this.#patterns.some((pattern) => pattern.test(path));
  }
}
