import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS, docPages, READMES, ROOT, readPage } from './support/pages.ts';
import { snippetsOf, typeCheck } from './support/type-check-snippets.ts';

// Every TypeScript code block of the guides (and of the package READMEs) compiles as written, with
// only what a reader brings: the files the page says to create (a block whose first line names a
// file is that file), the packages it says to install, and what a fragment says it assumes
// (`<!-- snippet: context=... -->`). Each page is one program in a folder of its own, where
// create-next-app's `@/` alias points, so two pages may both have a `lib/didit.ts`.

const READER_MODULES = readFileSync(join(import.meta.dirname, 'support', 'reader-modules.d.ts'), 'utf8');

const pages = [
  ...docPages().map((page) => ({ page, markdown: readPage(page) })),
  ...READMES.map((readme) => ({ page: readme, markdown: readFileSync(join(ROOT, readme), 'utf8') })),
].filter(({ markdown }) => snippetsOf(markdown).length > 0);

describe('the TypeScript blocks of every page', () => {
  it('are found', () => {
    const total = pages.reduce((sum, { markdown }) => sum + snippetsOf(markdown).length, 0);
    expect(total).toBeGreaterThan(90);
  });

  it('fail when they are wrong (the check is not vacuous)', () => {
    const dir = join(DOCS, 'test', '.snippets', 'wrong');
    const wrong = "import { DiditClient } from '@didit-kit/core';\nnew DiditClient({ apiKey: 42 });\n";
    expect(typeCheck(dir, { 'wrong.ts': wrong }).join('\n')).toContain(
      "Type 'number' is not assignable to type 'string'",
    );
  });

  it.each(pages)('$page type-checks as written', ({ page, markdown }) => {
    const snippets = snippetsOf(markdown);
    const skipped = snippets.filter((s) => s.skip !== undefined);
    for (const s of skipped) expect(s.skip, `${page}:${s.line} says why it is skipped`).not.toBe('');
    // Code of an older release (`fails=`) is checked by upgrading.test.ts instead.
    const checked = snippets.filter((s) => s.skip === undefined && s.fails === undefined);
    const names = checked.map((s) => s.name);
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    expect(repeated, `${page}: two blocks are the same file`).toEqual([]);
    const dir = join(DOCS, 'test', '.snippets', page.replace(/\.md$/, '').replaceAll('/', '__'));
    const files = Object.fromEntries(checked.map((s) => [s.name, s.code]));
    const errors = typeCheck(
      dir,
      { ...files, 'reader-modules.d.ts': READER_MODULES },
      { paths: { '@/*': [join(dir, '*')] } },
    ).map((error) => {
      const snippet = checked.find((s) => error.startsWith(`${s.name}:`));
      return snippet ? `${page} (block at line ${snippet.line}) ${error}` : `${page} ${error}`;
    });
    expect(errors).toEqual([]);
  });
});
