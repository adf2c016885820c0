import { raceAbort } from '../abort.ts';

/** Refresh this long before expiry at most (Didit's own demo uses 300 s)... */
const MAX_REFRESH_MARGIN_MS = 300_000;
/** ...and never more than this share of the token's lifetime, so short-lived tokens still get used. */
const MAX_REFRESH_MARGIN_SHARE = 0.1;

export interface IssuedToken {
  accessToken: string;
  expiresInSec: number;
}

/**
 * Holds the client-credentials access token: fetched once and shared by concurrent
 * callers (one request in flight, never N), refreshed shortly before it expires, and
 * dropped when the API refuses it.
 */
export class TokenManager {
  readonly #fetchToken: () => Promise<IssuedToken>;
  readonly #now: () => number;
  #token: { value: string; refreshAt: number } | undefined;
  #inflight: Promise<string> | undefined;

  constructor(fetchToken: () => Promise<IssuedToken>, now: () => number = Date.now) {
    this.#fetchToken = fetchToken;
    this.#now = now;
  }

  /** The cached token while it is fresh, without waiting a tick (the hot path of every call). */
  current(): string | undefined {
    return this.#token && this.#now() < this.#token.refreshAt ? this.#token.value : undefined;
  }

  /** A valid token, from the cache or from the one request in flight. */
  get(signal?: AbortSignal): Promise<string> {
    const cached = this.current();
    if (cached !== undefined) return Promise.resolve(cached);
    this.#inflight ??= this.#refresh();
    // A caller's abort ends its own wait, not the shared request other callers wait on.
    return signal ? raceAbort(this.#inflight, signal) : this.#inflight;
  }

  /** Forgets `token` after the API refused it, unless a newer one has already replaced it. */
  invalidate(token: string): void {
    if (this.#token?.value === token) this.#token = undefined;
  }

  async #refresh(): Promise<string> {
    try {
      const { accessToken, expiresInSec } = await this.#fetchToken();
      const lifetimeMs = Math.max(0, expiresInSec * 1000);
      const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * MAX_REFRESH_MARGIN_SHARE);
      this.#token = { value: accessToken, refreshAt: this.#now() + lifetimeMs - margin };
      return accessToken;
    } finally {
      this.#inflight = undefined;
    }
  }

  toJSON(): Record<string, unknown> {
    return { hasToken: this.#token !== undefined };
  }
}
