// The method of the client parts: every variant runs back to back in each round (the order
// rotates), and a figure is the median of the rounds' ratios, so a slow minute of the machine
// moves numerator and denominator together.
import { measure } from './load.mjs';
import { fmt, median, record, table } from './stats.mjs';

/**
 * Runs `variants` (name -> async function making one call) for `rounds` rounds of `durationMs`
 * each at `concurrency`, rotating their order each round, and resolves with every run per variant.
 */
export async function runInRounds(variants, { concurrency, rounds, durationMs }) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round so drift on a noisy machine spreads evenly.
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of order) samples[name].push(await measure(variants[name], { concurrency, durationMs }));
  }
  return samples;
}

/** Each round's `name` / `base` throughput ratio, in round order. */
export function roundRatios(samples, name, base) {
  return samples[name].map((run, i) => run.rps / samples[base][i].rps);
}

/**
 * Measures `subject` (a key of `variants`) against each baseline at concurrency 1 and 32, prints
 * a table per concurrency with every variant's median rate and latencies and its ratio to each
 * baseline, and records `subject`'s ratio to each baseline against that baseline's target.
 *
 * @param {object} part
 * @param {Record<string, () => Promise<void>>} part.variants
 * @param {string} part.subject the variant under test
 * @param {{ name: string, label: string, short: string, target: number }[]} part.baselines
 *   `name` is a key of `variants`, `label` what the record calls it, `short` the column heading
 * @param {string} part.recordAs prefix of the recorded figures, such as `client v1`
 */
export async function compareInRounds({ variants, subject, baselines, recordAs, rounds, durationMs }) {
  for (const concurrency of [1, 32]) {
    const samples = await runInRounds(variants, { concurrency, rounds, durationMs });
    const ratioTo = (name, base) => median(roundRatios(samples, name, base));
    table(
      [`concurrency ${concurrency}`, 'req/s', 'p50 ms', 'p99 ms', ...baselines.map((b) => `vs ${b.short}`)],
      Object.entries(samples).map(([name, runs]) => [
        name,
        fmt(median(runs.map((r) => r.rps))),
        fmt(median(runs.map((r) => r.p50)), 3),
        fmt(median(runs.map((r) => r.p99)), 3),
        ...baselines.map((b) => fmt(ratioTo(name, b.name))),
      ]),
    );
    const [first] = baselines;
    console.log(
      `per round, ${subject} / ${first.short}: ${roundRatios(samples, subject, first.name)
        .map((r) => fmt(r))
        .join(', ')}`,
    );
    const verdicts = baselines.map((b) => {
      const ratio = ratioTo(subject, b.name);
      const status = record(`${recordAs} c=${concurrency} vs ${b.label}`, ratio, b.target, 'min');
      return `>= ${b.target}x ${b.short}: ${fmt(ratio)} ${status}`;
    });
    console.log(`target (median of the rounds' ratios): ${verdicts.join('; ')}\n`);
  }
}
