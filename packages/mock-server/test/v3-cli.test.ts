import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiditClient } from '@didit-kit/core';
import { build } from 'tsdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V3_FIXTURE_IDS } from '../src/index.ts';

// Built like cli.test.ts's bin (own folder, so the two files can run in parallel). The CLI test runs the bin as users run it: a bundle of src/cli.ts, built like dist/cli.js
// (tsdown, ESM, shebang). It is built into a private folder, with the workspace's core bundled
// from source, because other test projects may rebuild dist/ in parallel (turbo), and a
// half-written dist/cli.js would make this test flaky. tests/smoke runs the published tarball's bin.
const root = fileURLToPath(new URL('..', import.meta.url));
// Next to dist/ so `../fixtures/` resolves the same way, and node_modules is found.
const outDir = join(root, `.test-bin-v3-${process.pid}`);
const bin = join(outDir, 'cli.js');

beforeAll(async () => {
  await build({
    config: false,
    cwd: root,
    entry: { cli: 'src/cli.ts' },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    fixedExtension: false,
    dts: false,
    clean: true,
    logLevel: 'silent',
    banner: { js: '#!/usr/bin/env node' },
    deps: { alwaysBundle: [/^@didit-kit\//, /^zod/, 'undici'], onlyBundle: false },
    inputOptions: { resolve: { conditionNames: ['@didit-kit/source', 'node', 'import', 'default'] } },
  });
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Running {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitForUrl(running: Running): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(running.stdout());
    if (match) return match[1]!;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the CLI did not start: ${running.stdout()} ${running.stderr()}`);
}

describe('didit-mock-server (the bin) speaks v3 over real HTTP', () => {
  it('takes --api-key, and core v3 client creates, arms, finishes and reads a session', async () => {
    const running = run(['--port', '0', '--api-key', 'sk_test_cli_key']);
    const url = await waitForUrl(running);
    try {
      expect(running.stdout()).toContain('(the value given with --api-key, not shown)');
      expect(running.stdout()).not.toContain('sk_test_cli_key');
      const client = new DiditClient({ apiKey: 'sk_test_cli_key', baseUrl: url });
      const created = await client.sessions.create({
        workflow_id: 'd1d17000-0000-4000-8000-00000000f10a',
        vendor_data: 'cli',
      });
      expect(created.url).toBe(`${url}/session/${created.session_token}`);
      await client.sessions.armSandboxScenario(created.session_id, {
        scenario: 'decline_aml_hit',
        sessionToken: created.session_token,
      });
      const page = await fetch(created.url, { method: 'POST', redirect: 'manual' });
      expect(page.status).toBe(200);
      const decision = await client.sessions.getDecision(created.session_id);
      expect(decision.status).toBe('Declined');
      expect(decision.aml_screenings?.[0]?.total_hits).toBeGreaterThan(0);
      const pdf = await client.sessions.generatePdf(V3_FIXTURE_IDS.approved);
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      const wrong = await fetch(`${url}/v3/sessions/`, { headers: { 'x-api-key': 'mock-api-key' } });
      expect(wrong.status).toBe(403);
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    }
  }, 30_000);
});
