import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageName, scaffold, TargetNotEmptyError } from '../src/scaffold.ts';

let root: string;
let templateDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'didit-create-'));
  templateDir = join(root, 'template');
  await mkdir(join(templateDir, 'app', 'api'), { recursive: true });
  await writeFile(join(templateDir, 'app', 'api', 'route.ts'), 'export const GET = 1;\n');
  await writeFile(join(templateDir, '_gitignore'), 'node_modules\n');
  await writeFile(join(templateDir, '.env.example'), 'DIDIT_API_KEY=\n');
  await writeFile(
    join(templateDir, 'package.json'),
    JSON.stringify({
      name: 'didit-kit-example-nextjs',
      private: true,
      dependencies: { '@didit-kit/core': '^0.0.0', '@didit-kit/react': '^0.0.0', next: '16.4.6' },
      devDependencies: { '@didit-kit/mock-server': '^0.0.0', '@didit-kitty/other': '1.0.0', vitest: '4.1.12' },
    }),
  );
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('scaffold', () => {
  it('copies the template, names the app after its folder, and gives @didit-kit/* the release version', async () => {
    const targetDir = join(root, 'My App');
    await scaffold({ templateDir, targetDir, version: '1.4.2' });

    expect((await readdir(targetDir)).sort()).toEqual(['.env.example', '.gitignore', 'app', 'package.json']);
    expect(await readFile(join(targetDir, 'app', 'api', 'route.ts'), 'utf8')).toBe('export const GET = 1;\n');
    expect(await readFile(join(targetDir, '.gitignore'), 'utf8')).toBe('node_modules\n');
    const manifest = JSON.parse(await readFile(join(targetDir, 'package.json'), 'utf8'));
    expect(manifest).toEqual({
      name: 'my-app',
      private: true,
      dependencies: { '@didit-kit/core': '^1.4.2', '@didit-kit/react': '^1.4.2', next: '16.4.6' },
      devDependencies: { '@didit-kit/mock-server': '^1.4.2', '@didit-kitty/other': '1.0.0', vitest: '4.1.12' },
    });
  });

  it('writes into an empty folder, or one holding only a new repository', async () => {
    const targetDir = join(root, 'repo');
    await mkdir(join(targetDir, '.git'), { recursive: true });
    await scaffold({ templateDir, targetDir, version: '1.0.0' });
    expect(await readdir(targetDir)).toContain('package.json');
  });

  it('refuses a folder that holds anything, and writes nothing into it', async () => {
    const targetDir = join(root, 'busy');
    await mkdir(targetDir);
    await writeFile(join(targetDir, 'notes.txt'), 'mine');
    await expect(scaffold({ templateDir, targetDir, version: '1.0.0' })).rejects.toBeInstanceOf(TargetNotEmptyError);
    expect(await readdir(targetDir)).toEqual(['notes.txt']);
  });
});

describe('packageName', () => {
  it.each([
    ['my-app', 'my-app'],
    ['My App', 'my-app'],
    ['_private', 'private'],
    ['kyc@home!', 'kyc-home-'],
    ['', 'didit-app'],
  ])('%j becomes %j', (folder, name) => {
    expect(packageName(folder)).toBe(name);
  });
});
