import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DecisionFile, FixtureError } from './fixture-files.ts';

// A user's folder of decision files (the v1 `fixturesDir` option), read with Node's file system.
// The one module of the MSW handlers' graph that needs it: their browser build (tsdown.config.ts)
// takes fixture-dir.browser.ts instead.

/** Every `*.json` in `dir`, in name order, parsed. Throws `FixtureError` for a missing folder or a bad file. */
export function readDecisionDir(dir: string): DecisionFile[] {
  if (!isDirectory(dir)) throw new FixtureError(dir, 'is not a directory of *.json decision files');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readDecisionFile(join(dir, name)));
}

function readDecisionFile(file: string): DecisionFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FixtureError(file, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return { file, data: JSON.parse(text) };
  } catch (error) {
    throw new FixtureError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
