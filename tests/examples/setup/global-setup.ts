import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPackages, packPackage, type WorkspacePackage } from '../../smoke/lib/pack.ts';
import { PACKAGES, REPO_ROOT } from '../../smoke/lib/paths.ts';
import type { ExamplesContext } from '../lib/context.ts';

/** The smoke tests' three packages, and the one that writes the examples. */
const PACKED: readonly WorkspacePackage[] = [
  ...PACKAGES,
  { name: '@didit-kit/create', dir: 'packages/create', key: 'create' },
];

/**
 * Builds (a turbo cache hit after `pnpm build`) and packs the four packages once for every example test. It never
 * throws: a failure is handed to the tests, which fail with it, so it cannot abort the other projects of a root run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const timingsMs: Record<string, number> = {};
  const root = await mkdtemp(join(tmpdir(), 'didit-kit-examples-'));
  const context: ExamplesContext = { root, tarballs: {}, version: '', timingsMs };
  const started = performance.now();
  try {
    const build = await buildPackages(PACKED);
    if (build !== 'ok' && !build.startsWith('skipped')) throw new Error(`turbo build ${build}`);
    timingsMs.build = Math.round(performance.now() - started);
    const tarballs = join(root, 'tarballs');
    await mkdir(tarballs);
    const packed = await Promise.all(PACKED.map((pkg) => packPackage(pkg, tarballs)));
    for (const pkg of packed) {
      if (!pkg.tarball) throw new Error(`${pkg.name}: ${pkg.error}`);
      context.tarballs[pkg.name] = pkg.tarball;
    }
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'packages/create/package.json'), 'utf8'));
    context.version = manifest.version;
    timingsMs.pack = Math.round(performance.now() - started) - timingsMs.build;
  } catch (error) {
    context.setupError = (error as Error).message;
  }
  console.log(
    `[examples] build ${((timingsMs.build ?? 0) / 1000).toFixed(1)} s, pack ${((timingsMs.pack ?? 0) / 1000).toFixed(1)} s; in ${root}`,
  );
  project.provide('examples', context);
  return async () => {
    if (process.env.EXAMPLES_KEEP === '1') return;
    await rm(root, { recursive: true, force: true });
    await forgetNpxInstalls(root);
  };
}

/**
 * `npm exec --package=<tarball>` installs the create package into npm's `_npx` cache, one folder per tarball path;
 * each run's tarballs have a path of their own, so their folders are removed with the run.
 */
async function forgetNpxInstalls(root: string): Promise<void> {
  const npxDir = join(process.env.npm_config_cache ?? join(homedir(), '.npm'), '_npx');
  const entries = await readdir(npxDir).catch(() => []);
  for (const entry of entries) {
    const manifest = await readFile(join(npxDir, entry, 'package.json'), 'utf8').catch(() => '');
    if (manifest.includes(root)) await rm(join(npxDir, entry), { recursive: true, force: true });
  }
}
