// 5. Bundle sizes (gzip and brotli), measured by size-limit from the root .size-limit.json:
// core as an app that only reads v3 decisions imports it (`{ DiditClient, isTerminalStatus }`
// from the v3 single-generation entry), the same from the v1 entry, core's whole browser entry
// (a reference), and react (peers and core excluded). The budgets there are what .ci/run
// enforces (they stop a regression); the targets here are the issue's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, record, table } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The targets, in bytes (size-limit's kB are 1,000 bytes), by .size-limit.json name. */
const TARGETS = {
  'core, an app that only reads v3 decisions, gzip': 14_000,
  'core, a v1-only app, gzip': 12_500,
  '@didit-kit/react (peers and core excluded), gzip': 2_000,
};

export async function bundleSizes() {
  const result = spawnSync('pnpm', ['exec', 'size-limit', '--json'], { cwd: root, encoding: 'utf8' });
  const start = result.stdout.indexOf('[');
  if (start < 0) throw new Error(`size-limit printed no JSON:\n${result.stdout}\n${result.stderr}`);
  const entries = JSON.parse(result.stdout.slice(start));
  console.log('\n## 5. Bundle sizes (size-limit: esbuild, minified; budgets from .size-limit.json)\n');
  const kB = (bytes) => (bytes ? `${fmt(bytes / 1000)} kB` : '');
  table(
    ['entry', 'size', 'CI budget', 'target', 'vs target'],
    entries.map((e) => {
      const target = TARGETS[e.name];
      return [e.name, kB(e.size), kB(e.sizeLimit), kB(target), target ? fmt(e.size / target) : ''];
    }),
  );
  for (const e of entries) {
    if (!e.passed) console.log(`over its CI budget: ${e.name}`);
    const target = TARGETS[e.name];
    if (target) record(`size: ${e.name}`, e.size / target, 1, 'max');
  }
}
