import type { DecisionHub } from '../realtime/decision-hub.ts';
import type { ProxyResult } from './proxy-result.ts';

/**
 * How long, by default, a session's open streams may go without news (a webhook's decision, or a
 * read) before the proxy reads its decision again: longer than most steps of a verification, so
 * while webhooks arrive the re-check reads nothing.
 */
export const DEFAULT_RECHECK_INTERVAL_MS = 120_000;
/**
 * The proxy's decision reads a minute, by default, past which no re-check is made: a fifth of
 * Didit's decision limit (100 a minute per application), the rest left to the app's own traffic.
 */
export const DEFAULT_RECHECK_PER_MINUTE = 20;

const MINUTE_MS = 60_000;

export interface DecisionRecheckOptions {
  hub: DecisionHub;
  intervalMs: number;
  perMinute: number;
  now: () => number;
}

/**
 * Keeps open streams right when webhooks stop arriving (a wrong secret, a body parser in front of
 * the webhook route, Didit unable to reach the app): while a session has streams open here, its
 * decision is read again now and then, and a change is published to the hub as a webhook would.
 *
 * One timer and one budget for every stream, not a timer per page: a read is made only while the
 * proxy's decision reads of the last minute (polls and stream openings included) are under
 * `perMinute`, one every `60 000 / perMinute` ms at most, each time for the session without news
 * the longest, and only once it has had none for `intervalMs` (a webhook's decision is news too:
 * while webhooks arrive, nothing is read).
 */
export class DecisionRecheck {
  readonly #options: DecisionRecheckOptions;
  /** Per watched session: its open streams, when it was last read, how, and the decision last seen. */
  readonly #watched = new Map<
    string,
    { streams: number; readAt: number; read: () => Promise<ProxyResult>; known: string }
  >();
  /** When each of the proxy's decision reads of the last minute started. */
  readonly #reads: number[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #busy = false;

  constructor(options: DecisionRecheckOptions) {
    this.#options = options;
  }

  /** Counts one of the proxy's upstream decision reads against the budget. */
  counted(): void {
    this.#reads.push(this.#options.now());
  }

  /**
   * A stream opened on this session, whose decision was just read; returns the end of it. `read` is
   * the proxy's own read of the decision (its cache, its 429 hold, its error reports), whose result's
   * `readAt` says when the decision was current. `first` is the decision the stream started from.
   * `seen()` says a decision reached the session's streams (a webhook's): no read is due before
   * `intervalMs` more; `end()` ends this stream's watch.
   */
  watch(sessionKey: string, read: () => Promise<ProxyResult>, first: string): { seen: () => void; end: () => void } {
    const entry = this.#watched.get(sessionKey) ?? { streams: 0, readAt: this.#options.now(), read, known: first };
    entry.streams++;
    this.#watched.set(sessionKey, entry);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => void this.#tick(), MINUTE_MS / this.#options.perMinute);
      // The re-check alone must not keep a process alive (edge runtimes return a number: no unref).
      (this.#timer as { unref?: () => void }).unref?.();
    }
    let done = false;
    const seen = () => {
      entry.readAt = this.#options.now();
    };
    const end = () => {
      if (done) return;
      done = true;
      if (--entry.streams > 0) return;
      this.#watched.delete(sessionKey);
      if (this.#watched.size === 0) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
    return { seen, end };
  }

  async #tick(): Promise<void> {
    const now = this.#options.now();
    while (this.#reads.length > 0 && this.#reads[0]! <= now - MINUTE_MS) this.#reads.shift();
    if (this.#busy || this.#reads.length >= this.#options.perMinute) return;
    let due: string | undefined;
    let oldest = now - this.#options.intervalMs;
    for (const [key, entry] of this.#watched) {
      if (entry.readAt <= oldest) [due, oldest] = [key, entry.readAt];
    }
    if (due === undefined) return;
    const entry = this.#watched.get(due)!;
    entry.readAt = now;
    this.#busy = true;
    try {
      const result = await entry.read();
      if (result.status !== 200 || typeof result.body !== 'string') return;
      const { hub } = this.#options;
      // What the streams have: the hub's latest, else the decision they started from (read, not published).
      const known = (await hub.latest(due))?.decision ?? entry.known;
      entry.known = result.body;
      if (known !== result.body) await hub.publish(due, result.body, result.readAt ?? now);
    } catch {
      // The read's own failures are the proxy's to log; a hub that is down is tried again next time.
    } finally {
      this.#busy = false;
    }
  }
}
