import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS, docPages, READMES, ROOT, readPage } from './support/pages.ts';
import { builtPages, DIST, fileOf, requireBuiltSite } from './support/site.ts';

// VitePress fails the build on a link to a page that does not exist. These check the rest: links to
// the repository's files (`repo:` in the pages, relative paths in the READMEs), every link's
// `#anchor` in the built site, and one spelling of the two routes everywhere.

/** Every hand-written Markdown file of the site, the shared parts included, relative to docs/. */
function markdownFiles(dir = DOCS): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'reference', 'test'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) files.push(path);
  }
  return files;
}

const LINK = /\]\(([^)\s]+)\)/g;

describe('links to the repository', () => {
  it('every repo: link of the docs names a file or folder that exists', () => {
    const links = markdownFiles().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(LINK)]
        .map((match) => match[1] ?? '')
        .filter((href) => href.startsWith('repo:'))
        .map((href) => ({ file: file.slice(DOCS.length + 1), path: href.slice('repo:'.length).split('#')[0] ?? '' })),
    );
    expect(links.length).toBeGreaterThan(5);
    const missing = links.filter(({ path }) => path === '' || path.includes('..') || !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it.each(READMES)('%s: every relative link names a file that exists', (readme) => {
    const text = readFileSync(join(ROOT, readme), 'utf8');
    const relativeLinks = [...text.matchAll(LINK)]
      .map((match) => match[1] ?? '')
      .filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'));
    const missing = relativeLinks.filter(
      (href) => !existsSync(join(dirname(join(ROOT, readme)), href.split('#')[0] ?? '')),
    );
    expect(missing).toEqual([]);
  });
});

describe('one spelling of each route', () => {
  const texts = [
    ...docPages().map((page) => ({ name: page, text: readPage(page) })),
    ...READMES.map((readme) => ({ name: readme, text: readFileSync(join(ROOT, readme), 'utf8') })),
  ];

  it.each(texts)(
    '$name: the webhook route is POST /api/webhooks/didit (Next.js: app/api/webhooks/didit/route.ts)',
    ({ text }) => {
      const others = [...text.matchAll(/[\w/.:[\]-]*webhooks\/didit[\w/.[\]-]*/g)]
        .map((match) => match[0])
        .filter((path) => !/^(?:\/|app\/|https?:\/\/[\w.:-]+\/)api\/webhooks\/didit(?:\/route\.ts)?$/.test(path));
      expect(others).toEqual([]);
    },
  );

  it.each(texts)(
    '$name: the proxy is mounted at /api/didit (Next.js: app/api/didit/[...path]/route.ts)',
    ({ text }) => {
      const prefixes = [...text.matchAll(/prefix: '([^']*)'/g)].map((match) => match[1]);
      expect(prefixes.filter((prefix) => prefix !== '/api/didit')).toEqual([]);
      const nextRoutes = [...text.matchAll(/app\/[\w/.[\]-]*didit[\w/.[\]-]*\/route\.ts/g)].map((match) => match[0]);
      expect(
        nextRoutes.filter(
          (route) => !['app/api/didit/[...path]/route.ts', 'app/api/webhooks/didit/route.ts'].includes(route),
        ),
      ).toEqual([]);
    },
  );
});

describe('the built site', () => {
  it("every link between pages lands on a page, and on its anchor's heading", () => {
    requireBuiltSite();
    const pages = builtPages();
    expect(pages).toContain('/guide/troubleshooting');
    expect(pages).toContain('/reference/');
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let found = ids.get(file);
      if (!found) {
        found = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? ''));
        ids.set(file, found);
      }
      return found;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const file = fileOf(page === '/' ? '/index.html' : page) ?? '';
      const html = readFileSync(file, 'utf8');
      for (const [, href = ''] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
        if (/^[a-z]+:/i.test(href) || href.startsWith('//') || href.startsWith('/assets/')) continue;
        const target = new URL(href.replaceAll('&amp;', '&'), `http://site${page}`);
        const targetFile = fileOf(target.pathname === '/' ? '/index.html' : target.pathname);
        checked++;
        if (!targetFile) broken.push(`${page}: ${href} (no such page)`);
        else if (target.hash && !idsOf(targetFile).has(decodeURIComponent(target.hash.slice(1)))) {
          broken.push(`${page}: ${href} (no such heading)`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('has no repo: link left, and every repository link points into the repository', () => {
    requireBuiltSite();
    const html = builtPages()
      .map((page) => readFileSync(fileOf(page === '/' ? '/index.html' : page) ?? '', 'utf8'))
      .join('\n');
    expect(html).not.toContain('href="repo:');
    expect(existsSync(join(DIST, '404.html'))).toBe(true);
  });
});
