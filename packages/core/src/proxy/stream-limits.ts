/**
 * Event streams one proxy holds open at most, by default: each holds a socket (a file descriptor)
 * and a subscription; half of a common `ulimit -n` of 1024, so the rest of the server still has room.
 */
export const DEFAULT_MAX_STREAMS = 500;
/** Event streams one session may have open at once, by default: a user with a few tabs, never a flood. */
export const DEFAULT_MAX_STREAMS_PER_SESSION = 10;
/** How long a stream lives, by default, before it ends and EventSource reconnects (resuming where it was). */
export const DEFAULT_MAX_STREAM_LIFETIME_MS = 15 * 60_000;

/** A stream slot: `release` it once, when the stream ends or was never opened. */
export type StreamLease = { release: () => void; refused?: undefined } | { refused: 'session' | 'total' };

/**
 * Counts open event streams, overall and per session, so that one user opening thousands of streams
 * on their own session (each a socket and a file descriptor) is refused long before the server runs
 * out, while other sessions and the proxy's other routes are still served.
 */
export class StreamLimits {
  readonly #perSession = new Map<string, number>();
  #total = 0;
  readonly #maxTotal: number;
  readonly #maxPerSession: number;

  constructor(maxTotal: number, maxPerSession: number) {
    this.#maxTotal = maxTotal;
    this.#maxPerSession = maxPerSession;
  }

  acquire(sessionKey: string): StreamLease {
    const open = this.#perSession.get(sessionKey) ?? 0;
    if (open >= this.#maxPerSession) return { refused: 'session' };
    if (this.#total >= this.#maxTotal) return { refused: 'total' };
    this.#perSession.set(sessionKey, open + 1);
    this.#total++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#total--;
        const left = (this.#perSession.get(sessionKey) ?? 1) - 1;
        if (left > 0) this.#perSession.set(sessionKey, left);
        else this.#perSession.delete(sessionKey);
      },
    };
  }

  get open(): number {
    return this.#total;
  }
}
