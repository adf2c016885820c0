import { spawn } from 'node:child_process';
import { pinning } from './cpus.mjs';

/**
 * Starts `node script args...` in its own process and resolves with the first
 * http://127.0.0.1:PORT URL it prints, so the server under test never shares an event loop
 * with the load generator; with taskset, on a core of its own (see cpus.mjs).
 */
export function startServerProcess(script, args = [], { timeoutMs = 15_000 } = {}) {
  const command = [process.execPath, script, ...args];
  if (pinning) command.unshift('taskset', '-c', pinning.server);
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({
          url: match[0],
          pid: child.pid,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before printing a URL:\n${output}`));
    });
  });
}
