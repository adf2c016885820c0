import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { installApp } from '../lib/app.ts';
import type { SmokeContext } from '../lib/context.ts';
import { type RunningServer, startPackedMockServer } from '../lib/mock-server.ts';
import { buildPackages, type PackedPackage, packPackage } from '../lib/pack.ts';
import { PACKAGES, type PackageKey } from '../lib/paths.ts';
import { ensureRuntime, isRuntimeSkipped, RUNTIMES, type RuntimeName } from '../lib/runtimes.ts';

// Credentials the mock server accepts by default (DEFAULT_CLIENT_ID / DEFAULT_CLIENT_SECRET for v1,
// DEFAULT_API_KEY for v3).
const MOCK_CLIENT_ID = 'mock-client-id';
const MOCK_CLIENT_SECRET = 'mock-client-secret';
const MOCK_API_KEY = 'mock-api-key';

/**
 * Builds, packs and installs once for every smoke test, then starts the mock server. It never throws:
 * a failure is handed to the tests (which fail with it) so that it cannot abort the other projects
 * of a root `vitest run`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const timingsMs: Record<string, number> = {};
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timingsMs[label] = Math.round(performance.now() - started);
    }
  };

  const root = await mkdtemp(join(tmpdir(), 'didit-kit-smoke-'));
  const appDir = join(root, 'app');
  let mock: RunningServer | undefined;
  const context: SmokeContext = {
    build: 'not run',
    appDir,
    packages: { core: {}, react: {}, mockServer: {} },
    mock: undefined,
    timingsMs,
  };

  try {
    // Runtime downloads start now and overlap the build, pack and install; a failed download is
    // retried (and reported) by the runtime's own test.
    const runtimes = (Object.keys(RUNTIMES) as RuntimeName[]).filter((name) => !isRuntimeSkipped(name));
    const prefetch = time('runtimes', () => Promise.allSettled(runtimes.map((name) => ensureRuntime(name))));

    context.build = await time('build', buildPackages);
    const tarballs = join(root, 'tarballs');
    await mkdir(tarballs);
    await mkdir(appDir);
    const packed: PackedPackage[] = await time('pack', () =>
      Promise.all(PACKAGES.map((pkg) => packPackage(pkg, tarballs))),
    );
    for (const pkg of packed) context.packages[pkg.key as PackageKey] = { tarball: pkg.tarball, error: pkg.error };
    if (!context.packages.core.tarball) throw new Error(`@didit-kit/core: ${context.packages.core.error}`);

    await time('install', () => installApp(appDir, packed));
    try {
      if (!context.packages.mockServer.tarball) throw new Error(`${context.packages.mockServer.error}`);
      mock = await time('mock', () => startPackedMockServer(appDir));
      context.mock = {
        url: mock.url,
        clientId: MOCK_CLIENT_ID,
        clientSecret: MOCK_CLIENT_SECRET,
        apiKey: MOCK_API_KEY,
      };
    } catch (error) {
      context.mockError = (error as Error).message;
    }
    await prefetch;
  } catch (error) {
    context.setupError = `${(error as Error).message}\nbuild: ${context.build}`;
  }

  const summary = Object.entries(timingsMs).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`);
  console.log(`[smoke] ${summary.join(', ')}; mock server ${context.mock?.url ?? 'not started'}; app in ${appDir}`);
  project.provide('smoke', context);
  return async () => {
    mock?.stop();
    if (process.env.SMOKE_KEEP !== '1') await rm(root, { recursive: true, force: true });
  };
}
