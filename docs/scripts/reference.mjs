#!/usr/bin/env node
// Generates the API reference (docs/reference/, git-ignored) from the packages' TypeScript
// sources with TypeDoc, as Markdown pages VitePress builds with the guides. One page per public
// entry (`@didit-kit/core/server`, ...), named as a user imports it. It is generated on every
// `docs:build` and `docs:dev`, so it cannot go stale.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Application, Converter, ReflectionKind } from 'typedoc';

const docs = resolve(import.meta.dirname, '..');
const root = resolve(docs, '..');

/** Every public entry of the three packages, from their `exports` (the `@didit-kit/source` file). */
export const ENTRIES = {
  '@didit-kit/core': 'packages/core/src/index.ts',
  '@didit-kit/core/server': 'packages/core/src/server.ts',
  '@didit-kit/core/v3': 'packages/core/src/v3/index.ts',
  '@didit-kit/core/v1': 'packages/core/src/v1/index.ts',
  '@didit-kit/react': 'packages/react/src/index.ts',
  '@didit-kit/react/verification': 'packages/react/src/verification/index.ts',
  '@didit-kit/mock-server': 'packages/mock-server/src/index.ts',
  '@didit-kit/mock-server/msw': 'packages/mock-server/src/msw.ts',
};

const out = join(docs, 'reference');
rmSync(out, { recursive: true, force: true });

const started = performance.now();
const app = await Application.bootstrapWithPlugins({
  entryPoints: Object.values(ENTRIES).map((file) => join(root, file)),
  entryPointStrategy: 'resolve',
  // Type errors are `pnpm typecheck`'s to report: the reference documents the sources as they are.
  skipErrorChecking: true,
  tsconfig: join(docs, 'tsconfig.reference.json'),
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  out,
  name: 'API reference',
  readme: 'none',
  // One page per entry: the reference stays a handful of pages (and the build quick).
  outputFileStrategy: 'modules',
  entryFileName: 'index.md',
  hidePageHeader: true,
  hideBreadcrumbs: true,
  useCodeBlocks: true,
  parametersFormat: 'table',
  interfacePropertiesFormat: 'table',
  classPropertiesFormat: 'table',
  typeDeclarationFormat: 'table',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  disableSources: true,
  gitRevision: 'main',
  sort: ['kind', 'alphabetical'],
  validation: { notExported: false, invalidLink: false, rewrittenLink: false },
  logLevel: 'Warn',
  docsRoot: docs,
  sidebar: { pretty: true },
});

// Name each module as it is imported (`@didit-kit/core/server`), not by its path (`core/src/server`).
const byPath = new Map(
  Object.entries(ENTRIES).map(([name, file]) => [file.replace(/^packages\//, '').replace(/(\/index)?\.ts$/, ''), name]),
);
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
    const name = byPath.get(module.name);
    if (!name) throw new Error(`reference: no entry named for module ${module.name}`);
    module.name = name;
  }
});

const project = await app.convert();
if (!project) throw new Error('TypeDoc could not convert the packages (see above)');
await app.generateOutputs(project);
if (app.logger.hasErrors()) process.exit(1);

// typedoc-vitepress-theme writes most links to an anchor as VitePress spells anchors
// (`#property-application-id-1`) but leaves a table row's own `<a id>`, and links to another page's
// heading, as TypeDoc spelt them (`property-application_id-1`, `../v1#document_types`): spell them
// all the way VitePress does, so that every link lands.
const slug = (id) =>
  id
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, 'utf8');
  const fixed = text
    .replace(/<a id="([^"]+)"><\/a>/g, (_, id) => `<a id="${slug(id)}"></a>`)
    .replace(/\]\(([^)#\s]*)#([^)\s]+)\)/g, (_, path, id) => `](${path}#${slug(id)})`);
  if (fixed !== text) writeFileSync(file, fixed);
}
console.log(`API reference: ${relative(root, out)} in ${Math.round(performance.now() - started)} ms`);
