import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { basic, SEED_ID } from './helpers.ts';

// The CLI test runs the built bin, as users run it. CI builds before testing (turbo); locally
// the bin is rebuilt here when a source file is newer than it.
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  if (!existsSync(join(root, '..', 'core', 'dist', 'index.js'))) {
    throw new Error('The CLI test needs @didit-kit/core built: run `pnpm build` first.');
  }
  if (!existsSync(bin) || statSync(bin).mtimeMs < newestSource(join(root, 'src'))) {
    execFileSync('pnpm', ['exec', 'tsdown'], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  }
}, 130_000);

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

describe('didit-mock-server (the bin)', () => {
  it('starts on port 0, prints its URL and credentials, serves HTTP, and exits 0 on SIGTERM', async () => {
    const running = run(['--port', '0', '--seed', '3']);
    const url = await waitForUrl(running);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.stdout()).toContain('Client id      mock-client-id');
    expect(running.stdout()).toContain('Client secret  mock-client-secret');

    const token = (await (
      await fetch(`${url}/auth/v2/token/`, {
        method: 'POST',
        headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const res = await fetch(`${url}/v1/session/${SEED_ID}/decision/`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('Declined');

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toContain('SIGTERM: shutting down');
  }, 30_000);

  it('exits 0 on SIGINT too, with a keep-alive connection open', async () => {
    const running = run(['--port', '0']);
    const url = await waitForUrl(running);
    expect((await fetch(`${url}/__mock/sessions`)).status).toBe(200);
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  }, 30_000);

  it('takes the options: credentials (not echoed), --no-admin, --latency, --error-rate', async () => {
    const running = run([
      '--port=0',
      '--client-id',
      'acme',
      '--client-secret',
      'top-secret-value',
      '--no-admin',
      '--latency',
      '0-5',
      '--error-rate',
      '0',
      '--token-ttl',
      '60',
    ]);
    const url = await waitForUrl(running);
    expect(running.stdout()).toContain('Client id      acme');
    expect(running.stdout()).not.toContain('top-secret-value');
    expect((await fetch(`${url}/__mock/sessions`)).status).toBe(404);
    const token = await fetch(`${url}/auth/v2/token/`, {
      method: 'POST',
      headers: {
        authorization: basic('acme', 'top-secret-value'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(((await token.json()) as { expires_in: number }).expires_in).toBe(60);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 30_000);

  it('prints the help and exits 0', async () => {
    const running = run(['--help']);
    expect(await running.exited).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--client-id',
      '--client-secret',
      '--token-ttl',
      '--fixtures',
      '--latency',
      '--error-rate',
      '--seed',
      '--no-admin',
    ]) {
      expect(running.stdout()).toContain(flag);
    }
  }, 30_000);

  it.each([
    [['--port', 'abc'], /--port takes a whole number/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--error-rate', '2'], /errorRate must be between 0 and 1/],
    [['--fixtures', '/nonexistent/didit-fixtures'], /is not a directory/],
  ])(
    'refuses %j with a clear message and a non-zero exit',
    async (args, message) => {
      const running = run(args.includes('--port') ? args : [...args, '--port', '0']);
      const code = await running.exited;
      expect(code).not.toBe(0);
      expect(running.stderr()).toMatch(message);
    },
    30_000,
  );
});
