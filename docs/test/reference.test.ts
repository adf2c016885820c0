import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DOCS, PACKAGE_READMES, ROOT } from './support/pages.ts';
import { requireBuiltSite } from './support/site.ts';

// The generated API reference has a page for every public entry of the three packages (their
// `exports`): an entry added to a package.json without a line in scripts/reference.mjs fails here.
it('the API reference documents every entry the packages export', () => {
  requireBuiltSite();
  const index = readFileSync(join(DOCS, 'reference', 'index.md'), 'utf8');
  const entries = PACKAGE_READMES.flatMap((readme) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, readme.replace('README.md', 'package.json')), 'utf8')) as {
      name: string;
      exports: Record<string, unknown>;
    };
    return (
      Object.keys(pkg.exports)
        // Data, not code: package.json, and core's copy of Didit's OpenAPI document.
        .filter((path) => !path.endsWith('.json'))
        .map((path) => pkg.name + path.slice(1))
    );
  });
  // core's four, react's two, the mock's two: fewer means the list above lost some.
  expect(entries.length).toBeGreaterThanOrEqual(8);
  const missing = entries.filter((entry) => !index.includes(`[${entry}](`));
  expect(missing).toEqual([]);
});
