/**
 * Sleeps the app can cancel: `startMockServer().close()` ends every pending fault delay and
 * webhook retry, so a closed server never keeps a process (or a test run) alive.
 */
export class Timers {
  readonly #pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  #closed = false;

  /** True after `cancelAll()`: work that was waiting should stop rather than carry on. */
  get closed(): boolean {
    return this.#closed;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve();
      }, ms);
      this.#pending.set(timer, resolve);
    });
  }

  /** Ends every pending sleep now (they resolve, so their handlers finish quietly). */
  cancelAll(): void {
    this.#closed = true;
    for (const [timer, resolve] of this.#pending) {
      clearTimeout(timer);
      resolve();
    }
    this.#pending.clear();
  }
}
