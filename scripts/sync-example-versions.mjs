#!/usr/bin/env node
// After `pnpm changeset version`: gives every examples/*/package.json dependency on a @didit-kit package the caret
// range of that package's new version (tests/examples checks they match). `--check` only reports, exit 1 on drift.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const versions = {};
for (const dir of readdirSync(join(root, 'packages'))) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  if (!manifest.private) versions[manifest.name] = manifest.version;
}

let drift = 0;
for (const example of readdirSync(join(root, 'examples'))) {
  const path = join(root, 'examples', example, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  let changed = false;
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const wanted = versions[name] && `^${versions[name]}`;
      if (!wanted || range === wanted) continue;
      console.log(`examples/${example}: ${name} ${range} -> ${wanted}`);
      manifest[field][name] = wanted;
      changed = true;
      drift += 1;
    }
  }
  if (changed && !check) writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
if (check && drift > 0) {
  console.log('Run `node scripts/sync-example-versions.mjs` to update them.');
  process.exit(1);
}
