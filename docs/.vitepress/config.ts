import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { REPOSITORY_URL, repositoryLinks } from './repo-links.ts';

/** The API reference's sidebar, written by `scripts/reference.mjs` (TypeDoc) before every build. */
function referenceSidebar(): DefaultTheme.SidebarItem[] {
  const file = join(import.meta.dirname, '..', 'reference', 'typedoc-sidebar.json');
  if (!existsSync(file)) throw new Error('docs: run `node scripts/reference.mjs` first (pnpm docs:build does)');
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

export const guideSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Start',
    items: [
      { text: 'Quick start', link: '/guide/' },
      { text: 'Next.js (App Router)', link: '/guide/nextjs' },
      { text: 'Vite + Express', link: '/guide/vite-express' },
      { text: 'Hono', link: '/guide/hono' },
      { text: 'How the pieces fit', link: '/guide/how-it-fits' },
    ],
  },
  {
    text: 'Guides',
    items: [
      { text: 'Server-side proxy', link: '/guide/proxy' },
      { text: 'Realtime and production', link: '/guide/realtime' },
      { text: 'Testing', link: '/guide/testing' },
      { text: 'Troubleshooting', link: '/guide/troubleshooting' },
      { text: 'Didit v1', link: '/guide/v1' },
      { text: 'Upgrading from the v1 release', link: '/guide/upgrading' },
    ],
  },
  {
    text: '@didit-kit/core',
    items: [
      { text: 'The client', link: '/core/' },
      { text: 'The whole v3 API', link: '/core/api' },
      { text: 'The v3 API, method by method', link: '/core/api-reference-table' },
      { text: 'Errors, retries, timeouts', link: '/core/errors' },
      { text: 'Webhooks', link: '/core/webhooks' },
      { text: 'Secrets and transports', link: '/core/secrets-and-transports' },
    ],
  },
  {
    text: '@didit-kit/react',
    items: [
      { text: 'Hooks', link: '/react/' },
      { text: 'Hooks API', link: '/react/api' },
      { text: 'Server-side rendering', link: '/react/ssr' },
    ],
  },
  {
    text: '@didit-kit/mock-server',
    items: [
      { text: 'The mock server (v3)', link: '/mock-server/' },
      { text: 'The whole v3 API', link: '/mock-server/whole-api' },
      { text: 'CLI and options', link: '/mock-server/cli' },
      { text: 'Webhooks', link: '/mock-server/webhooks' },
      { text: 'Faults and admin routes', link: '/mock-server/faults' },
      { text: 'v1 routes and fixtures', link: '/mock-server/v1' },
    ],
  },
];

export default defineConfig({
  title: 'didit-kit',
  description: "A TypeScript toolkit for Didit's identity verification: typed client, React hooks, mock server.",
  lang: 'en',
  lastUpdated: false,
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  // Dead links between pages fail the build (VitePress's default; keep it). Links to the
  // repository's files (`repo:...`) are checked by repositoryLinks.
  ignoreDeadLinks: false,
  srcExclude: ['scripts/**', 'test/**', '**/parts/**', 'README.md'],
  markdown: {
    config: (md) => repositoryLinks(md),
  },
  // The local search index holds the generated API reference too (about 0.7 MB, loaded when the search opens).
  vite: { build: { chunkSizeWarningLimit: 1024 } },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/' },
      { text: 'Troubleshooting', link: '/guide/troubleshooting' },
      { text: 'Upgrading', link: '/guide/upgrading' },
      { text: 'API reference', link: '/reference/' },
    ],
    sidebar: {
      '/reference/': [{ text: 'API reference', link: '/reference/', items: referenceSidebar() }],
      '/': guideSidebar,
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    socialLinks: [{ icon: 'github', link: REPOSITORY_URL }],
    footer: { message: 'MIT License' },
  },
});
