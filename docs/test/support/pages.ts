import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const DOCS = join(import.meta.dirname, '..', '..');
export const ROOT = join(DOCS, '..');

/** The published packages' READMEs: short pages (what it is, install, a quick start) that point into the docs. */
export const PACKAGE_READMES = [
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/mock-server/README.md',
];

/** Every README checked like the docs: links, code blocks, route spellings. */
export const READMES = ['README.md', ...PACKAGE_READMES, 'packages/create/README.md', 'apps/demo/README.md'];
/** Every hand-written page of the site (not the generated reference), relative to docs/. */
export function docPages(dir = DOCS): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'reference', 'test', 'scripts', 'parts'].includes(entry.name) || entry.name.startsWith('.')) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pages.push(...docPages(path));
    else if (entry.name.endsWith('.md')) pages.push(relative(DOCS, path));
  }
  return pages.sort();
}

/**
 * A page's Markdown as VitePress builds it, by its path relative to docs/: with the parts it
 * includes (`<!--@include: ./parts/didit-module.md-->`, shared by several pages) written in.
 */
export function readPage(page: string): string {
  const file = join(DOCS, page);
  return includeParts(readFileSync(file, 'utf8'), dirname(file));
}

function includeParts(markdown: string, dir: string): string {
  return markdown.replace(/<!--@include:\s*(\S+?)\s*-->/g, (_, path: string) => {
    const file = join(dir, path);
    return includeParts(readFileSync(file, 'utf8'), dirname(file)).trimEnd();
  });
}
