import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

// Variables that vitest and pnpm set for themselves: a child (npm, vite, another runtime) must see
// the environment a user's shell would give it, not `NODE_ENV=test` or pnpm's script variables.
// Other `npm_config_*` pass through, so a registry mirror set that way still reaches npm.
const INHERITED_NOISE =
  /^(npm_(?!config_)|npm_config_(user_agent|verify_deps_before_run)$|pnpm_|PNPM_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$|FORCE_COLOR$)/;

export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_NOISE.test(key)) env[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a command to completion; never throws on a non-zero exit (the caller asserts). */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // The whole process group goes: npx and bun start grandchildren that would outlive a plain kill.
    const timer = setTimeout(() => {
      stderr += `\n[smoke] killed after ${options.timeoutMs} ms`;
      killGroup(child.pid);
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Like `run`, but a non-zero exit throws with the command's output. */
export async function runOk(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(describeFailure(command, args, result));
  return result;
}

export function describeFailure(command: string, args: readonly string[], result: RunResult): string {
  return [
    `\`${[command, ...args].join(' ')}\` exited with ${result.code ?? result.signal} after ${result.ms} ms`,
    `--- stdout ---\n${tail(result.stdout)}`,
    `--- stderr ---\n${tail(result.stderr)}`,
  ].join('\n');
}

export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The end of a command's output, with each line cut short: a minified bundle is one huge line. */
function tail(text: string, max = 6000): string {
  const lines = text.split('\n').map((line) => (line.length > 400 ? `${line.slice(0, 400)}...` : line));
  const joined = lines.join('\n');
  return joined.length > max ? `...${joined.slice(-max)}` : joined;
}
