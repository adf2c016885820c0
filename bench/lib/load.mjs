import { percentile } from './stats.mjs';

/**
 * Calls `once` from `concurrency` loops for `durationMs` (after a short warm-up) and
 * returns requests per second and latency percentiles in milliseconds.
 */
export async function measure(once, { concurrency, durationMs, warmupMs = 300 }) {
  await runFor(once, concurrency, warmupMs, null);
  const latencies = [];
  const started = performance.now();
  await runFor(once, concurrency, durationMs, latencies);
  const elapsedSec = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsedSec,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
  };
}

async function runFor(once, concurrency, durationMs, latencies) {
  const deadline = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await once();
      latencies?.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
