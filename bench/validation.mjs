// 2. Validation cost: checking the seed's decision against the schema, per operation,
// against JSON.parse of the same body. Target: at most 0.5x JSON.parse.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, median, record, table } from './lib/stats.mjs';

const seedText = readFileSync(
  new URL('../packages/mock-server/fixtures/decision.declined-aml.json', import.meta.url),
  'utf8',
);

async function loadValidator() {
  // The fast validator is internal to core, so bundle it from source for this run.
  const { build } = await import('tsdown');
  const outDir = fileURLToPath(new URL('./.build/validation', import.meta.url));
  await build({
    entry: { validation: fileURLToPath(new URL('./validation.entry.ts', import.meta.url)) },
    outDir,
    format: 'esm',
    platform: 'node',
    dts: false,
    clean: true,
    logLevel: 'silent',
    noExternal: [/.*/],
    config: false,
  });
  return import(`${outDir}/validation.mjs`);
}

function nsPerOp(fn, iterations) {
  for (let i = 0; i < 2000; i++) fn(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / iterations;
}

export async function validationCost({ quick }) {
  const { compileFastValidator, sessionDecisionSchema } = await loadValidator();
  const fast = compileFastValidator(sessionDecisionSchema);
  const iterations = quick ? 5_000 : 20_000;
  const rounds = quick ? 5 : 9;
  const pool = Array.from({ length: 256 }, () => JSON.parse(seedText));
  const samples = { parse: [], client: [], zod: [] };
  for (let r = 0; r < rounds; r++) {
    samples.parse.push(nsPerOp(() => JSON.parse(seedText), iterations));
    samples.client.push(nsPerOp((i) => fast(pool[i & 255]), iterations));
    samples.zod.push(nsPerOp((i) => sessionDecisionSchema.parse(pool[i & 255]), iterations));
  }
  const parse = median(samples.parse);
  const client = median(samples.client);
  const zod = median(samples.zod);
  console.log(`\n## 2. Validation cost: the seed's decision (${seedText.length} bytes), ${rounds} rounds, medians\n`);
  table(
    ['operation', 'ns/op', 'vs JSON.parse'],
    [
      ['JSON.parse(body) (baseline)', fmt(parse, 0), '1.00'],
      ["client's validation (compiled schema)", fmt(client, 0), fmt(client / parse)],
      ['sessionDecisionSchema.parse (zod/mini)', fmt(zod, 0), fmt(zod / parse)],
    ],
  );
  const status = record('validation vs JSON.parse', client / parse, 0.5, 'max');
  console.log(`target: <= 0.5x JSON.parse: ${fmt(client / parse)} ${status}`);
}
