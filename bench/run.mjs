#!/usr/bin/env node
// `pnpm bench`: every figure beside its baseline, measured in this one run, with the ratio
// and its target. `--quick` shortens each part (for CI smoke runs); `--only a,b` picks parts.
import { bundleSizes } from './bundle-size.mjs';
import { clientThroughput } from './client-throughput.mjs';
import { coldImport } from './cold-import.mjs';
import { results, table } from './lib/stats.mjs';
import { mockThroughput } from './mock-throughput.mjs';
import { reactPolling } from './react-polling.mjs';
import { realtime } from './realtime.mjs';
import { realtimeBrowser } from './realtime-browser.mjs';
import { tokenSharing } from './token-sharing.mjs';
import { validationCost } from './validation.mjs';
import { webhookRefusal } from './webhook-refusal.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;

const parts = {
  client: clientThroughput,
  validation: validationCost,
  tokens: tokenSharing,
  mock: mockThroughput,
  size: bundleSizes,
  react: reactPolling,
  realtime,
  'realtime-browser': realtimeBrowser,
  'webhook-refusal': webhookRefusal,
  'cold-import': coldImport,
};

const os = await import('node:os');
console.log(
  `didit-kit benchmarks: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${quick ? 'quick' : 'full'} run`,
);
for (const [name, run] of Object.entries(parts)) {
  if (only && !only.has(name)) continue;
  await run({ quick });
}

console.log('\n## Targets\n');
table(
  ['figure', 'value', 'target', ''],
  results.map((r) => [r.name, r.ratio.toFixed(2), `${r.direction === 'min' ? '>=' : '<='} ${r.target}`, r.status]),
);
const missed = results.filter((r) => r.status !== 'ok');
process.exitCode = missed.length > 0 && !quick ? 1 : 0;
