// Wraps a real hub (not a mock: every call goes through) to count what the code under test did
// with it: publishes, claims, and subscriptions still open (a leak shows as a count above 0).
import type { DecisionHub, DecisionListener, DecisionSnapshot } from '../../../src/server.ts';

export class CountingHub implements DecisionHub {
  publishes: { sessionId: string; snapshot: DecisionSnapshot }[] = [];
  claims = 0;
  open = 0;

  constructor(readonly inner: DecisionHub) {}

  latest(sessionId: string) {
    return this.inner.latest(sessionId);
  }

  async publish(sessionId: string, decision: string, at?: number) {
    const snapshot = await this.inner.publish(sessionId, decision, at);
    this.publishes.push({ sessionId, snapshot });
    return snapshot;
  }

  async subscribe(sessionId: string, listener: DecisionListener) {
    const unsubscribe = await this.inner.subscribe(sessionId, listener);
    this.open++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.open--;
      unsubscribe();
    };
  }

  claimEvent(key: string, ttlMs: number) {
    this.claims++;
    return this.inner.claimEvent(key, ttlMs);
  }

  releaseEvent(key: string) {
    return this.inner.releaseEvent(key);
  }
}

/** Waits until `condition` holds (polling every 10 ms), failing after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
