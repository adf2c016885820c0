import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The mock server's bin, as users run it (built by the global setup, or by `pnpm build` in CI). */
export const MOCK_CLI = fileURLToPath(new URL('../../../packages/mock-server/dist/cli.js', import.meta.url));

export interface ChildRun {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process exits, with the time (`performance.now()`) it did. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves with the time the first line matching `pattern` arrived on stdout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<{ match: RegExpExecArray; at: number }>;
}

/** Runs `node script ...args` with its output captured (for the secret search, among others). */
export function runNode(script: string, args: string[], env: Record<string, string> = {}): ChildRun {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const watcher of watchers) watcher();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      const at = performance.now();
      for (const watcher of watchers) watcher();
      resolve({ code, signal, at });
    });
  });
  return {
    child,
    pid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        // Only the new output (plus a margin for a line split across chunks): a chatty child
        // prints megabytes, and rescanning all of it on every chunk would be quadratic.
        let scanned = 0;
        const check = () => {
          const from = Math.max(0, scanned - 4096);
          scanned = stdout.length;
          const match = pattern.exec(stdout.slice(from));
          if (match) {
            done();
            resolve({ match, at: performance.now() });
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(
              new Error(`${script} exited before printing ${pattern}: ${stdout.slice(-2000)} ${stderr.slice(-2000)}`),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
  };
}

export interface MockServerProcess {
  readonly url: string;
  readonly run: ChildRun;
  /** SIGTERM, then the exit code (the CLI exits 0 after a clean shutdown). */
  stop(): Promise<number | null>;
}

/** Starts `didit-mock-server --port 0 ...args` in its own process and waits for its URL. */
export async function startMockCli(args: string[]): Promise<MockServerProcess> {
  // Another package's test may be rebuilding the mock server (tsdown empties dist/ first): wait for it.
  for (let waited = 0; !existsSync(MOCK_CLI) && waited < 60_000; waited += 250) await delay(250);
  const run = runNode(MOCK_CLI, ['--port', '0', ...args]);
  const { match } = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
  return {
    url: match[1]!,
    run,
    async stop() {
      if (run.child.exitCode !== null) return run.child.exitCode;
      run.child.kill('SIGTERM');
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 10_000);
      const { code } = await run.exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resident memory of a process, in kB, from `/proc/<pid>/status` (Linux). */
export function residentKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Fetches an access token from a mock server (for tools, like autocannon, that do not use the client). */
export async function fetchToken(url: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${url}/auth/v2/token/`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (response.status !== 200) throw new Error(`token request failed with ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}
