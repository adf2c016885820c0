import { InvalidArgumentError } from '../errors.ts';
import {
  DEFAULT_DECISION_RETENTION_MS,
  type DecisionHub,
  type DecisionListener,
  type DecisionSnapshot,
  decisionSnapshot,
  sessionKey,
  snapshotTime,
} from './decision-hub.ts';
import { LocalFanout } from './local-fanout.ts';

export interface MemoryDecisionHubOptions {
  /** How long a session's latest decision is kept after its last publish, in ms. Default a day. */
  retentionMs?: number | undefined;
  /** The most sessions whose latest decision is kept (the oldest published goes first). Default 10 000. */
  maxSessions?: number | undefined;
  /** The most webhook event keys remembered at once (the oldest goes first). Default 100 000. */
  maxEvents?: number | undefined;
  /** The clock, in epoch ms, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * The default hub: decisions, subscribers and webhook event keys in this process's memory,
 * bounded in size and time. Right for one server process; with several instances behind a load
 * balancer, a webhook reaches only the instance that received it: use `RedisDecisionHub` then.
 */
export class MemoryDecisionHub implements DecisionHub {
  readonly #fanout = new LocalFanout();
  /** Insertion order is publish order, so the first entry is the one to evict. */
  readonly #latest = new Map<string, { snapshot: DecisionSnapshot; expiresAt: number }>();
  readonly #events = new Map<string, number>();
  readonly #retentionMs: number;
  readonly #maxSessions: number;
  readonly #maxEvents: number;
  readonly #now: () => number;

  constructor(options: MemoryDecisionHubOptions = {}) {
    this.#retentionMs = positive('retentionMs', options.retentionMs ?? DEFAULT_DECISION_RETENTION_MS);
    this.#maxSessions = positive('maxSessions', options.maxSessions ?? 10_000);
    this.#maxEvents = positive('maxEvents', options.maxEvents ?? 100_000);
    this.#now = options.now ?? Date.now;
  }

  async latest(sessionId: string): Promise<DecisionSnapshot | undefined> {
    return this.#stored(sessionKey(sessionId));
  }

  #stored(key: string): DecisionSnapshot | undefined {
    const entry = this.#latest.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#latest.delete(key);
      return undefined;
    }
    return entry.snapshot;
  }

  async publish(sessionId: string, decision: string, at?: number): Promise<DecisionSnapshot> {
    const key = sessionKey(sessionId);
    const snapshot = await decisionSnapshot(decision, snapshotTime(at, this.#now));
    // Compared and stored in one synchronous step, after the hash's await: no publish comes in between.
    const stored = this.#stored(key);
    if (stored !== undefined && stored.at > snapshot.at) return stored;
    this.#latest.delete(key);
    this.#latest.set(key, { snapshot, expiresAt: this.#now() + this.#retentionMs });
    evictOldest(this.#latest, this.#maxSessions);
    this.#fanout.deliver(key, snapshot);
    return snapshot;
  }

  async subscribe(sessionId: string, listener: DecisionListener): Promise<() => void> {
    const key = sessionKey(sessionId);
    this.#fanout.add(key, listener);
    return () => {
      this.#fanout.remove(key, listener);
    };
  }

  async claimEvent(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const until = this.#events.get(key);
    if (until !== undefined && until > now) return false;
    this.#events.delete(key);
    this.#events.set(key, now + ttlMs);
    evictOldest(this.#events, this.#maxEvents);
    return true;
  }

  async releaseEvent(key: string): Promise<void> {
    this.#events.delete(key);
  }
}

function evictOldest(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

function positive(name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0)) {
    throw new InvalidArgumentError(`MemoryDecisionHub: ${name} must be a number > 0`);
  }
  return value;
}
