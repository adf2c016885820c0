import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DIST } from '../support/site.ts';

/**
 * Builds the site once for the tests that read it (turbo's `docs:build`: a cache hit when the docs
 * and the packages' sources are unchanged, as after `.ci/run`'s docs step). It never throws: a
 * failed build is handed to those tests, which fail with it, so that it cannot abort the other
 * projects of a root `vitest run`.
 */
export default function setup(project: TestProject): void {
  // DOCS_PREBUILT=1: test the site as it is in .vitepress/dist (while editing, after `pnpm docs:build`).
  if (process.env.DOCS_PREBUILT === '1') {
    const error = existsSync(join(DIST, 'index.html')) ? undefined : `DOCS_PREBUILT=1, but there is no ${DIST}`;
    project.provide('docsBuild', { error });
    return;
  }
  const root = join(import.meta.dirname, '..', '..', '..');
  const started = performance.now();
  const result = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'docs:build', '--filter=docs', '--output-logs=errors-only'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = Math.round(performance.now() - started);
  const error =
    result.status !== 0
      ? `pnpm docs:build failed (exit ${result.status}):\n${`${result.stdout}\n${result.stderr}`.slice(-4000)}`
      : existsSync(join(DIST, 'index.html'))
        ? undefined
        : `pnpm docs:build left no ${DIST}/index.html`;
  console.log(`docs: site ${error ? 'not built' : 'built'} in ${ms} ms`);
  project.provide('docsBuild', { error });
}

declare module 'vitest' {
  export interface ProvidedContext {
    docsBuild: { error: string | undefined };
  }
}
