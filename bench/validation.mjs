// 2. Validation cost, per operation: `sessionDecisionSchema.parse` (zod/mini, the client's one
// validation path) of v1's seed decision and of Didit's v3 user decision example, each against
// JSON.parse of the same body. Target: at most 1.5x JSON.parse, both.
import { readFileSync } from 'node:fs';
import { sessionDecisionSchema as v1DecisionSchema } from '@didit-kit/core/v1';
import { sessionDecisionSchema as v3DecisionSchema } from '@didit-kit/core/v3';
import { fmt, median, record, table } from './lib/stats.mjs';
import { V3_DECISION_EXAMPLE } from './lib/v3-example.mjs';

const TARGET = 1.5;

const bodies = [
  {
    name: 'v1 seed decision (declined, AML)',
    label: 'v1',
    text: readFileSync(new URL('../packages/mock-server/fixtures/decision.declined-aml.json', import.meta.url), 'utf8'),
    schema: v1DecisionSchema,
  },
  {
    name: 'v3 user decision example',
    label: 'v3',
    text: readFileSync(V3_DECISION_EXAMPLE, 'utf8'),
    schema: v3DecisionSchema,
  },
];

function nsPerOp(fn, iterations) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / iterations;
}

/** Warms `fn` up and returns how many calls take about `budgetMs`. */
function calibrate(fn, budgetMs) {
  let iterations = 200;
  for (;;) {
    const ns = nsPerOp(fn, iterations);
    if (ns * iterations >= 20e6 || iterations >= 1e6) return Math.max(200, Math.round((budgetMs * 1e6) / ns));
    iterations *= 4;
  }
}

export async function validationCost({ quick }) {
  const rounds = quick ? 5 : 9;
  const budgetMs = quick ? 40 : 150;
  console.log(`\n## 2. Validation cost: sessionDecisionSchema.parse (zod/mini), ${rounds} rounds, medians\n`);
  const rows = [];
  const verdicts = [];
  for (const { name, label, text, schema } of bodies) {
    // Parsed copies, so the schema does not see one object in cache every time.
    const pool = Array.from({ length: 256 }, () => JSON.parse(text));
    const parse = () => JSON.parse(text);
    const validate = (i) => schema.parse(pool[i & 255]);
    const iterations = { parse: calibrate(parse, budgetMs), validate: calibrate(validate, budgetMs) };
    const samples = { parse: [], validate: [] };
    for (let r = 0; r < rounds; r++) {
      samples.parse.push(nsPerOp(parse, iterations.parse));
      samples.validate.push(nsPerOp(validate, iterations.validate));
    }
    const ratios = samples.validate.map((v, i) => v / samples.parse[i]);
    const ratio = median(ratios);
    rows.push(
      [`${name} (${Buffer.byteLength(text)} bytes): JSON.parse (baseline)`, fmt(median(samples.parse), 0), '1.00'],
      [`${name}: sessionDecisionSchema.parse`, fmt(median(samples.validate), 0), fmt(ratio)],
    );
    const status = record(`validation ${label} vs JSON.parse`, ratio, TARGET, 'max');
    verdicts.push(`${label} ${fmt(ratio)} ${status}`);
  }
  table(['operation', 'ns/op', 'vs JSON.parse'], rows);
  console.log(`target (median of the rounds' ratios): <= ${TARGET}x JSON.parse: ${verdicts.join('; ')}`);
}
