// Build step: copies each of the repository's examples/* into templates/, the folder `create` writes apps from.
// The examples are the single source (nothing under templates/ is in git). Left out: what an example's
// .gitignore leaves out after `npm install` / `npm run dev` / `npm run build` in place (dependencies, build output,
// local env files). `.gitignore` travels as `_gitignore`: npm never packs a file of that name.
import { cp, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const examplesDir = join(packageDir, '..', '..', 'examples');
const templatesDir = join(packageDir, 'templates');

const SKIPPED_DIRS = new Set(['node_modules', '.next', 'dist', 'coverage', '.turbo', '.vercel']);
const SKIPPED_FILES = new Set(['next-env.d.ts', 'package-lock.json', '.DS_Store']);

function copied(source) {
  const name = basename(source);
  if (SKIPPED_DIRS.has(name) || SKIPPED_FILES.has(name)) return false;
  if (name.endsWith('.tsbuildinfo') || name.endsWith('.log')) return false;
  return !(name === '.env' || (name.startsWith('.env.') && name !== '.env.example'));
}

await rm(templatesDir, { recursive: true, force: true });
const examples = (await readdir(examplesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
for (const example of examples) {
  const target = join(templatesDir, example.name);
  await cp(join(examplesDir, example.name), target, { recursive: true, filter: copied });
  await rename(join(target, '.gitignore'), join(target, '_gitignore'));
}
console.log(`templates: ${examples.map((example) => example.name).join(', ')}`);
