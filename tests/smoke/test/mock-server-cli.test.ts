import { describe, expect, it } from 'vitest';
import { expectSeedDecision, runConsumer } from '../lib/consumer.ts';
import { mockEnv, requirePackages } from '../lib/context.ts';
import { runOk } from '../lib/exec.ts';
import { startServerProcess } from '../lib/mock-server.ts';

// `npx @didit-kit/mock-server` is the documented command: npm runs the package's only bin. (The bin's
// own name, `didit-mock-server`, is not a package: `npx didit-mock-server` would look it up on the
// registry.) --no-install: the bin must come from the smoke install, never from the registry.
describe('the mock server bin, installed from the tarball', () => {
  it('`npx @didit-kit/mock-server --help` prints its usage and exits 0', async () => {
    const context = requirePackages('core', 'mockServer');
    const result = await runOk('npx', ['--no-install', '@didit-kit/mock-server', '--help'], {
      cwd: context.appDir,
      timeoutMs: 60_000,
    });
    expect(result.stdout).toMatch(/usage/i);
    expect(result.stdout).toContain('--port');
  });

  it('`npx @didit-kit/mock-server --port 0` serves the seed decision to the ESM consumer', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const server = await startServerProcess(
      'npx',
      ['--no-install', '@didit-kit/mock-server', '--port', '0'],
      context.appDir,
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    try {
      const env = { ...mockEnv(context), DIDIT_SMOKE_URL: server.url };
      const result = await runConsumer(process.execPath, ['call-api.mjs'], { cwd: context.appDir, env });
      expectSeedDecision(result, /^node /, 'esm');
    } finally {
      server.stop();
    }
  });
});
