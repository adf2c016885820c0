import { join } from 'node:path';
import { describe, it } from 'vitest';
import { requirePackages } from '../lib/context.ts';
import { describeFailure, run } from '../lib/exec.ts';
import { PACKAGES, REPO_ROOT } from '../lib/paths.ts';

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

async function check(command: string, args: string[]): Promise<void> {
  const result = await run(command, args, { cwd: REPO_ROOT, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(describeFailure(command, args, result));
}

// Run on the same tarballs the consumers install (`attw <tarball>` is what `attw --pack` does after
// packing; pnpm's tarball also has `workspace:*` rewritten, as the published one will).
describe.each(PACKAGES)('$name, as packed', ({ key }) => {
  it('passes `publint --strict` (exports, files, types and formats agree with the tarball)', async () => {
    const tarball = requirePackages(key).packages[key].tarball!;
    await check(bin('publint'), ['run', '--strict', tarball]);
  });

  it('passes `attw` (are the types wrong) for node10, node16 from ESM and CJS, and bundler', async () => {
    const tarball = requirePackages(key).packages[key].tarball!;
    await check(bin('attw'), [tarball, '--format', 'ascii', '--no-emoji', '--no-color']);
  });
});
