import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOk } from '../../smoke/lib/exec.ts';
import { REPO_ROOT } from '../../smoke/lib/paths.ts';
import { EXAMPLES } from '../lib/example-app.ts';

const examplesDir = join(REPO_ROOT, 'examples');

describe('examples/ in the repository', () => {
  it('holds the three apps `npm create @didit-kit` offers, and nothing else', async () => {
    const dirs = (await readdir(examplesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    expect(dirs.map((entry) => entry.name).sort()).toEqual(Object.values(EXAMPLES).sort());
  });

  it('depends on the @didit-kit packages at the caret range of their current version (scripts/sync-example-versions.mjs)', async () => {
    for (const example of Object.values(EXAMPLES)) {
      const manifest = JSON.parse(await readFile(join(examplesDir, example, 'package.json'), 'utf8'));
      const didit = { ...manifest.dependencies, ...manifest.devDependencies };
      const names = Object.keys(didit).filter((name) => name.startsWith('@didit-kit/'));
      expect(names.sort(), example).toEqual(['@didit-kit/core', '@didit-kit/mock-server', '@didit-kit/react']);
      for (const name of names) {
        const dir = name.replace('@didit-kit/', '');
        const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8'));
        expect(didit[name], `${example}: ${name}`).toBe(`^${version}`);
      }
    }
  });

  it('are standalone npm projects: no pnpm workspace member lives under examples/', async () => {
    const { stdout } = await runOk('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], {
      cwd: REPO_ROOT,
      timeoutMs: 60_000,
    });
    const members = (JSON.parse(stdout) as { path: string }[]).map((member) => member.path);
    expect(members).toContain(join(REPO_ROOT, 'packages', 'create'));
    expect(members.filter((path) => path.startsWith(examplesDir))).toEqual([]);
  });
});
