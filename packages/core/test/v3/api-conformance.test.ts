// Conformance of the whole v3 client to Didit's OpenAPI, table-driven from the spec itself
// (api-spec.ts reads it; nothing here reads the generator's output):
// - every operation of the spec has a method on the client, whose endpoint has the spec's method and path;
// - every method sends the spec's HTTP method, path and credential (x-api-key, Session-Token,
//   X-Transaction-Token or none) over real HTTP to the test kit's stand-in, which serves the spec's
//   own examples (`operations: 'all'`), and resolves;
// - every error status the spec documents for an operation rejects with our error class for it.
import { type Answer, type ServedDiditStandIn, startDiditStandIn } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  DiditClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '../../src/index.ts';
import {
  APPLICATION_ID,
  argsFor,
  endpointOf,
  examplesOf,
  expectedPath,
  OPERATIONS,
  ORGANIZATION_ID,
  SESSION_TOKEN,
  type SpecOperation,
  TRANSACTION_TOKEN,
} from './api-spec.ts';

const API_KEY = 'sk_test_Conformance0123456789abcdefghijklmnopqrstuv';

let standIn: ServedDiditStandIn;
let client: DiditClient<'v3'>;

beforeAll(async () => {
  standIn = await startDiditStandIn({ operations: 'all', apiKey: API_KEY });
  client = new DiditClient({
    apiKey: API_KEY,
    baseUrl: standIn.url,
    maxRetries: 0,
    organizationId: ORGANIZATION_ID,
    applicationId: APPLICATION_ID,
  });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

type Method = (...args: unknown[]) => Promise<unknown>;

/** The client's method for `o`: `client.<resource>.<verb>` (`client.sessions.<verb>` for the hand-written ones). */
function methodOf(o: SpecOperation): Method | undefined {
  const resource = (client as unknown as Record<string, Record<string, unknown> | undefined>)[o.resource];
  const method = resource?.[o.verb];
  return typeof method === 'function' ? (method.bind(resource) as Method) : undefined;
}

/** Calls `o`'s method as a user would, awaiting a list's first page. */
async function call(o: SpecOperation): Promise<unknown> {
  const method = methodOf(o);
  if (!method) throw new Error(`no method for ${o.operationId}`);
  return await method(...argsFor(o));
}

const label = (o: SpecOperation) => `${o.method} ${o.path} (${o.resource}.${o.verb}, ${o.auth})`;
const cases = OPERATIONS.map((o) => ({ name: label(o), o }));

describe('every operation of the spec has a method', () => {
  it('142 operations, each named in overrides.json and reachable as client.<resource>.<verb>', () => {
    expect(OPERATIONS).toHaveLength(142);
    const missing = OPERATIONS.filter((o) => !o.resource || !o.verb || methodOf(o) === undefined).map(
      (o) => o.operationId,
    );
    expect(missing).toEqual([]);
  });

  it('no two operations share a method', () => {
    const names = OPERATIONS.map((o) => `${o.resource}.${o.verb}`);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  for (const { name, o } of cases) {
    it(`${name}: its endpoint has the spec's method and path`, () => {
      const endpoint = endpointOf(o);
      expect(endpoint?.method).toBe(o.method);
      // The hand-written sessions table names its params in camelCase (`{sessionId}`).
      const shape = (path: string) => path.replace(/\{\w+\}/g, '{}');
      expect(shape(endpoint?.path ?? '')).toBe(shape(o.path));
    });
  }
});

describe("every method sends the spec's method, path and credential, and resolves", () => {
  for (const { name, o } of cases)
    it(name, async () => {
      await call(o);
      expect(standIn.requests).toHaveLength(1);
      const request = standIn.requests[0]!;
      expect(request.operationId).toBe(o.operationId);
      expect(request.method).toBe(o.method);
      expect(request.pathname).toBe(expectedPath(o));
      const { headers } = request;
      const sent = {
        apiKey: headers.get('x-api-key'),
        sessionToken: headers.get('session-token'),
        transactionToken: headers.get('x-transaction-token'),
      };
      const expected = {
        'api-key': { apiKey: API_KEY, sessionToken: null, transactionToken: null },
        'session-token': { apiKey: null, sessionToken: SESSION_TOKEN, transactionToken: null },
        'transaction-token': { apiKey: null, sessionToken: null, transactionToken: TRANSACTION_TOKEN },
        none: { apiKey: null, sessionToken: null, transactionToken: null },
      }[o.auth];
      expect(sent).toEqual(expected);
      // Required query params arrive.
      for (const param of o.queryParams.filter((p) => p.required)) expect(request.query.has(param.name)).toBe(true);
      // A body, when the operation takes one, arrives as the spec's media type.
      if (o.body && o.bodies.length === 1) expect(headers.get('content-type') ?? '').toContain(o.body.type);
    });
});

const AUTH_DETAILS = [
  'Authentication credentials were not provided or are invalid.',
  'Authentication credentials were not provided.',
  'This API key has expired.',
  'Invalid or missing API key',
];

/** Our error class for an error status Didit answers with this body. */
function errorClassFor(status: number, body: unknown): abstract new (...args: never[]) => APIError {
  if (status >= 300 && status < 400) return ConfigurationError; // a redirect of a path ending in "/"
  if (status === 400) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) {
    const detail = (body as { detail?: unknown } | null)?.detail;
    // Didit answers a refused key with 403 and one of these details: the credentials, not a permission.
    return typeof detail === 'string' && AUTH_DETAILS.includes(detail) ? AuthenticationError : PermissionDeniedError;
  }
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return APIError;
}

interface ErrorCase {
  name: string;
  o: SpecOperation;
  status: number;
  body: unknown;
}
const errorCases: ErrorCase[] = [];
const undocumented: ErrorCase[] = [];
for (const o of OPERATIONS) {
  if (!Object.keys(o.responses).some((code) => !/^2/.test(code))) {
    for (const status of [403, 404]) {
      undocumented.push({
        name: `${label(o)} → ${status} (not documented)`,
        o,
        status,
        body: { detail: 'Not found.' },
      });
    }
  }
  for (const [code, response] of Object.entries(o.responses)) {
    if (/^2/.test(code)) continue;
    const status = code === '5XX' ? 500 : Number(code);
    const [, example] = examplesOf(response.content?.['application/json'])[0] ?? [];
    errorCases.push({ name: `${label(o)} → ${code}`, o, status, body: example ?? { detail: `Didit's ${code}` } });
  }
}

describe('every error the spec documents per operation is our error class for it (a 403 and a 404 where it documents none)', () => {
  it('finds them: 280 error answers over 100 operations; 42 document none (travel rule, case management)', () => {
    // A refreshed spec that documents more changes these counts: look at what changed.
    expect(errorCases).toHaveLength(280);
    const without = OPERATIONS.filter((o) => !errorCases.some((c) => c.o === o));
    expect(without).toHaveLength(42);
    expect(without.every((o) => o.scoped || o.path.startsWith('/v3/travel-rule/'))).toBe(true);
  });

  for (const { name, o, status, body } of [...errorCases, ...undocumented])
    it(name, async () => {
      const redirect = status >= 300 && status < 400;
      const answer: Answer = redirect
        ? { status, headers: { location: `${standIn.url}${o.path}` }, body: '' }
        : { status, body };
      standIn.always('*', answer);
      const error = await call(o).then(
        () => undefined,
        (e: unknown) => e,
      );
      const expected = errorClassFor(status, body);
      expect(error).toBeInstanceOf(expected);
      expect((error as APIError).status).toBe(status);
      expect(standIn.requests).toHaveLength(1); // maxRetries: 0, and no redirect followed
      // No credential in what the error says.
      const said = `${(error as Error).message} ${JSON.stringify(error)}`;
      for (const secret of [API_KEY, SESSION_TOKEN, TRANSACTION_TOKEN]) expect(said).not.toContain(secret);
    });
});
