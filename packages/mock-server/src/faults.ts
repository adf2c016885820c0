import { v1Endpoints } from '@didit-kit/core/server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Clock, epochSeconds } from './clock.ts';
import { detail, NOT_FOUND, PERMISSION_DENIED, SERVER_ERROR } from './drf.ts';
import { seededRandom } from './random.ts';
import type { Timers } from './timers.ts';

// Fault injection, per request (a `Prefer` header, or `?__mock=` for a browser) or server-wide
// (`latency`, `errorRate`, reproducible with `seed`). Modelled on Prism's `Prefer: code=...`
// and MSW's `delay`.

export const FAULT_CODES = [400, 401, 403, 404, 429, 500, 502, 503, 504] as const;
export type FaultCode = (typeof FAULT_CODES)[number];

export const MAX_DELAY_MS = 60_000;
export const MAX_RETRY_AFTER_SEC = 3_600;
/** Seconds in `Retry-After` when a scenario does not say. */
export const DEFAULT_RETRY_AFTER_SEC = 1;

/** Every value the `Prefer` header and `?__mock=` accept (the 422 body lists them). */
export const VALID_SCENARIOS: readonly string[] = [
  ...FAULT_CODES.map((code) => `code=${code}`),
  `delay=<milliseconds, 0-${MAX_DELAY_MS}>`,
  'fail=connection',
  `retry-after=<seconds, 0-${MAX_RETRY_AFTER_SEC}, for code=429 or code=503>`,
];

/** What one request should suffer. */
export interface Scenario {
  code?: FaultCode;
  delayMs?: number;
  dropConnection?: boolean;
  retryAfterSec?: number;
}

export type ParsedScenario = { scenario: Scenario | undefined } | { invalid: string[] };

/**
 * Parses `Prefer` values such as `code=429`, `delay=200, code=503` or `fail=connection`
 * (several headers, `,` or `;` between them, optional quotes). Later sources win per key.
 */
export function parseScenario(...sources: (string | undefined)[]): ParsedScenario {
  const scenario: Scenario = {};
  const invalid: string[] = [];
  let any = false;
  for (const source of sources) {
    if (source === undefined) continue;
    for (const raw of source.split(/[,;]/)) {
      const token = raw.trim();
      if (token === '') continue;
      any = true;
      const eq = token.indexOf('=');
      const key = (eq < 0 ? token : token.slice(0, eq)).trim().toLowerCase();
      const value = (eq < 0 ? '' : token.slice(eq + 1)).trim().replace(/^"(.*)"$/, '$1');
      if (!applyToken(scenario, key, value)) invalid.push(token.length > 80 ? `${token.slice(0, 80)}…` : token);
    }
  }
  if (invalid.length > 0) return { invalid };
  return { scenario: any ? scenario : undefined };
}

function applyToken(scenario: Scenario, key: string, value: string): boolean {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  switch (key) {
    case 'code':
      if (!(FAULT_CODES as readonly number[]).includes(number)) return false;
      scenario.code = number as FaultCode;
      return true;
    case 'delay':
      if (!(number >= 0 && number <= MAX_DELAY_MS)) return false;
      scenario.delayMs = number;
      return true;
    case 'fail':
      if (value.toLowerCase() !== 'connection') return false;
      scenario.dropConnection = true;
      return true;
    case 'retry-after':
      if (!(number >= 0 && number <= MAX_RETRY_AFTER_SEC)) return false;
      scenario.retryAfterSec = number;
      return true;
    default:
      return false;
  }
}

export type Latency = number | readonly [min: number, max: number];

export interface ChaosOptions {
  latency?: Latency | undefined;
  errorRate?: number | undefined;
  seed?: number | undefined;
  /** Adds a sixth failure to the mix: an ordinary answer held back this long (past a client's timeout). 0: none. */
  slowMs?: number | undefined;
}

const CHAOS_FAULTS: readonly Scenario[] = [
  { code: 429 },
  { code: 500 },
  { code: 502 },
  { code: 503 },
  { dropConnection: true },
];

/** Server-wide latency and random failures, drawn from a seeded PRNG: the same seed gives the same run. */
export class Chaos {
  readonly #random: () => number;
  readonly #latency: readonly [number, number];
  readonly #errorRate: number;
  readonly #faults: readonly Scenario[];

  constructor(options: ChaosOptions) {
    this.#random = seededRandom(options.seed ?? DEFAULT_SEED);
    const latency = options.latency ?? 0;
    this.#latency = typeof latency === 'number' ? [latency, latency] : [latency[0], latency[1]];
    this.#errorRate = options.errorRate ?? 0;
    // Only when asked for, so the runs of a given seed without it stay exactly as they were.
    this.#faults = options.slowMs ? [...CHAOS_FAULTS, { delayMs: options.slowMs }] : CHAOS_FAULTS;
  }

  get active(): boolean {
    return this.#latency[1] > 0 || this.#errorRate > 0;
  }

  /** The next request's fate, or undefined for a normal answer. */
  next(): Scenario | undefined {
    const [min, max] = this.#latency;
    const delayMs = max > min ? Math.round(min + this.#random() * (max - min)) : min;
    const fault = this.#errorRate > 0 && this.#random() < this.#errorRate ? this.#pickFault() : undefined;
    if (delayMs === 0 && fault === undefined) return undefined;
    // A slow answer's own delay comes on top of the latency.
    return { ...fault, delayMs: delayMs + (fault?.delayMs ?? 0) };
  }

  #pickFault(): Scenario {
    return this.#faults[Math.floor(this.#random() * this.#faults.length)] ?? { code: 500 };
  }
}

export const DEFAULT_SEED = 1;

/** Thrown (and re-thrown by the app's error handler) to simulate a dropped connection. */
export class ConnectionDroppedError extends Error {
  override readonly name = 'ConnectionDroppedError';
  constructor() {
    super('didit mock server: connection dropped on purpose (fail=connection)');
  }
}

export interface FaultOptions {
  /** Server-wide faults; undefined where only explicit scenarios apply (the token route). */
  chaos: Chaos | undefined;
  /** Error bodies in the token endpoint's OAuth shape rather than DRF's. */
  oauth: boolean;
  now: Clock;
  timers: Timers;
}

/**
 * Runs a route behind a request's scenario (or the server-wide chaos). Without one it calls
 * `route` directly and returns what it returns, so a synchronous route stays synchronous: that
 * keeps @hono/node-server on its fast path for the polled decision route (bench/README.md).
 */
export type FaultInjector = (c: Context, route: () => Response | Promise<Response>) => Response | Promise<Response>;

export function faultInjector(options: FaultOptions): FaultInjector {
  return (c, route) => {
    // Later sources win per key: the header over the query.
    const parsed = parseScenario(c.req.query('__mock'), c.req.header('prefer'));
    if ('invalid' in parsed) {
      return c.json(
        {
          detail: `Unknown mock scenario ${parsed.invalid.map((v) => JSON.stringify(v)).join(', ')}. Valid values: ${VALID_SCENARIOS.join(', ')}.`,
          valid: VALID_SCENARIOS,
        },
        422,
      );
    }
    // An explicit scenario replaces the server-wide chaos for that request.
    const scenario = parsed.scenario ?? (options.chaos?.active ? options.chaos.next() : undefined);
    if (scenario === undefined) return route();
    return suffer(c, scenario, options, route);
  };
}

async function suffer(
  c: Context,
  scenario: Scenario,
  options: FaultOptions,
  route: () => Response | Promise<Response>,
): Promise<Response> {
  if (scenario.delayMs) await options.timers.sleep(scenario.delayMs);
  if (scenario.dropConnection) dropConnection(c);
  if (scenario.code !== undefined) return faultResponse(c, scenario, options);
  return route();
}

/**
 * Over HTTP (`@hono/node-server`), destroys the socket: the client sees the connection reset
 * with no response. In-process (`app.request`, `app.fetch`) there is no socket, so the call
 * rejects with `ConnectionDroppedError` instead, which a fetch-based client treats the same way.
 */
function dropConnection(c: Context): never {
  const env = c.env as { incoming?: { socket?: { destroy(): void } } } | undefined;
  env?.incoming?.socket?.destroy();
  throw new ConnectionDroppedError();
}

function faultResponse(c: Context, scenario: Scenario, options: FaultOptions): Response {
  const code = scenario.code!;
  const retryAfter = scenario.retryAfterSec;
  switch (code) {
    case 429: {
      const seconds = retryAfter ?? DEFAULT_RETRY_AFTER_SEC;
      return detail(
        c,
        429,
        `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        {
          'Retry-After': String(seconds),
          'X-RateLimit-Limit': String(rateLimitFor(c.req.method, c.req.path)),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(epochSeconds(options.now()) + seconds),
        },
      );
    }
    case 502:
    case 504:
      // A gateway answers these, not Django: HTML, as a load balancer sends it.
      return c.html(gatewayPage(code), code, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
    case 503:
      return detail(
        c,
        503,
        'Service temporarily unavailable, try again later.',
        retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
      );
    default:
      return options.oauth ? oauthFault(c, code) : detail(c, code, API_FAULT_DETAIL[code]);
  }
}

const API_FAULT_DETAIL: Record<Exclude<FaultCode, 429 | 502 | 503 | 504>, string> = {
  400: 'Malformed request.',
  401: 'Invalid token.',
  403: PERMISSION_DENIED,
  404: NOT_FOUND,
  500: SERVER_ERROR,
};

function oauthFault(c: Context, code: Exclude<FaultCode, 429 | 502 | 503 | 504>): Response {
  const bodies: Record<typeof code, { error: string; error_description: string }> = {
    400: { error: 'invalid_request', error_description: 'The request is malformed (mock scenario).' },
    401: { error: 'invalid_client', error_description: 'Client authentication failed (mock scenario).' },
    403: { error: 'unauthorized_client', error_description: 'This client may not use this grant (mock scenario).' },
    404: { error: 'not_found', error_description: 'Not found (mock scenario).' },
    500: { error: 'server_error', error_description: 'The authorization server failed (mock scenario).' },
  };
  return c.json(bodies[code], code as ContentfulStatusCode);
}

/** Didit's documented per-minute limits, reported in `X-RateLimit-Limit`. */
function rateLimitFor(method: string, path: string): number {
  if (method === 'GET' && path.endsWith('/decision/')) return 100;
  if (method === 'GET' && path.endsWith('/generate-pdf/')) return 50;
  if (method === v1Endpoints.create.method && path === v1Endpoints.create.path) return 600;
  if (method === 'GET' || method === 'HEAD') return 600;
  return 300;
}

function gatewayPage(code: 502 | 504): string {
  const title = code === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}
