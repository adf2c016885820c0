import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's "Testing" recipe is examples/testing-with-msw.test.tsx, shown verbatim: this file
// checks that the README still shows exactly that file and runs its tests. The example is written
// for v3 (the default) while this package's tests register v1, so it stays outside their tsc
// program. A `.ts` file: it runs once, in the `react` project.

const packageDir = join(import.meta.dirname, '..');
const examplePath = join(packageDir, 'examples', 'testing-with-msw.test.tsx');

// Imported by a path tsc does not follow, for that reason; vitest collects its tests here.
await import(/* @vite-ignore */ examplePath);

describe('the README testing recipe', () => {
  it('is examples/testing-with-msw.test.tsx, verbatim', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const shown = readme.match(/<!-- recipe: examples\/testing-with-msw\.test\.tsx -->\n```tsx\n([\s\S]*?)```/)?.[1];
    expect(shown).toBe(readFileSync(examplePath, 'utf8'));
  });
});
