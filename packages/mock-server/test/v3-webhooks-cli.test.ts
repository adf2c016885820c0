import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyWebhook } from '@didit-kit/core';
import { build } from 'tsdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Built like v3-cli.test.ts's bin (own folder, so the files can run in parallel). The CLI test runs the bin as users run it: a bundle of src/cli.ts, built like dist/cli.js
// (tsdown, ESM, shebang). It is built into a private folder, with the workspace's core bundled
// from source, because other test projects may rebuild dist/ in parallel (turbo), and a
// half-written dist/cli.js would make this test flaky. tests/smoke runs the published tarball's bin.
const root = fileURLToPath(new URL('..', import.meta.url));
// Next to dist/ so `../fixtures/` resolves the same way, and node_modules is found.
const outDir = join(root, `.test-bin-v3-webhooks-${process.pid}`);
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

describe('didit-mock-server --webhook-destination', () => {
  it('delivers signed v3 envelopes to a destination given on the command line', async () => {
    const bodies: { body: string; headers: Record<string, unknown> }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const running = run([
      '--port',
      '0',
      '--webhook-destination',
      `url=${hook},secret=cli-secret,version=v3,events=status.updated+data.updated,label=cli`,
    ]);
    try {
      const url = await waitForUrl(running);
      expect(running.stdout()).toContain('Destination');
      expect(running.stdout()).not.toContain('cli-secret');
      const headers = { 'x-api-key': 'mock-api-key', 'content-type': 'application/json' };
      const created = (await (
        await fetch(`${url}/v3/session/`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ workflow_id: 'd1d17000-0000-4000-8000-00000000f10a' }),
        })
      ).json()) as { session_id: string; url: string };
      await fetch(created.url, { method: 'POST', redirect: 'manual' });
      const deadline = Date.now() + 10_000;
      while (bodies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(bodies).toHaveLength(1);
      const event = await verifyWebhook({ ...bodies[0]!, headers: bodies[0]!.headers as never, secret: 'cli-secret' });
      expect(event).toMatchObject({
        webhook_type: 'status.updated',
        status: 'Approved',
        session_id: created.session_id,
      });
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  }, 30_000);

  it('refuses a malformed --webhook-destination with exit code 2', async () => {
    for (const arg of [
      'secret=x',
      'url=http://a.test,version=v9',
      'url=http://a.test,events=bogus',
      'url=http://a.test,nope',
    ]) {
      const running = run(['--port', '0', '--webhook-destination', arg]);
      expect(await running.exited).toBe(2);
      expect(running.stderr()).toContain('--webhook-destination');
    }
  }, 30_000);
});
