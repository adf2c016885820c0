#!/usr/bin/env node
// Brings a fresh clone to a runnable state: dependencies, (optionally) the system
// packages the browser, PDF and realtime (Redis) tests need, and a build. Safe to run again: each step
// is quick when there is nothing to do.
//   node scripts/setup.mjs            install + build
//   node scripts/setup.mjs --system   also Chromium, poppler-utils and redis-server (for `pnpm test`)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const withSystem = process.argv.includes('--system');

function run(cmd, args) {
  // No questions from apt (CI has no terminal).
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`setup: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(result.status ?? 1);
  }
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

if (withSystem) {
  const missing = [];
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
  if (!has('pdfinfo')) missing.push('poppler-utils');
  // The realtime tests start their own redis-server on a free port (never a Redis mock).
  if (!has('redis-server')) missing.push('redis-server');
  if (missing.length > 0) {
    const isRoot = process.getuid?.() === 0;
    if (has('apt-get') && isRoot) {
      console.log(`setup: installing ${missing.join(', ')} from Debian's packages`);
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', ...missing]);
    } else {
      console.error(
        `setup: the browser, PDF and realtime tests need ${missing.join(' and ')}. Install them ` +
          '(Debian/Ubuntu: sudo apt-get install chromium poppler-utils redis-server), or set CHROMIUM_PATH.',
      );
      process.exit(1);
    }
  }
}

run('pnpm', ['install', '--frozen-lockfile', '--reporter=silent']);
run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
