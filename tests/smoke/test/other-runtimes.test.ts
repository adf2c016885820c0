import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectSeedDecision, runConsumer } from '../lib/consumer.ts';
import { mockEnv, requirePackages } from '../lib/context.ts';
import { CACHE_DIR } from '../lib/paths.ts';
import { ensureRuntime, isRuntimeSkipped } from '../lib/runtimes.ts';

// Each runtime comes from the npm registry (see lib/runtimes.ts) and is cached under the OS temp dir.
// A runtime that cannot be fetched fails its test, unless SMOKE_SKIP_RUNTIMES names it.
describe('other runtimes, from the npm registry', () => {
  it.skipIf(isRuntimeSkipped('node22'))('Node 22 runs the ESM and the CommonJS consumer', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const node = await ensureRuntime('node22');
    const options = { cwd: context.appDir, env: mockEnv(context) };
    expectSeedDecision(await runConsumer(node, ['call-api.mjs'], options), /^node 22\./, 'esm');
    expectSeedDecision(await runConsumer(node, ['call-api.cjs'], options), /^node 22\./, 'cjs');
  });

  it.skipIf(isRuntimeSkipped('node24'))('Node 24 runs the ESM and the CommonJS consumer', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const node = await ensureRuntime('node24');
    const options = { cwd: context.appDir, env: mockEnv(context) };
    expectSeedDecision(await runConsumer(node, ['call-api.mjs'], options), /^node 24\./, 'esm');
    expectSeedDecision(await runConsumer(node, ['call-api.cjs'], options), /^node 24\./, 'cjs');
  });

  it.skipIf(isRuntimeSkipped('bun'))('Bun runs the ESM and the CommonJS consumer', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const bun = await ensureRuntime('bun');
    // --no-install: resolve from the npm-installed node_modules only, never Bun's auto-install.
    const options = {
      cwd: context.appDir,
      env: { ...mockEnv(context), BUN_INSTALL_CACHE_DIR: join(CACHE_DIR, 'bun-cache') },
    };
    expectSeedDecision(await runConsumer(bun, ['--no-install', 'call-api.mjs'], options), /^bun 1\./, 'esm');
    expectSeedDecision(await runConsumer(bun, ['--no-install', 'call-api.cjs'], options), /^bun 1\./, 'cjs');
  });

  it.skipIf(isRuntimeSkipped('deno'))('Deno runs the ESM consumer from an npm-installed node_modules', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const deno = await ensureRuntime('deno');
    // deno.json in the app says `nodeModulesDir: "manual"`: Deno reads the node_modules npm made.
    const result = await runConsumer(deno, ['run', '-A', '--node-modules-dir=manual', 'call-api.mjs'], {
      cwd: context.appDir,
      env: {
        ...mockEnv(context),
        DENO_DIR: join(CACHE_DIR, 'deno-dir'),
        DENO_NO_UPDATE_CHECK: '1',
        DENO_NO_PROMPT: '1',
      },
    });
    expectSeedDecision(result, /^deno 2\./, 'esm');
  });
});
