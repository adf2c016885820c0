import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';
import { afterAll, beforeAll } from 'vitest';

// The CLI tests run the bin as users run it: a bundle of src/cli.ts, built like dist/cli.js
// (tsdown, ESM, shebang). Each test file builds it into a private folder, with the workspace's
// core bundled from source, because other test projects may rebuild dist/ in parallel (turbo),
// and a half-written dist/cli.js would make a test flaky. tests/smoke runs the published tarball's bin.

/** The mock-server package's folder. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Builds the bin for this test file (in `beforeAll`, removed in `afterAll`) and returns a way to
 * run it. `tag` keeps each file's folder apart, so the files can run in parallel.
 */
export function useCliBin(tag: string): { bin: string; run: (args: string[]) => Running } {
  // Next to dist/ so `../fixtures/` resolves the same way, and node_modules is found.
  const outDir = join(root, `.test-bin-${tag}-${process.pid}`);
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

  return {
    bin,
    run(args) {
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
    },
  };
}

/** The URL the CLI prints once it listens. */
export async function waitForUrl(running: Running): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(running.stdout());
    if (match) return match[1]!;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the CLI did not start: ${running.stdout()} ${running.stderr()}`);
}
