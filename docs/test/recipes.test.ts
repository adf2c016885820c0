import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_READMES, ROOT, readPage } from './support/pages.ts';
import { snippetsOf } from './support/type-check-snippets.ts';

// Pages that show a file the packages' tests run, or a shape their tests pin, show it as it is.

describe('recipes the packages run', () => {
  it("Testing's MSW recipe is @didit-kit/react's examples/testing-with-msw.test.tsx, verbatim", () => {
    const page = readPage('guide/testing.md');
    const shown = page.match(/<!-- recipe: examples\/testing-with-msw\.test\.tsx -->\n```tsx\n([\s\S]*?)```/)?.[1];
    // The react project runs that file (packages/react/test/msw-recipe.test.ts).
    expect(shown).toBe(readFileSync(join(ROOT, 'packages/react/examples/testing-with-msw.test.tsx'), 'utf8'));
  });

  it("Didit v1 verifies a v1 app's webhook with apiVersion: 'v1' (typed LegacyWebhookEvent; snippets.test.ts compiles it)", () => {
    const blocks = snippetsOf(readPage('guide/v1.md')).map((snippet) => snippet.code);
    expect(blocks.some((code) => /verifyWebhook\(\{[\s\S]*apiVersion: 'v1'/.test(code))).toBe(true);
  });
});

describe('the package READMEs', () => {
  it.each(PACKAGE_READMES)('%s is short (at most 250 lines) and points into the docs', (readme) => {
    const text = readFileSync(join(ROOT, readme), 'utf8');
    expect(text.split('\n').length).toBeLessThanOrEqual(250);
    expect(text).toContain('## Install');
    expect(text).toMatch(/## Quick start/);
    const docLinks = [...text.matchAll(/\]\((\.\.\/\.\.\/docs\/[^)]+)\)/g)];
    expect(docLinks.length).toBeGreaterThanOrEqual(5);
  });
});
