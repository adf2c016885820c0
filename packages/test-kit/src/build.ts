import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// For the tests of a BUILT package (its dist/, as users get it): build it first when it is stale, so a
// test run after an edit never checks yesterday's build. CI builds before testing: there this is a no-op.

/**
 * Runs the package's `build` script when one of `outputs` (paths under `dist/`) is missing or older
 * than the newest file under `src/` or `tsdown.config.ts`.
 */
export function buildIfStale(packageDir: string, outputs: readonly string[]): void {
  const sources = Math.max(
    newestMtime(join(packageDir, 'src')),
    statSync(join(packageDir, 'tsdown.config.ts')).mtimeMs,
  );
  const fresh = outputs.every((file) => {
    try {
      return statSync(join(packageDir, 'dist', file)).mtimeMs >= sources;
    } catch {
      return false;
    }
  });
  if (!fresh) execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'pipe' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
