/** Milliseconds since the epoch. Inject one (option `now`) to test token expiry and timestamps. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** Didit's timestamps carry microseconds (`2024-07-24T08:54:25.443172Z`); ours pad milliseconds to match. */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
