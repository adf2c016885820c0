import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { cleanEnv, killGroup, type RunResult, runOk } from '../../smoke/lib/exec.ts';
import { REPO_ROOT } from '../../smoke/lib/paths.ts';
import type { RunningExample } from './browser-flows.ts';
import type { ExamplesContext } from './context.ts';

/** The three apps `npm create @didit-kit` writes: the framework flag, and the example folder it copies. */
export const EXAMPLES = {
  next: 'nextjs',
  'vite-express': 'vite-express',
  hono: 'hono',
} as const;
export type FrameworkName = keyof typeof EXAMPLES;

/** The packages the examples depend on, which the app gets from the tarballs. */
export const DIDIT_PACKAGES = ['@didit-kit/core', '@didit-kit/react', '@didit-kit/mock-server'] as const;

/** Next would otherwise report usage to an outside host (refused here, and not a test's business). */
export const APP_ENV = { NEXT_TELEMETRY_DISABLED: '1' };

/**
 * `npm create @didit-kit@latest my-app -- --framework <name>` as a user runs it, from an empty folder, but with the
 * create package's tarball instead of the registry's (`npm create` is `npm exec @didit-kit/create`), and with
 * `--skip-install`: the app's `@didit-kit/*` dependencies are not on the registry yet, so the test installs them
 * from the tarballs itself (`useTarballs`, then `npmInstall`).
 */
export async function createFromTarball(
  context: ExamplesContext,
  framework: FrameworkName,
): Promise<{ appDir: string; result: RunResult }> {
  const parent = join(context.root, framework);
  await mkdir(parent);
  const result = await runOk(
    'npm',
    [
      'exec',
      '--yes',
      `--package=${context.tarballs['@didit-kit/create']}`,
      '--',
      'create-didit-kit',
      'my-app',
      '--framework',
      framework,
      '--skip-install',
    ],
    { cwd: parent, timeoutMs: 120_000 },
  );
  return { appDir: join(parent, 'my-app'), result };
}

/**
 * Points the app's `@didit-kit/*` dependencies at the tarballs (they are not on the registry yet), as the smoke
 * tests do: each by path, and `overrides` so that react's and mock-server's own dependency on core is the core
 * tarball too. Everything else comes from the registry at the versions the example pins.
 */
export async function useTarballs(appDir: string, context: ExamplesContext): Promise<void> {
  const path = join(appDir, 'package.json');
  const manifest = JSON.parse(await readFile(path, 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (name.startsWith('@didit-kit/')) manifest[field][name] = `file:${context.tarballs[name]}`;
    }
  }
  manifest.overrides = { '@didit-kit/core': '$@didit-kit/core' };
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `npm install` as a user runs it, from the shared npm cache where it can. */
export function npmInstall(appDir: string): Promise<RunResult> {
  return runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: appDir,
    timeoutMs: 300_000,
  });
}

/** `npm run <script>`, which must succeed. */
export function npmRun(appDir: string, script: string): Promise<RunResult> {
  return runOk('npm', ['run', script], { cwd: appDir, env: APP_ENV, timeoutMs: 180_000 });
}

/** A free TCP port on 127.0.0.1, from the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer extends RunningExample {
  /** Everything `npm run dev` printed so far (for failure messages). */
  output(): string;
  stop(): void;
}

/**
 * `npm run dev` with only the ports chosen (PORT, DIDIT_MOCK_PORT, as the examples' READMEs document): resolves once
 * both the mock server and the app have printed their URLs.
 */
export async function startDev(appDir: string, readyPattern: RegExp): Promise<DevServer> {
  const [port, mockPort] = [await freePort(), await freePort()];
  const child = spawn('npm', ['run', 'dev'], {
    cwd: appDir,
    env: cleanEnv({ ...APP_ENV, PORT: String(port), DIDIT_MOCK_PORT: String(mockPort) }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const server: DevServer = {
    url: `http://127.0.0.1:${port}`,
    mockUrl: `http://127.0.0.1:${mockPort}`,
    output: () => output,
    stop: () => killGroup(child.pid),
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail('printed no URL within 60 s'), 60_000);
    const fail = (reason: string) => {
      clearTimeout(timer);
      server.stop();
      reject(new Error(`npm run dev: ${reason}\n${output}`));
    };
    const check = () => {
      if (output.includes(`Didit mock server: ${server.mockUrl}`) && readyPattern.test(output)) {
        clearTimeout(timer);
        child.off('exit', exited);
        resolve();
      }
    };
    const exited = (code: number | null) => fail(`exited with ${code}`);
    child.stdout.on('data', check);
    child.on('exit', exited);
  });
  return server;
}

/**
 * Asks for the app's pages and its proxy route once, as the first visitor would: a dev server compiles each on its
 * first request (Next.js's take seconds), and these can compile while the app's own tests run. Answers are not
 * checked here (the flows check everything); without a sign-in cookie the create answers 403.
 */
export async function warmUp(dev: RunningExample): Promise<void> {
  const ask = (path: string, init?: RequestInit) =>
    fetch(`${dev.url}${path}`, { ...init, signal: AbortSignal.timeout(120_000) }).then(
      (response) => response.arrayBuffer(),
      () => undefined,
    );
  await Promise.all([
    ask('/'),
    ask('/verification'),
    ask('/api/didit/v3/session/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
  ]);
}

/** The files of a folder, relative to it, except what installing and running leave behind. */
export async function listFiles(dir: string): Promise<string[]> {
  const skipped = new Set(['node_modules', '.next', 'dist', 'package-lock.json', 'next-env.d.ts']);
  const files: string[] = [];
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (skipped.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
      if (entry.name.startsWith('.env') && entry.name !== '.env.example') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(dir, path));
    }
  };
  await walk(dir);
  return files.sort();
}

export const exampleDir = (framework: FrameworkName) => join(REPO_ROOT, 'examples', EXAMPLES[framework]);
