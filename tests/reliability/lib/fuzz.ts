import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import { reportFigures } from './figures.ts';
import { REPRODUCE } from './scale.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs a fast-check property with a printed seed. A failure prints the command that replays
 * exactly the failing case: `FC_SEED=<seed> FC_PATH=<path> FC_PROPERTY=<name> <vitest> <file>`.
 * `FC_SEED` alone reruns every property of a file with that seed; `FC_PATH` applies only to the
 * property named by `FC_PROPERTY`.
 */
export async function fuzz<Ts>(
  name: string,
  property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>,
  numRuns: number,
  figures: () => Record<string, string | number> = () => ({}),
): Promise<void> {
  const seed = process.env.FC_SEED === undefined ? (Math.random() * 2 ** 31) | 0 : Number(process.env.FC_SEED);
  const replaysThis = process.env.FC_PROPERTY === undefined || process.env.FC_PROPERTY === name;
  const path = replaysThis ? process.env.FC_PATH : undefined;
  const started = performance.now();
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, { seed, path, numRuns });
  const testPath = expect.getState().testPath;
  const file = testPath === undefined ? '' : relative(`${ROOT}tests/reliability`, testPath);
  const replay = `FC_SEED=${details.seed}${details.counterexamplePath ? ` FC_PATH=${details.counterexamplePath}` : ''} FC_PROPERTY='${name}' ${REPRODUCE} ${file}`;
  reportFigures(`fuzz ${name}`, {
    seed: details.seed,
    runs: details.numRuns,
    skipped: details.numSkips,
    failed: details.failed,
    seconds: ((performance.now() - started) / 1000).toFixed(1),
    ...figures(),
    replay,
  });
  if (details.failed) {
    const failure = details.errorInstance;
    const reason = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
    // The counterexample may hold a mock access token the property sent: not for a CI log.
    const report = `${fc.defaultReportMessage(details)}\n\nFailure: ${reason.slice(0, 2_000)}`.replace(
      /mock_[A-Za-z0-9_-]{43}/g,
      'mock_[token]',
    );
    throw new Error(`${report}\n\nReplay: ${replay}`);
  }
}
