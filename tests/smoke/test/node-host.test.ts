import { describe, it } from 'vitest';
import { expectSeedDecision, runConsumer } from '../lib/consumer.ts';
import { mockEnv, requirePackages } from '../lib/context.ts';

// The Node that runs vitest: Node 20, the oldest the packages support (`engines`).
const major = process.versions.node.split('.')[0];

describe(`Node ${process.versions.node} (the Node running vitest)`, () => {
  it('an ESM consumer (`import`) fetches and validates the seed decision from the mock server', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const result = await runConsumer(process.execPath, ['call-api.mjs'], {
      cwd: context.appDir,
      env: mockEnv(context),
    });
    expectSeedDecision(result, new RegExp(`^node ${major}\\.`), 'esm');
  });

  it('a CommonJS consumer (`require`) fetches and validates the seed decision from the mock server', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const result = await runConsumer(process.execPath, ['call-api.cjs'], {
      cwd: context.appDir,
      env: mockEnv(context),
    });
    expectSeedDecision(result, new RegExp(`^node ${major}\\.`), 'cjs');
  });
});
