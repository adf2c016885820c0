import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { cleanEnv, killGroup } from './exec.ts';
import { REPO_ROOT } from './paths.ts';

export interface RunningMock {
  url: string;
  source: 'tarball' | 'stand-in';
  stop(): void;
}

/**
 * The packed mock server's own `startMockServer` on port 0, in a Node process of its own that
 * imports `@didit-kit/mock-server` from the smoke install. Until that package packs, a small
 * node:http stand-in serving the seed decision.
 */
export function startMock(appDir: string, fromTarball: boolean): Promise<RunningMock> {
  const script = fromTarball ? 'start-mock-server.mjs' : 'stand-in-mock-server.mjs';
  const args = fromTarball
    ? [script]
    : [script, join(REPO_ROOT, 'packages/core/test/fixtures/decision.declined-aml.json')];
  const child = spawn(process.execPath, args, {
    cwd: appDir,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return waitForUrl(child, fromTarball ? 'tarball' : 'stand-in');
}

function waitForUrl(child: ChildProcess, source: RunningMock['source']): Promise<RunningMock> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      killGroup(child.pid);
      reject(new Error(`${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail('the mock server printed no URL within 30 s'), 30_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /SMOKE_MOCK_URL (\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], source, stop: () => killGroup(child.pid) });
    });
    child.on('exit', (code) => fail(`the mock server exited with ${code} before printing its URL`));
    child.on('error', (error) => fail(`the mock server did not start: ${error.message}`));
  });
}
