import type { TokenIssuer } from './auth.ts';
import type { SessionStore } from './store.ts';
import type { Timers } from './timers.ts';

/** What `startMockServer` (and tests) need of an app beyond its routes. Not public API. */
export interface MockInternals {
  readonly store: SessionStore;
  readonly tokens: TokenIssuer;
  readonly timers: Timers;
}

const registry = new WeakMap<object, MockInternals>();

export function registerInternals(app: object, internals: MockInternals): void {
  registry.set(app, internals);
}

export function internalsOf(app: object): MockInternals | undefined {
  return registry.get(app);
}
