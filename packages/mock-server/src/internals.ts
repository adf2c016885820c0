import type { TokenIssuer } from './auth.ts';
import type { SessionStore } from './store.ts';
import type { Timers } from './timers.ts';
import type { V3Webhooks } from './v3-webhooks.ts';
import type { WebhookSender } from './webhooks.ts';

/** What `startMockServer` (and tests) need of an app beyond its routes. Not public API. */
export interface MockInternals {
  readonly store: SessionStore;
  readonly tokens: TokenIssuer;
  readonly timers: Timers;
  readonly webhooks: WebhookSender | undefined;
  /** v3 destinations (and the legacy URL for v3 sessions). */
  readonly v3Webhooks: V3Webhooks;
  /** Cancels pending delays and retries and aborts webhook requests in flight. */
  dispose(): void;
}

const registry = new WeakMap<object, MockInternals>();

export function registerInternals(app: object, internals: MockInternals): void {
  registry.set(app, internals);
}

export function internalsOf(app: object): MockInternals | undefined {
  return registry.get(app);
}
