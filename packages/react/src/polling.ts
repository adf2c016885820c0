import { InvalidArgumentError, isTerminalStatus, RateLimitError } from '@didit-kit/core';
import { mayPass } from './query-retry.ts';

/**
 * Between polls while a session is not final. Didit allows 100 decision requests a minute per API key,
 * shared by every browser behind one proxy: at 10 s a watching page costs 6 a minute (about 16 at once).
 */
export const DEFAULT_POLL_INTERVAL_MS = 10_000;
/** Between polls while a person reviews the session, which often takes hours. */
export const DEFAULT_REVIEW_POLL_INTERVAL_MS = 60_000;
/** The longest wait between polls while they keep failing (shorter than a longer `pollIntervalMs`). */
export const MAX_ERROR_POLL_INTERVAL_MS = 300_000;

export interface SessionDecisionPollingOptions {
  /** Milliseconds between polls while the session is not final. `false`: no polling. Default 10 000. */
  pollIntervalMs?: number | false | undefined;
  /** Milliseconds between polls while the status is `In Review`. `false`: stop polling in review. Default 60 000. */
  reviewPollIntervalMs?: number | false | undefined;
}

function interval(
  options: SessionDecisionPollingOptions,
  name: keyof SessionDecisionPollingOptions,
  fallback: number | false,
): number | false {
  const value = options[name] ?? fallback;
  // Number.isFinite is false for anything that is not a number (no coercion).
  if (value !== false && !(Number.isFinite(value) && value > 0)) {
    throw new InvalidArgumentError(`${name} must be a number of milliseconds > 0, or false; got ${value}`);
  }
  return value;
}

/** Per query: its `errorUpdateCount` at its last success, to count the failures since. */
const errorsAtLastSuccess = new WeakMap<object, number>();

/**
 * TanStack's `refetchInterval` as a function of the Query (not only its data), so it can see an error:
 * stop on a final status or an error that would recur; after a transient one (network, 5xx, 429)
 * keep polling, the wait doubling with each failure in a row (capped at 5 minutes, and never before
 * a 429's `Retry-After`), back to normal after a success; slower while in review.
 */
export function decisionRefetchInterval(
  options: SessionDecisionPollingOptions,
): (query: PolledQuery) => number | false {
  const normal = interval(options, 'pollIntervalMs', DEFAULT_POLL_INTERVAL_MS);
  // With polling off, polling in review is off too unless it is asked for explicitly.
  const review = interval(options, 'reviewPollIntervalMs', normal && DEFAULT_REVIEW_POLL_INTERVAL_MS);
  return (query) => {
    const { state } = query;
    const status = state.data?.status;
    const base = isTerminalStatus(status) ? false : status === 'In Review' ? review : normal;
    // Without data, TanStack puts an errored query back to 'pending' on each refetch: only a
    // success ends a run of failures.
    if (state.status === 'success') errorsAtLastSuccess.set(query, state.errorUpdateCount);
    if (state.status !== 'error' || base === false) return base;
    const { error } = state;
    const limited = error instanceof RateLimitError;
    // Only a failure that may pass (no connection, a 5xx, a 429) is polled through: a 404, a
    // 401/403, a ConfigurationError or a body that fails the schema would fail the same way again.
    if (!(limited || mayPass(error))) return false;
    const failures = state.errorUpdateCount - (errorsAtLastSuccess.get(query) ?? 0);
    const backoff = Math.min(base * 2 ** failures, MAX_ERROR_POLL_INTERVAL_MS);
    return Math.max(backoff, (limited && error.retryAfterMs) || 0);
  };
}

/** The part of TanStack's `Query` the polling rule reads. */
interface PolledQuery {
  readonly state: {
    readonly status: string;
    readonly data?: { readonly status?: string | null | undefined } | undefined;
    readonly error: unknown;
    readonly errorUpdateCount: number;
  };
}
