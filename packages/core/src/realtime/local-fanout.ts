import type { DecisionListener, DecisionSnapshot } from './decision-hub.ts';

/** This process's listeners per session: what both hubs deliver to. */
export class LocalFanout {
  readonly #listeners = new Map<string, Set<DecisionListener>>();

  /** Adds a listener; true when it is the session's first (a shared store then subscribes). */
  add(key: string, listener: DecisionListener): boolean {
    const set = this.#listeners.get(key);
    if (set) {
      set.add(listener);
      return false;
    }
    this.#listeners.set(key, new Set([listener]));
    return true;
  }

  /** Removes a listener; true when the session has none left (a shared store then unsubscribes). */
  remove(key: string, listener: DecisionListener): boolean {
    const set = this.#listeners.get(key);
    if (!set?.delete(listener)) return false;
    if (set.size > 0) return false;
    this.#listeners.delete(key);
    return true;
  }

  has(key: string): boolean {
    return this.#listeners.has(key);
  }

  keys(): string[] {
    return [...this.#listeners.keys()];
  }

  /** Every listener gets the same snapshot object; one that throws does not stop the others. */
  deliver(key: string, snapshot: DecisionSnapshot): void {
    const set = this.#listeners.get(key);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(snapshot);
      } catch {
        // A listener's own failure (a closed stream) is its own business.
      }
    }
  }
}
