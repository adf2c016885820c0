#!/usr/bin/env node
// Before a release: each published package packs, and its tarball passes `publint --strict`
// and `attw` (node10, node16 ESM/CJS, bundler). The smoke tests (tests/smoke) run the same
// checks on the same tarballs inside `pnpm test`; this is the quick stand-alone form.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const packages = ['packages/core', 'packages/react', 'packages/mock-server', 'packages/create'];
// A bin only (`npm create @didit-kit`): nothing to import, so no types for attw to check.
const binOnly = new Set(['didit-kit-create']);
const out = mkdtempSync(join(tmpdir(), 'didit-kit-pack-'));
let failed = false;

function run(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`check-packages: \`${cmd} ${args.join(' ')}\` failed in ${cwd}`);
    failed = true;
  }
}

try {
  for (const dir of packages) run('pnpm', ['pack', '--pack-destination', out], dir);
  const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
  console.log(`check-packages: ${tarballs.length} tarballs: ${tarballs.join(', ')}`);
  if (tarballs.length !== packages.length) failed = true;
  for (const tarball of tarballs) {
    run('pnpm', ['exec', 'publint', 'run', '--strict', join(out, tarball)], process.cwd());
    if (binOnly.has(tarball.replace(/-\d.*$/, ''))) continue;
    run('pnpm', ['exec', 'attw', join(out, tarball), '--format', 'ascii', '--no-emoji', '--no-color'], process.cwd());
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
