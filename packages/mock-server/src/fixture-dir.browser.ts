import type { DecisionFile } from './fixture-files.ts';

// fixture-dir.ts for the browser build of the MSW handlers: a browser has no folder to read.

/** Always throws: `fixturesDir` needs Node's file system. */
export function readDecisionDir(dir: string): DecisionFile[] {
  throw new TypeError(
    `fixturesDir (${JSON.stringify(dir)}) is read with Node's file system, which a browser does not have: ` +
      'use the built-in fixtures there (FIXTURE_SESSION_IDS, V3_FIXTURE_IDS), or the handlers under msw/node.',
  );
}
