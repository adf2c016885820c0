import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockEnv, requirePackages, type SmokeContext } from '../lib/context.ts';
import { describeFailure, run } from '../lib/exec.ts';
import { viteBuild } from '../lib/vite-build.ts';

/** Output files that pull in Node-only code: undici, or any `node:` module. */
async function nodeOnlyCode(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.filter((item) => item.isFile())) {
    const file = join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    if (text.includes('undici')) found.push(`${entry.name}: contains "undici"`);
    for (const match of text.matchAll(/from\s*["'](node:[\w/]+)["']/g))
      found.push(`${entry.name}: imports ${match[1]}`);
  }
  return [...new Set(found)];
}

async function runBundle(context: SmokeContext, script: string, bundle: string): Promise<unknown> {
  const args = [script, bundle];
  const result = await run(process.execPath, args, { cwd: context.appDir, env: mockEnv(context), timeoutMs: 60_000 });
  const line = result.stdout.split('\n').find((text) => text.startsWith('SMOKE_RESULT '));
  if (result.code !== 0 || !line) throw new Error(describeFailure('node', args, result));
  return JSON.parse(line.slice('SMOKE_RESULT '.length));
}

describe('Vite builds of the packed packages', () => {
  it('a browser page using core and react bundles without undici, and its client reads the seed decision through a proxy route', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    const outDir = await viteBuild(context, 'web');
    // The `browser` export condition must keep the Node transport (undici) out of the page.
    expect(await nodeOnlyCode(outDir)).toEqual([]);

    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const script = /<script type="module" crossorigin src="\/([^"]+\.js)"/.exec(html)?.[1];
    expect(script, `no module script in ${html}`).toBeDefined();
    expect(await runBundle(context, 'run-web-bundle.mjs', join(outDir, script!))).toEqual({
      status: 'Declined',
      terminal: true,
      amlHits: 1,
      amlCaption: 'Kozlov Sergey Alexandrovich',
    });
  });

  it('an edge function (web-worker build) serving createDiditProxy from core/server bundles without Node modules and answers with the seed decision', async () => {
    const context = requirePackages('core', 'mockServer');
    const outDir = await viteBuild(context, 'worker');
    // `@didit-kit/core/server` calls itself runtime-neutral: under the `worker`/`browser`
    // conditions it must not drag in undici and Node's built-in modules.
    expect(await nodeOnlyCode(outDir)).toEqual([]);

    expect(await runBundle(context, 'run-worker-bundle.mjs', join(outDir, 'worker.js'))).toEqual({
      httpStatus: 200,
      status: 'Declined',
      amlHits: 1,
      amlCaption: 'Kozlov Sergey Alexandrovich',
    });
  });
});
