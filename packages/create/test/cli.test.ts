import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageManager, run } from '../src/cli.ts';
import { FRAMEWORKS } from '../src/frameworks.ts';
import type { InstallCommand, InstallOutcome } from '../src/install.ts';

let root: string;
let templatesDir: string;
let cwd: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'didit-create-cli-'));
  templatesDir = join(root, 'templates');
  cwd = join(root, 'work');
  await mkdir(cwd);
  // One small template per example, each telling which one it is.
  for (const { example } of FRAMEWORKS) {
    await mkdir(join(templatesDir, example), { recursive: true });
    await writeFile(join(templatesDir, example, 'which.txt'), example);
    await writeFile(
      join(templatesDir, example, 'package.json'),
      JSON.stringify({ name: example, dependencies: { '@didit-kit/core': '^0.0.0' } }),
    );
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

/**
 * Runs the command with its output collected; `keys` are typed into its input, one batch per prompt. The install
 * is a stand-in (never a real package manager, never the network): it records what it was asked to run, whether
 * the app was written by then, and ends with `installed`.
 */
async function create(
  argv: string[],
  {
    interactive = false,
    keys = [] as string[],
    userAgent = 'npm/11.6.2 node/v20.20.2 linux x64 workspaces/false' as string | undefined,
    installed = { code: 0 } as InstallOutcome,
  } = {},
) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const installs: (InstallCommand & { written: boolean })[] = [];
  const install = async (command: InstallCommand) => {
    const written = await readFile(join(command.cwd, 'package.json'), 'utf8').then(
      () => true,
      () => false,
    );
    installs.push({ ...command, written });
    return installed;
  };
  const done = run(argv, { input, output, interactive, cwd, userAgent, install, templatesDir, version: '2.3.4' });
  for (const batch of keys) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.write(batch);
  }
  const code = await done;
  return { code, text: stripVTControlCharacters(text), installs };
}

async function written(dir: string) {
  return {
    which: await readFile(join(cwd, dir, 'which.txt'), 'utf8'),
    manifest: JSON.parse(await readFile(join(cwd, dir, 'package.json'), 'utf8')),
  };
}

describe('create-didit-kit', () => {
  it.each(FRAMEWORKS.map((framework) => [framework.name, framework.example]))(
    '--framework %s writes the %s example, installs it with npm, and prints the next steps',
    async (name, example) => {
      const { code, text, installs } = await create(['my-app', '--framework', name]);
      expect(code).toBe(0);
      expect(await written('my-app')).toEqual({
        which: example,
        manifest: { name: 'my-app', dependencies: { '@didit-kit/core': '^2.3.4' } },
      });
      // Once, in the app's folder, after it was written: what `npm create` then `cd my-app` leaves to do is `npm run dev`.
      expect(installs).toEqual([{ command: 'npm', args: ['install'], cwd: join(cwd, 'my-app'), written: true }]);
      expect(text).toContain('Installing its dependencies: npm install\n');
      expect(text).toContain('Next steps:\n  cd my-app\n  npm run dev\n');
      expect(text).not.toContain('  npm install\n');
    },
  );

  it.each([
    ['pnpm/10.34.9 npm/? node/v20.20.2 linux x64', 'pnpm', 'pnpm dev'],
    ['yarn/4.5.0 npm/? node/v20.20.2 linux x64', 'yarn', 'yarn dev'],
    ['bun/1.2.0 npm/? node/v20.20.2 linux x64', 'bun', 'bun dev'],
    [undefined, 'npm', 'npm run dev'],
  ])('run by %s, it installs with %s and says %s', async (userAgent, pm, dev) => {
    const { code, text, installs } = await create(['app', '-f', 'hono'], { userAgent });
    expect(code).toBe(0);
    expect(installs).toEqual([{ command: pm, args: ['install'], cwd: join(cwd, 'app'), written: true }]);
    expect(text).toContain(`Next steps:\n  cd app\n  ${dev}\n`);
  });

  it('--skip-install writes the app only, and the next steps install it', async () => {
    const { code, text, installs } = await create(['app', '-f', 'next', '--skip-install'], {
      userAgent: 'pnpm/10.34.9 npm/? node/v20.20.2',
    });
    expect(code).toBe(0);
    expect(installs).toEqual([]);
    expect((await written('app')).which).toBe('nextjs');
    expect(text).not.toContain('Installing');
    expect(text).toContain('Next steps:\n  cd app\n  pnpm install\n  pnpm dev\n');
  });

  it('a failed install keeps the app, says how to finish by hand, and exits 1', async () => {
    const { code, text } = await create(['app', '--framework', 'vite-express'], { installed: { code: 7 } });
    expect(code).toBe(1);
    expect((await written('app')).which).toBe('vite-express');
    expect(text).toContain('npm install exited with code 7. The app is written; to finish by hand:\n');
    expect(text).toContain('  cd app\n  npm install\n  npm run dev\n');
    expect(text).not.toContain('Next steps:');
  });

  it('so does a package manager that cannot start', async () => {
    const { code, text } = await create(['app', '--framework', 'next'], {
      userAgent: 'bun/1.2.0',
      installed: { error: 'spawn bun ENOENT' },
    });
    expect(code).toBe(1);
    expect(text).toContain('bun install could not start (spawn bun ENOENT). The app is written; to finish by hand:\n');
    expect(text).toContain('  cd app\n  bun install\n  bun dev\n');
  });

  it('reads the package manager from npm_config_user_agent', () => {
    expect(packageManager('npm/11.6.2 node/v20.20.2 linux x64 workspaces/false')).toBe('npm');
    expect(packageManager('pnpm/10.34.9 npm/? node/v20.20.2')).toBe('pnpm');
    expect(packageManager('yarn/1.22.22 npm/? node/v20.20.2')).toBe('yarn');
    expect(packageManager('bun/1.2.0 npm/? node/v20')).toBe('bun');
    expect(packageManager('deno/2.1.0')).toBe('npm');
    expect(packageManager(undefined)).toBe('npm');
  });

  it('asks for the folder and the framework on a terminal', async () => {
    // Enter a folder name, then arrow down twice (the third framework) and Enter.
    const { code, text, installs } = await create([], {
      interactive: true,
      keys: ['shop\r', '\x1b[B', '\x1b[B', '\r'],
    });
    expect(code).toBe(0);
    expect(text).toContain('Framework');
    expect((await written('shop')).which).toBe(FRAMEWORKS[2].example);
    expect(installs).toHaveLength(1);
    expect(text).toContain('Installing its dependencies: npm install');
    expect(text).toContain('Next steps');
  });

  it('asks only for the framework when the folder is given, and writes nothing when cancelled', async () => {
    const { code, text, installs } = await create(['kept'], { interactive: true, keys: ['\x03'] });
    expect(code).toBe(1);
    expect(text).toContain('Nothing was written.');
    expect(await readdir(cwd)).toEqual([]);
    expect(installs).toEqual([]);
  });

  it('without a terminal, a missing --framework is a usage error, not a prompt that waits forever', async () => {
    const { code, text } = await create(['app']);
    expect(code).toBe(2);
    expect(text).toContain('pass --framework next|vite-express|hono');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses an unknown framework, a second folder and an unknown flag', async () => {
    expect(await create(['app', '--framework', 'vue'])).toMatchObject({ code: 2 });
    expect((await create(['app', '--framework', 'vue'])).text).toContain('choose one of next|vite-express|hono');
    expect(await create(['a', 'b', '--framework', 'next'])).toMatchObject({ code: 2 });
    expect(await create(['a', '--template', 'next'])).toMatchObject({ code: 2 });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses a folder that is not empty', async () => {
    await mkdir(join(cwd, 'busy'));
    await writeFile(join(cwd, 'busy', 'mine.txt'), 'x');
    const { code, text, installs } = await create(['busy', '--framework', 'next']);
    expect(code).toBe(1);
    expect(text).toContain('busy is not empty');
    expect(await readdir(join(cwd, 'busy'))).toEqual(['mine.txt']);
    expect(installs).toEqual([]);
  });

  it('takes an absolute folder as it is', async () => {
    const target = join(root, 'elsewhere', 'app');
    const { code, text, installs } = await create([target, '--framework', 'next']);
    expect(code).toBe(0);
    expect((await written('../elsewhere/app')).which).toBe('nextjs');
    expect(installs[0]?.cwd).toBe(target);
    expect(text).toContain('  cd ../elsewhere/app\n');
  });

  it('--help prints the usage', async () => {
    const { code, text } = await create(['--help']);
    expect(code).toBe(0);
    expect(text).toContain('Usage: npm create @didit-kit@latest [dir] -- --framework <next|vite-express|hono>');
    expect(text).toContain('--skip-install');
  });
});
