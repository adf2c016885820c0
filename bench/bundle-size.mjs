// 5. Bundle sizes (gzip and brotli) of core's browser entry and of react (peers and core
// excluded), measured by size-limit from the root .size-limit.json, which .ci/run enforces.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, record, table } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function bundleSizes() {
  const result = spawnSync('pnpm', ['exec', 'size-limit', '--json'], { cwd: root, encoding: 'utf8' });
  const start = result.stdout.indexOf('[');
  if (start < 0) throw new Error(`size-limit printed no JSON:\n${result.stdout}\n${result.stderr}`);
  const entries = JSON.parse(result.stdout.slice(start));
  console.log('\n## 5. Bundle sizes (size-limit: esbuild, minified; limits from .size-limit.json)\n');
  table(
    ['entry', 'size', 'limit', ''],
    entries.map((e) => [
      e.name,
      `${fmt(e.size / 1000)} kB`,
      e.sizeLimit ? `${fmt(e.sizeLimit / 1000)} kB` : '',
      e.passed ? 'ok' : 'MISSED',
    ]),
  );
  for (const e of entries) if (e.sizeLimit) record(`size: ${e.name}`, e.size / e.sizeLimit, 1, 'max');
}
