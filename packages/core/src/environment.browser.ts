import type { V3ClientOptions } from './client-base.ts';

/** In a browser build: the options as given (a browser must never find an API key in an environment). */
export function withEnvironmentDefaults(options: V3ClientOptions): V3ClientOptions {
  return options;
}
