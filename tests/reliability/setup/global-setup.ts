import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The chaos and load parts run the mock server's bin and a client from @didit-kit/core's dist, as
// users do. CI builds everything first (turbo); locally, rebuild what is missing or older than its
// source, so a run never tests stale code.

const packages = fileURLToPath(new URL('../../../packages/', import.meta.url));

const BUILT = {
  '@didit-kit/core': ['core', ['dist/index.js', 'dist/server.js']],
  '@didit-kit/mock-server': ['mock-server', ['dist/index.js', 'dist/cli.js']],
} as const;

function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

function isStale(folder: string, outputs: readonly string[]): boolean {
  const source = newest(join(packages, folder, 'src'));
  return outputs.some((output) => {
    const path = join(packages, folder, output);
    return !existsSync(path) || statSync(path).mtimeMs < source;
  });
}

export default function setup(): void {
  const stale = Object.entries(BUILT)
    .filter(([, [folder, outputs]]) => isStale(folder, outputs))
    .map(([name]) => name);
  if (stale.length === 0) return;
  console.log(`[reliability] building ${stale.join(', ')} (dist missing or older than src)`);
  execFileSync('pnpm', [...stale.flatMap((name) => ['--filter', name]), 'build'], {
    cwd: packages,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 180_000,
  });
}
