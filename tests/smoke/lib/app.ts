import { copyFile, cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOk } from './exec.ts';
import type { PackedPackage } from './pack.ts';
import { CONSUMERS_DIR } from './paths.ts';

/**
 * Third-party versions the consumers install from the npm registry: the workspace's pins
 * (shared/docs/toolchain.md), and exact versions of the frameworks the proxy is mounted in (Express,
 * Fastify, Next.js), so a failure here is about our packaging, not a new upstream release.
 */
const THIRD_PARTY = {
  dependencies: {
    '@hono/node-server': '2.1.9',
    '@tanstack/react-query': '5.108.0',
    express: '5.3.0',
    // Express 4 beside 5, under another name: the proxy's mounting is tested on both.
    express4: 'npm:express@4.22.3',
    fastify: '5.12.8',
    hono: '4.13.19',
    next: '16.4.6',
    react: '19.3.1',
    'react-dom': '19.3.1',
  },
  devDependencies: {
    '@types/node': '20.19.43',
    '@types/react': '19.3.0',
    '@types/react-dom': '19.3.0',
    typescript: '6.0.3',
    vite: '8.3.8',
  },
};

/**
 * Writes a consumer project that depends on the tarballs (never on workspace links) and installs it
 * with npm, the way a user would. The packages are unpublished, so `overrides` points every
 * `@didit-kit/core` in the tree (react's and mock-server's dependency too) at the core tarball.
 */
export async function installApp(appDir: string, packed: readonly PackedPackage[]): Promise<void> {
  await cp(CONSUMERS_DIR, appDir, { recursive: true });
  await copyTypeConsumers(join(appDir, 'types'));
  const tarballs: Record<string, string> = {};
  for (const pkg of packed) if (pkg.tarball) tarballs[pkg.name] = `file:${pkg.tarball}`;
  const manifest = {
    name: 'didit-kit-smoke-app',
    version: '0.0.0',
    private: true,
    type: 'module',
    dependencies: { ...tarballs, ...THIRD_PARTY.dependencies },
    devDependencies: THIRD_PARTY.devDependencies,
    overrides: tarballs['@didit-kit/core'] ? { '@didit-kit/core': '$@didit-kit/core' } : {},
  };
  await writeFile(join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The default npm cache: a second run installs offline. No install scripts: none of these needs one.
  await runOk(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
    {
      cwd: appDir,
      timeoutMs: 300_000,
    },
  );
}

/** One type consumer, three module kinds: ESM and CommonJS under `node16`, and `bundler`. */
async function copyTypeConsumers(typesDir: string): Promise<void> {
  const source = join(typesDir, 'consumer.ts');
  await mkdir(join(typesDir, 'node16'));
  await mkdir(join(typesDir, 'bundler'));
  await copyFile(source, join(typesDir, 'node16', 'consumer.mts'));
  await copyFile(source, join(typesDir, 'node16', 'consumer.cts'));
  await copyFile(source, join(typesDir, 'bundler', 'consumer.ts'));
}
