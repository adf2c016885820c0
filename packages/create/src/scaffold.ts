import { cp, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

/** The packages an example depends on that this release publishes: set to the release's own version. */
const OWN_SCOPE = '@didit-kit/';

/** npm never packs a file named `.gitignore`, so the templates carry it as `_gitignore`. */
export const GITIGNORE_IN_TEMPLATE = '_gitignore';

export interface ScaffoldOptions {
  /** The template folder (an example, as copied into the package at build time). */
  templateDir: string;
  /** Where to write the app; created if missing, refused when it holds anything. */
  targetDir: string;
  /** The release's version: every `@didit-kit/*` dependency becomes `^version`. */
  version: string;
}

export class TargetNotEmptyError extends Error {
  constructor(readonly targetDir: string) {
    super(`${targetDir} is not empty: choose a new folder, or empty this one first.`);
    this.name = 'TargetNotEmptyError';
  }
}

/** Copies the template to `targetDir` and makes it the user's app: its name, this release's versions, `.gitignore`. */
export async function scaffold({ templateDir, targetDir, version }: ScaffoldOptions): Promise<void> {
  const target = resolve(targetDir);
  if (!(await isEmptyOrMissing(target))) throw new TargetNotEmptyError(targetDir);
  await mkdir(target, { recursive: true });
  await cp(templateDir, target, { recursive: true });

  const gitignore = join(target, GITIGNORE_IN_TEMPLATE);
  if (await exists(gitignore)) await rename(gitignore, join(target, '.gitignore'));

  const manifestPath = join(target, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.name = packageName(basename(target));
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const deps = manifest[field] as Record<string, string> | undefined;
    for (const dependency of Object.keys(deps ?? {})) {
      if (dependency.startsWith(OWN_SCOPE) && deps) deps[dependency] = `^${version}`;
    }
  }
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A folder name as an npm package name: lower case, `-` for what npm does not allow. */
export function packageName(folder: string): string {
  const name = folder
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/^[._]+/, '')
    .replace(/[^a-z0-9\-._~]+/g, '-');
  return name === '' ? 'didit-app' : name;
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
  } catch {
    return true;
  }
  // A new repository's own files are no reason to refuse.
  const entries = (await readdir(dir)).filter((entry) => entry !== '.git' && entry !== '.DS_Store');
  return entries.length === 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
