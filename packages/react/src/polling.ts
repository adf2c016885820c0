import { InvalidArgumentError, isTerminalStatus } from '@didit-kit/core';

/**
 * Between polls while a session is not final. Didit allows 100 decision requests a minute per API key,
 * shared by every browser behind one proxy: at 10 s a watching page costs 6 a minute (about 16 at once).
 */
export const DEFAULT_POLL_INTERVAL_MS = 10_000;
/** Between polls while a person reviews the session, which often takes hours. */
export const DEFAULT_REVIEW_POLL_INTERVAL_MS = 60_000;

export interface SessionDecisionPollingOptions {
  /** Milliseconds between polls while the session is not final. `false`: no polling. Default 10 000. */
  pollIntervalMs?: number | false | undefined;
  /** Milliseconds between polls while the status is `In Review`. `false`: stop polling in review. Default 60 000. */
  reviewPollIntervalMs?: number | false | undefined;
}

function interval(name: string, value: number | false | undefined, fallback: number): number | false {
  if (value === undefined) return fallback;
  if (value === false) return false;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`${name} must be a number of milliseconds > 0, or false; got ${String(value)}`);
  }
  return value;
}

/**
 * TanStack's `refetchInterval` as a function of the Query (not only its data), so it can see an error:
 * stop on a final status or a failed fetch, poll slower while in review, normally otherwise.
 */
export function decisionRefetchInterval(
  options: SessionDecisionPollingOptions,
): (query: PolledQuery) => number | false {
  const normal = interval('pollIntervalMs', options.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS);
  // With polling off, polling in review is off too unless it is asked for explicitly.
  const review =
    normal === false && options.reviewPollIntervalMs === undefined
      ? false
      : interval('reviewPollIntervalMs', options.reviewPollIntervalMs, DEFAULT_REVIEW_POLL_INTERVAL_MS);
  return (query) => {
    if (query.state.status === 'error') return false;
    const status = query.state.data?.status;
    if (isTerminalStatus(status)) return false;
    return status === 'In Review' ? review : normal;
  };
}

/** The part of TanStack's `Query` the polling rule reads. */
interface PolledQuery {
  readonly state: {
    readonly status: string;
    readonly data?: { readonly status?: string | null | undefined } | undefined;
  };
}
