import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative } from 'node:path';
import { inject } from 'vitest';
import { DOCS } from './pages.ts';

/** Where `vitepress build` writes the site. */
export const DIST = join(DOCS, '.vitepress', 'dist');

/** Fails the test with the build's error when the global setup could not build the site. */
export function requireBuiltSite(): void {
  const { error } = inject('docsBuild');
  if (error) throw new Error(error);
}

/** Every built page, as the path it is served at (`/guide/proxy`, `/` for index.html). */
export function builtPages(dir = DIST): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'assets') pages.push(...builtPages(path));
    } else if (entry.name.endsWith('.html') && entry.name !== '404.html') {
      const route = `/${relative(DIST, path)}`.replace(/\.html$/, '').replace(/(^|\/)index$/, '$1');
      pages.push(route);
    }
  }
  return pages.sort();
}

/** The built file of a path (`/guide/proxy` → guide/proxy.html, `/guide/` → guide/index.html), if any. */
export function fileOf(pathname: string): string | undefined {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^\/+/, '');
  if (clean.startsWith('..')) return undefined;
  for (const candidate of [clean, `${clean}.html`, join(clean, 'index.html')]) {
    const file = join(DIST, candidate);
    if (candidate !== '' && existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The built site on 127.0.0.1, with VitePress's clean URLs (`/guide/proxy` serves guide/proxy.html). */
export async function serveSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const file = fileOf(pathname === '/' ? '/index.html' : pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}
