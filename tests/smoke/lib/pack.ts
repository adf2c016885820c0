import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './exec.ts';
import { PACKAGES, type PackageKey, REPO_ROOT } from './paths.ts';

export interface PackedPackage<Key extends string = PackageKey> {
  name: string;
  key: Key;
  /** Absolute path of the `.tgz`, or undefined when the package did not build or pack. */
  tarball?: string | undefined;
  /** Why there is no tarball. */
  error?: string | undefined;
}

/** A workspace package to build and pack: its npm name, its folder under the repository root, a short key. */
export interface WorkspacePackage<Key extends string = string> {
  name: string;
  dir: string;
  key: Key;
}

/**
 * Builds the packages (by default the three) through turbo (a cache hit after `pnpm build`), without stopping at
 * the first failure, so one broken package does not hide the others. `SMOKE_NO_BUILD=1` skips it.
 */
export async function buildPackages(packages: readonly WorkspacePackage[] = PACKAGES): Promise<string> {
  if (process.env.SMOKE_NO_BUILD === '1') return 'skipped (SMOKE_NO_BUILD=1)';
  const filters = packages.map((pkg) => `--filter=${pkg.name}`);
  const result = await run(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', ...filters, '--continue', '--output-logs=errors-only'],
    {
      cwd: REPO_ROOT,
      timeoutMs: 300_000,
    },
  );
  return result.code === 0 ? 'ok' : `failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-2000)}`;
}

/** `pnpm pack` rewrites `workspace:*` to the real version, as `pnpm publish` will. */
export async function packPackage<Key extends string>(
  pkg: WorkspacePackage<Key>,
  destination: string,
): Promise<PackedPackage<Key>> {
  const dir = join(REPO_ROOT, pkg.dir);
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { main?: string };
  // A package whose build failed still packs (src and package.json): refuse it here with a clear reason.
  const entry = manifest.main ?? 'dist/index.js';
  try {
    await access(join(dir, entry));
  } catch {
    return { name: pkg.name, key: pkg.key, error: `${pkg.dir}/${entry} does not exist: the package did not build` };
  }
  const result = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: dir,
    timeoutMs: 120_000,
  });
  if (result.code !== 0) {
    return { name: pkg.name, key: pkg.key, error: `pnpm pack failed:\n${result.stderr}\n${result.stdout}` };
  }
  const { filename } = JSON.parse(result.stdout) as { filename: string };
  return { name: pkg.name, key: pkg.key, tarball: filename };
}
