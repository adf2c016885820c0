// The one bounded container every v3 record store keeps its records in: by id, in the order they
// were added, and never more than `cap` of them (the oldest go first), so a client looping on a
// create route cannot make the mock hold unbounded state, as the session store caps its sessions.

/** Records a store keeps unless it says otherwise. */
export const MAX_RECORDS = 10_000;

export class Collection<T> {
  readonly #cap: number;
  readonly #items = new Map<string, T>();

  constructor(cap = MAX_RECORDS) {
    this.#cap = cap;
  }

  get size(): number {
    return this.#items.size;
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** Adds (or replaces) a record; past the cap the oldest record goes. */
  set(id: string, value: T): T {
    this.#items.set(id, value);
    while (this.#items.size > this.#cap) this.#items.delete(this.#items.keys().next().value as string);
    return value;
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }

  /** Every record, oldest first. */
  values(): T[] {
    return [...this.#items.values()];
  }

  clear(): void {
    this.#items.clear();
  }
}

/**
 * Appends `item` to a record's log (activities, events, a timeline), keeping its newest `max`
 * entries: a client repeating an update cannot make one record grow without bound.
 */
export function appendBounded<T>(list: T[], item: T, max: number): T[] {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
  return list;
}
