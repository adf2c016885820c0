import type { Endpoint } from '@didit-kit/core/server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { notFound } from '../drf.ts';
import type { FaultInjector } from '../faults.ts';
import type { JsonObject } from '../json.ts';
import type { MockEnv, RouteHandler, RouteTable } from '../routing.ts';
import { registerEndpoints } from '../routing.ts';
import type { ApiKeyCheck } from './auth.ts';
import { exampleAnswer, personalise } from './example-answer.ts';
import { OPERATION_KEYS, OPERATIONS, type OperationKey } from './operations.ts';
import { readOperationBody } from './request-body.ts';
import { namedExample, responsesOf } from './spec/openapi.ts';

// Every operation of core's generated `v3Operations` table, registered with `registerEndpoints`:
// each request is authenticated as its entry says (`x-api-key`; `X-Transaction-Token`; public),
// its uuid path params checked, its body read and checked with the entry's request schema (DRF's
// 400 shapes), and then answered by the operation's route: a stateful one (v3/records/), a
// deterministic rule (v3/checks/), or by default the spec's own 2xx example (example-answer.ts).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a route gets besides the context: the path params and the checked body (`{}` when none). */
export interface OperationInput {
  readonly params: Readonly<Record<string, string>>;
  readonly body: JsonObject;
}

export type OperationHandler = (c: Context<MockEnv>, input: OperationInput) => Response | Promise<Response>;

/**
 * How the mock answers an operation, for its README table: `stateful` (records kept and changed
 * across routes), `rule` (computed from the input, the same input giving the same answer), or
 * `example` (Didit's documented example for the operation).
 */
export type Behaviour = 'stateful' | 'rule' | 'example';

export interface OperationRoute {
  readonly behaviour: Behaviour;
  /** One line for the README's table: what the route does. */
  readonly what: string;
  readonly handle: OperationHandler;
}

export type OperationRoutes = Partial<Record<OperationKey, OperationRoute>>;

export interface OperationDeps {
  auth: ApiKeyCheck;
  /** `X-Transaction-Token` (the SDK's transaction routes): undefined when valid, else Didit's 401. */
  transactionToken: (c: Context<MockEnv>) => Response | undefined;
  faults: FaultInjector;
}

/** An operation nobody has given a route: the spec's example. */
function exampleRoute(endpoint: Endpoint): OperationRoute {
  return {
    behaviour: 'example',
    what: "Didit's example",
    handle: (c, { params, body }) => exampleAnswer(c, endpoint, params, body),
  };
}

/** Each operation's route: the given ones, the example for the rest. */
export function operationRoutes(given: OperationRoutes): Record<OperationKey, OperationRoute> {
  return Object.fromEntries(OPERATION_KEYS.map((key) => [key, given[key] ?? exampleRoute(OPERATIONS[key])])) as Record<
    OperationKey,
    OperationRoute
  >;
}

/** Registers every generated operation with its route (see `operationRoutes`). */
export function registerOperations(routes: RouteTable, given: OperationRoutes, deps: OperationDeps): void {
  const all = operationRoutes(given);
  const handlers = Object.fromEntries(
    OPERATION_KEYS.map((key) => [key, pipeline(OPERATIONS[key], all[key], deps)]),
  ) as Record<OperationKey, RouteHandler>;
  registerEndpoints(routes, OPERATIONS, handlers, { faults: deps.faults });
}

/**
 * Asks a route that is not stateful for one of the operation's documented examples by name (any
 * status: `X-Didit-Mock-Example: Declined - presentation attack`), as `sandbox_scenario` does for sessions.
 */
export const EXAMPLE_HEADER = 'x-didit-mock-example';

function exampleNamed(c: Context<MockEnv>, endpoint: Endpoint, name: string, input: OperationInput): Response {
  const found = namedExample(endpoint.method, endpoint.path, name);
  if (!found) {
    return c.json(
      { [EXAMPLE_HEADER]: [`${endpoint.method} ${endpoint.path} documents no example named ${JSON.stringify(name)}.`] },
      400,
    );
  }
  const body = personalise(found.body, endpoint, input.params, input.body);
  return c.json(body, found.status as ContentfulStatusCode);
}

/** Authentication, the path's ids, the body, then the route. */
function pipeline(endpoint: Endpoint, route: OperationRoute, deps: OperationDeps): RouteHandler {
  const uuidParams = Object.entries(endpoint.params ?? {})
    .filter(([, kind]) => kind === 'uuid')
    .map(([name]) => name);
  const failure = keyFailureStatus(endpoint);
  return async (c) => {
    const denied = authenticate(c, endpoint, deps, failure);
    if (denied) return denied;
    const params = c.req.param() as Record<string, string>;
    // A path id that is not a UUID never matches Django's `<uuid:...>` route.
    if (uuidParams.some((name) => !UUID.test(params[name] ?? ''))) return notFound(c);
    const read = await readOperationBody(c, endpoint);
    if (!read.ok) return read.response;
    const asked = route.behaviour === 'stateful' ? undefined : c.req.header(EXAMPLE_HEADER);
    if (asked !== undefined) return exampleNamed(c, endpoint, asked, { params, body: read.value });
    return route.handle(c, { params, body: read.value });
  };
}

function authenticate(
  c: Context<MockEnv>,
  endpoint: Endpoint,
  deps: OperationDeps,
  failure: 401 | 403 | undefined,
): Response | undefined {
  switch (endpoint.auth) {
    case 'none':
      return undefined;
    case 'transaction-token':
      return deps.transactionToken(c);
    default:
      return deps.auth(c, failure);
  }
}

/** A wrong key's status where the spec documents only 401 for it (else the app's, 403 by default). */
function keyFailureStatus(endpoint: Endpoint): 401 | undefined {
  const statuses = responsesOf(endpoint.method, endpoint.path).map((r) => r.status);
  return statuses.includes(401) && !statuses.includes(403) ? 401 : undefined;
}
