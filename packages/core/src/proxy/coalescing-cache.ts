/**
 * Shares one load between concurrent callers of the same key (one request in flight, never N)
 * and keeps its result for as long as `ttlMs(result)` says. Bounded: past `maxEntries` the
 * oldest entries go first. `load` must not reject (results carry their own errors).
 */
export class CoalescingCache<V> {
  readonly #entries = new Map<string, { value: Promise<V>; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(maxEntries: number, now: () => number = Date.now) {
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get(key: string, load: () => Promise<V>, ttlMs: (value: V) => number): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > this.#now()) return hit.value;

    // In flight: shared by every caller until it settles.
    const entry = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#evict();
    entry.value.then(
      (value) => {
        if (this.#entries.get(key) !== entry) return;
        const ttl = ttlMs(value);
        if (ttl > 0) entry.expiresAt = this.#now() + ttl;
        else this.#entries.delete(key);
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.value;
  }

  /** Forgets `key`, so the next `get` loads afresh (a request already in flight still settles for its callers). */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  #evict(): void {
    if (this.#entries.size <= this.#maxEntries) return;
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
    // Map order is insertion order: the first keys are the oldest.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(key);
    }
  }
}
