import type { Endpoint } from '@didit-kit/core/server';
import type { Context, Hono, Next } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { FaultInjector } from './faults.ts';

export type MockEnv = {
  Variables: RequestIdVariables & {
    /** The fault injector has run for this request (see RouteTable.define). */
    faultsApplied?: boolean;
    /** The request's checked `X-Transaction-Token` (v3/records/transaction-tokens.ts), for its route. */
    transactionToken?: unknown;
  };
};
export type MockApp = Hono<MockEnv>;
export type RouteHandler = (c: Context<MockEnv>) => Response | Promise<Response>;
/** Runs before a handler; a response ends the request there (401 for a missing token, say). */
export type Guard = (c: Context<MockEnv>) => Response | undefined;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the fault injector's stand-in route answers: "no fault here, go on to the route". */
const PASS = new Response(null);

export interface RouteOptions {
  /** Authentication: runs after the faults, before the handler and the 405. */
  guard?: Guard | undefined;
  /** Fault injection (`Prefer`, `?__mock=`, server-wide chaos); none on the admin routes. */
  faults?: FaultInjector | undefined;
}

/**
 * Registers routes the way Django REST Framework answers them, with Hono's own mechanisms: the
 * faults and the guard (authentication) are middleware on the path, so they run for every method,
 * before the handler, and before an unsupported method gets its 405 (Hono's `methodNotAllowed`
 * middleware, registered once for the app), as DRF's `APIView.dispatch` authenticates first.
 * `OPTIONS` answers DRF's metadata. Remembers every path, so a write that only lacks the trailing
 * slash can be told apart.
 */
export class RouteTable {
  readonly #app: MockApp;
  readonly #patterns: RegExp[] = [];

  constructor(app: MockApp) {
    this.#app = app;
  }

  define(path: string, handlers: Partial<Record<Method, RouteHandler>>, options: RouteOptions = {}): void {
    const { guard, faults } = options;
    if (faults) {
      // The injector runs a stand-in route first: without a scenario (almost every request) it
      // answers PASS at once and the request goes straight on, with no wrapper around the route.
      this.#app.use(path, (c, next) => {
        // Once per request, where a static path also matches a parameter's (`/v3/users/delete/`
        // and `/v3/users/{vendor_data}/`): a delay is not served twice.
        if (c.get('faultsApplied')) return next();
        c.set('faultsApplied', true);
        const out = faults(c, () => PASS);
        return out === PASS ? next() : afterScenario(out, next);
      });
    }
    if (guard) {
      this.#app.use(path, (c, next) => {
        const refused = guard(c);
        return refused ? Promise.resolve(refused) : next();
      });
    }
    const methods = Object.keys(handlers) as Method[];
    for (const method of methods) this.#app.on(method, path, handlers[method]!);
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
    this.#app.options(path, (c) =>
      c.json({ renders: ['application/json'], parses: ['application/json'] }, 200, { Allow: allow.join(', ') }),
    );
    this.#patterns.push(
      new RegExp(`^${path.replace(/:\w+(\{([^}]+)\})?/g, (_, __, re?: string) => `(?:${re ?? '[^/]+'})`)}$`),
    );
  }

  /** True when `path` is one of the registered routes (used to spot a missing trailing slash). */
  matches(path: string): boolean {
    return this.#patterns.some((pattern) => pattern.test(path));
  }
}

/** Hono's pattern for a param of kind `uuid`: hex and dashes (the handler checks the UUID itself). */
const UUID_SEGMENT = '[0-9a-fA-F-]+';

/**
 * Registers the routes of one of core's endpoint tables (`v1Endpoints`, `v3Endpoints`, the generated
 * `v3Operations`), each with its handler (`{sessionId}` becomes Hono's `:sessionId`, and a param of
 * kind `uuid` one that only matches hex, so `/cases/statistics/` never reaches `/cases/{case_uuid}/`),
 * so no Didit path is written here twice.
 * Entries the app's own proxy serves (`servedBy: 'proxy'`, the event stream) are not Didit's and
 * are skipped; any other entry without a handler is a mistake, refused when the app is built.
 */
export function registerEndpoints<Name extends string>(
  routes: RouteTable,
  table: Readonly<Record<Name, Endpoint>>,
  handlers: Partial<Record<Name, RouteHandler>>,
  options: RouteOptions,
): void {
  const byPath = new Map<string, Partial<Record<Method, RouteHandler>>>();
  for (const [name, endpoint] of Object.entries(table) as [Name, Endpoint][]) {
    if (endpoint.servedBy === 'proxy') continue;
    const handler = handlers[name];
    if (handler === undefined) throw new Error(`didit mock server: no handler for ${endpoint.name}`);
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      endpoint.params?.[name] === 'uuid' ? `:${name}{${UUID_SEGMENT}}` : `:${name}`,
    );
    const methods = byPath.get(path) ?? {};
    methods[endpoint.method as Method] = handler;
    byPath.set(path, methods);
  }
  for (const [path, methods] of byPath) routes.define(path, methods, options);
}

/** A request with a scenario: its delay, then the route (PASS), or the fault's own answer. */
async function afterScenario(out: Response | Promise<Response>, next: Next): Promise<Response | undefined> {
  const response = await out;
  if (response !== PASS) return response;
  await next();
  return undefined;
}
