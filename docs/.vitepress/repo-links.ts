import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MarkdownRenderer } from 'vitepress';

/** The repository root: links to its files are checked against it. */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Where the repository's files are browsed. One place to change it; `DOCS_REPOSITORY_URL`
 * overrides it for a fork or a mirror.
 */
export const REPOSITORY_URL = (process.env.DOCS_REPOSITORY_URL ?? 'https://github.com/didit-kit/didit-kit').replace(
  /\/+$/,
  '',
);

/** `repo:examples/nextjs` → its path in the repository, or undefined for any other link. */
export function repositoryPath(href: string): string | undefined {
  return href.startsWith('repo:') ? href.slice('repo:'.length).split('#')[0] : undefined;
}

/**
 * Links to the repository's files are written `[text](repo:path/in/the/repo)` in the pages. This
 * plugin turns them into links to the repository's browser, and fails the build when the path
 * does not exist (VitePress checks the links between pages; this checks the others).
 */
export function repositoryLinks(md: MarkdownRenderer): void {
  md.core.ruler.push('didit_repository_links', (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== 'link_open') continue;
        const href = token.attrGet('href') ?? '';
        const path = repositoryPath(href);
        if (path === undefined) continue;
        const file = join(REPOSITORY_ROOT, path);
        if (path === '' || path.startsWith('/') || path.includes('..') || !existsSync(file)) {
          const page = (state.env as { relativePath?: string }).relativePath ?? 'a page';
          throw new Error(`${page}: the link ${href} names no file or folder of the repository`);
        }
        const kind = statSync(file).isDirectory() ? 'tree' : 'blob';
        const hash = href.includes('#') ? `#${href.split('#')[1]}` : '';
        token.attrSet('href', `${REPOSITORY_URL}/${kind}/main/${path}${hash}`);
      }
    }
  });
}
