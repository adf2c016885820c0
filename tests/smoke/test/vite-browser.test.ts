import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockEnv, requirePackages } from '../lib/context.ts';
import { describeFailure, run, runOk } from '../lib/exec.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('a Vite browser build of a page that uses core and react', () => {
  it('bundles without undici, and its client fetches the seed decision through a proxy route', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const outDir = join(context.appDir, 'web-dist');
    await runOk(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', 'web', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: context.appDir, timeoutMs: 120_000 },
    );

    // The browser export condition must keep the Node transport (undici) out of the page.
    const files = await filesUnder(outDir);
    const withUndici: string[] = [];
    for (const file of files) if ((await readFile(file, 'utf8')).includes('undici')) withUndici.push(file);
    expect(withUndici).toEqual([]);

    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const script = /<script type="module" crossorigin src="\/([^"]+\.js)"/.exec(html)?.[1];
    expect(script, `no module script in ${html}`).toBeDefined();

    const args = ['run-web-bundle.mjs', join(outDir, script!)];
    const result = await run(process.execPath, args, { cwd: context.appDir, env: mockEnv(context), timeoutMs: 60_000 });
    const line = result.stdout.split('\n').find((text) => text.startsWith('SMOKE_RESULT '));
    if (result.code !== 0 || !line) throw new Error(describeFailure('node', args, result));
    expect(JSON.parse(line.slice('SMOKE_RESULT '.length))).toEqual({
      status: 'Declined',
      terminal: true,
      amlHits: 1,
      amlCaption: 'Kozlov Sergey Alexandrovich',
    });
  });
});
