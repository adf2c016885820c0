import { join } from 'node:path';
import type { SmokeContext } from './context.ts';
import { runOk } from './exec.ts';

/** `vite build <root>` with the consumer's own Vite (8.3.8) and the root's vite.config.mjs, if any, into `<app>/<root>-dist`. */
export async function viteBuild(context: SmokeContext, root: string): Promise<string> {
  const outDir = join(context.appDir, `${root}-dist`);
  await runOk(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', root, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: context.appDir, timeoutMs: 120_000 },
  );
  return outDir;
}
