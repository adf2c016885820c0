import { spawn } from 'node:child_process';
import { cleanEnv, killGroup } from './exec.ts';

export interface RunningServer {
  url: string;
  stop(): void;
}

/**
 * Starts a long-running server process (the packed mock server, through its API or its bin, or an
 * app that mounts the proxy) and resolves with the URL it prints, matched by `urlPattern`'s first group.
 */
export function startServerProcess(
  command: string,
  args: readonly string[],
  cwd: string,
  urlPattern: RegExp,
  env: Record<string, string | undefined> = {},
): Promise<RunningServer> {
  const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      killGroup(child.pid);
      reject(new Error(`\`${[command, ...args].join(' ')}\`: ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail('printed no URL within 30 s'), 30_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = urlPattern.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url, stop: () => killGroup(child.pid) });
    });
    child.on('exit', (code) => fail(`exited with ${code} before printing its URL`));
    child.on('error', (error) => fail(`did not start: ${error.message}`));
  });
}

/** The packed mock server's own `startMockServer` on port 0, in a Node process of its own. */
export function startPackedMockServer(appDir: string): Promise<RunningServer> {
  return startServerProcess(process.execPath, ['start-mock-server.mjs'], appDir, /SMOKE_MOCK_URL (\S+)/);
}
