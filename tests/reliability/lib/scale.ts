/**
 * `RELIABILITY_SCALE=full` (what `pnpm test:reliability` sets) runs each part at the size the
 * issue asks for; anything else runs the shortened version that `pnpm test` (and CI) runs.
 */
export const FULL = process.env.RELIABILITY_SCALE === 'full';
export const SCALE_NAME = FULL ? 'full' : 'short';

export const SCALE = FULL
  ? {
      chaosCalls: 2_000,
      tokenRunMs: 10_000,
      loadDurationSec: 60,
      loadWarmupSec: 5,
      fuzzRuns: 10_000,
      httpFuzzRuns: 2_000,
    }
  : {
      chaosCalls: 300,
      tokenRunMs: 3_000,
      loadDurationSec: 5,
      loadWarmupSec: 2,
      fuzzRuns: 1_000,
      httpFuzzRuns: 200,
    };

/** The command that reproduces this scale's figures. */
export const REPRODUCE = FULL ? 'pnpm test:reliability' : 'pnpm exec vitest run --project reliability';
