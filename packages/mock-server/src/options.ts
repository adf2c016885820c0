import { type Clock, systemClock } from './clock.ts';
import { type Latency, MAX_DELAY_MS } from './faults.ts';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL_SEC } from './v1/auth.ts';
import { DEFAULT_API_KEY } from './v3/auth.ts';
import { DEFAULT_BALANCE } from './v3/records/billing.ts';
import { isHttpUrl } from './validation.ts';
import type { WebhookDestinationOptions } from './webhooks/destinations.ts';
import { DEFAULT_WEBHOOK_RETRY_DELAYS_MS } from './webhooks/queue.ts';

// `createMockApp`'s options, and their checks: a bad option is refused when the app is built.

export interface MockAppOptions {
  /** Default `mock-client-id`. */
  clientId?: string | undefined;
  /** Default `mock-client-secret`. */
  clientSecret?: string | undefined;
  /** Lifetime of an access token, in seconds. Default 86 400 (24 h), as Didit's. */
  tokenTtlSec?: number | undefined;
  /** A folder of extra decision fixtures (`*.json`); one with a built-in `session_id` replaces it. */
  fixturesDir?: string | undefined;
  /** Added to every `/v1` response, in ms: a number, or `[min, max]` for a random delay in that range. */
  latency?: Latency | undefined;
  /** Share of `/v1` requests (0 to 1) that fail at random: 429, 500, 502, 503 or a dropped connection. */
  errorRate?: number | undefined;
  /**
   * With `errorRate`, adds a sixth kind of failure to the mix: an ordinary answer held back this many
   * ms, so a client whose timeout is shorter times out. Default 0: not in the mix.
   */
  slowMs?: number | undefined;
  /** Seeds the random latency and failures, so a run repeats exactly. Default 1. */
  seed?: number | undefined;
  /** The `/__mock/` admin routes. Default true; false makes them 404. */
  admin?: boolean | undefined;
  /** The clock (ms since the epoch) for token expiry and timestamps. Default `Date.now`. */
  now?: Clock | undefined;
  /**
   * The origin the hosted page is reached at, for the `url` of new sessions. Default: the origin
   * of each request (right unless a proxy in front rewrites the host).
   */
  publicUrl?: string | undefined;
  /** Where to POST signed webhook deliveries (on create and every status change). Needs `webhookSecret`. */
  webhookUrl?: string | undefined;
  /** The secret the deliveries are signed with (HMAC-SHA256). */
  webhookSecret?: string | undefined;
  /** Waits before each retry of a delivery the receiver answered 5xx or 404 (or did not answer). Default `[1000, 5000]`. */
  webhookRetryDelaysMs?: readonly number[] | undefined;
  /**
   * v3 webhook destinations, as Didit's `POST /v3/webhook/destinations/`: each with its URL, secret
   * (default: a random one), `webhookVersion` (`v1`, `v2` or `v3`, default `v3`) and
   * `subscribedEvents` (default `status.updated` and `data.updated`). While one is configured (here or
   * with `POST /__mock/webhook-destinations`), `webhookUrl` receives nothing.
   */
  webhookDestinations?: readonly WebhookDestinationOptions[] | undefined;
  /** The `x-api-key` the `/v3/` routes accept. Default `mock-api-key`. */
  apiKey?: string | undefined;
  /** The status of a `/v3/` request with a missing or wrong key: 403 as Didit's OpenAPI (default), or 401. */
  authFailureStatus?: 401 | 403 | undefined;
  /** The credit balance in USD (`GET /v3/billing/balance/`) that each standalone check draws on. Default 100. */
  initialBalance?: number | undefined;
  /**
   * Refuse a session on a `workflow_id` the mock does not hold (`{"workflow_id": "Invalid workflow_id."}`),
   * as Didit does. Default false: an unknown id is made a KYC workflow on the spot, and `log` is told
   * (a deleted one is always refused).
   */
  strictWorkflows?: boolean | undefined;
  /**
   * Where the mock says what a real Didit would have sent someone (the email and phone codes of the
   * standalone checks), and where it answers more kindly than Didit (a workflow made for an unknown
   * `workflow_id`), one line each. Default: nowhere (`GET /__mock/verification-codes` has the codes too).
   */
  log?: ((line: string) => void) | undefined;
}

export interface ResolvedOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSec: number;
  fixturesDir: string | undefined;
  latency: Latency;
  errorRate: number;
  slowMs: number;
  seed: number | undefined;
  admin: boolean;
  now: Clock;
  publicUrl: string | undefined;
  /** The legacy application URL and its secret. */
  webhook: { url: string; secret: string } | undefined;
  webhookDestinations: readonly WebhookDestinationOptions[];
  retryDelaysMs: readonly number[];
  apiKey: string;
  authFailureStatus: 401 | 403;
  initialBalance: number;
  strictWorkflows: boolean;
  log: ((line: string) => void) | undefined;
}

export function resolveOptions(options: MockAppOptions): ResolvedOptions {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  if (typeof clientId !== 'string' || clientId === '' || clientId.includes(':')) {
    throw new TypeError('clientId must be a non-empty string without ":" (Basic auth splits on the first colon)');
  }
  if (typeof clientSecret !== 'string' || clientSecret === '') {
    throw new TypeError('clientSecret must be a non-empty string');
  }
  const tokenTtlSec = options.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC;
  if (!Number.isInteger(tokenTtlSec) || tokenTtlSec <= 0) {
    throw new RangeError(`tokenTtlSec must be a whole number of seconds > 0; got ${tokenTtlSec}`);
  }
  const latency = options.latency ?? 0;
  const [min, max] = typeof latency === 'number' ? [latency, latency] : latency;
  if (!(min >= 0 && max >= min && max <= MAX_DELAY_MS)) {
    throw new RangeError(`latency must be ms (or [min, max]) between 0 and ${MAX_DELAY_MS}; got ${String(latency)}`);
  }
  const errorRate = options.errorRate ?? 0;
  if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`errorRate must be between 0 and 1; got ${errorRate}`);
  const slowMs = options.slowMs ?? 0;
  if (!(Number.isInteger(slowMs) && slowMs >= 0 && slowMs <= MAX_DELAY_MS)) {
    throw new RangeError(`slowMs must be whole ms between 0 and ${MAX_DELAY_MS}; got ${slowMs}`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new RangeError(`seed must be an integer; got ${options.seed}`);
  }
  let publicUrl: string | undefined;
  if (options.publicUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.publicUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new TypeError(`publicUrl must be an http(s) URL; got ${JSON.stringify(options.publicUrl)}`);
    }
    publicUrl = url.origin;
  }
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  if (typeof apiKey !== 'string' || apiKey === '') throw new TypeError('apiKey must be a non-empty string');
  const authFailureStatus = options.authFailureStatus ?? 403;
  if (authFailureStatus !== 401 && authFailureStatus !== 403) {
    throw new RangeError(`authFailureStatus must be 401 or 403; got ${String(authFailureStatus)}`);
  }
  const initialBalance = options.initialBalance ?? DEFAULT_BALANCE;
  if (!(Number.isFinite(initialBalance) && initialBalance >= 0)) {
    throw new RangeError(`initialBalance must be USD >= 0; got ${String(initialBalance)}`);
  }
  return {
    apiKey,
    authFailureStatus,
    initialBalance,
    strictWorkflows: options.strictWorkflows === true,
    log: typeof options.log === 'function' ? options.log : undefined,
    webhook: resolveWebhook(options),
    webhookDestinations: resolveDestinations(options),
    retryDelaysMs: resolveRetryDelays(options),
    clientId,
    clientSecret,
    tokenTtlSec,
    fixturesDir: options.fixturesDir,
    latency,
    errorRate,
    slowMs,
    seed: options.seed,
    admin: options.admin ?? true,
    now: options.now ?? systemClock,
    publicUrl,
  };
}

function resolveWebhook(options: MockAppOptions): ResolvedOptions['webhook'] {
  const { webhookUrl: url, webhookSecret: secret } = options;
  if (url === undefined) {
    if (secret !== undefined) throw new TypeError('webhookSecret is set but webhookUrl is not');
    return undefined;
  }
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    throw new TypeError('webhookUrl must be an http(s) URL');
  }
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('webhookUrl needs webhookSecret (a non-empty string) to sign the deliveries');
  }
  return { url, secret };
}

/** A list; each destination is checked where it is added (webhooks/destinations.ts). */
function resolveDestinations(options: MockAppOptions): readonly WebhookDestinationOptions[] {
  const destinations = options.webhookDestinations ?? [];
  if (!Array.isArray(destinations)) throw new TypeError('webhookDestinations must be a list');
  return destinations;
}

function resolveRetryDelays(options: MockAppOptions): readonly number[] {
  const retryDelaysMs = options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
  if (
    !Array.isArray(retryDelaysMs) ||
    !retryDelaysMs.every((ms) => Number.isFinite(ms) && ms >= 0 && ms <= MAX_DELAY_MS)
  ) {
    throw new RangeError(`webhookRetryDelaysMs must be a list of ms between 0 and ${MAX_DELAY_MS}`);
  }
  return [...retryDelaysMs];
}
