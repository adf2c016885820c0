import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installCommand, runInstall, runScript } from '../src/install.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'didit-create-install-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the install', () => {
  it('is `<package manager> install` in the app folder, and the dev script is run the way each one runs it', () => {
    expect(installCommand('npm', dir)).toEqual({ command: 'npm', args: ['install'], cwd: dir });
    expect(installCommand('yarn', dir)).toEqual({ command: 'yarn', args: ['install'], cwd: dir });
    expect(runScript('npm', 'dev')).toBe('npm run dev');
    expect(runScript('pnpm', 'dev')).toBe('pnpm dev');
    expect(runScript('bun', 'dev')).toBe('bun dev');
  });

  // runInstall itself, on node rather than a package manager: no registry, no network.
  it('runs the command in the folder and resolves with its exit code', async () => {
    const script = "require('node:fs').writeFileSync('ran.txt', process.cwd()); process.exit(3)";
    expect(await runInstall({ command: process.execPath, args: ['-e', script], cwd: dir })).toEqual({ code: 3 });
    expect(await readFile(join(dir, 'ran.txt'), 'utf8')).toBe(dir);
    expect(await runInstall({ command: process.execPath, args: ['-e', ''], cwd: dir })).toEqual({ code: 0 });
  });

  it('resolves with the reason when the package manager cannot start', async () => {
    const outcome = await runInstall({ command: 'didit-no-such-package-manager', args: ['install'], cwd: dir });
    expect(outcome).toEqual({ error: expect.stringContaining('ENOENT') });
  });
});
