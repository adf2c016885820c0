import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '@didit-kit/test-kit/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEmbeddedFlow, checkRedirectFlow } from './browser-flows.ts';
import { examplesContext } from './context.ts';
import {
  createFromTarball,
  type DevServer,
  DIDIT_PACKAGES,
  exampleDir,
  type FrameworkName,
  listFiles,
  npmInstall,
  npmRun,
  startDev,
  useTarballs,
  warmUp,
} from './example-app.ts';

/**
 * One example, as a user meets it: `npm create @didit-kit` (from the tarball) in an empty folder, `npm install`,
 * its own `npm test` and `npm run typecheck`, then `npm run dev` and both verification flows in Chromium.
 * The steps share one app and run in order; a failed step fails the ones after it.
 */
export function describeExample(framework: FrameworkName, { devReady }: { devReady: RegExp }): void {
  describe(`examples/${exampleDir(framework).split('/').at(-1)} through npm create @didit-kit -- --framework ${framework}`, () => {
    let appDir: string | undefined;
    let dev: DevServer | undefined;
    let starting: Promise<DevServer> | undefined;
    let browser: Browser | undefined;
    const timings: Record<string, number> = {};
    const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        timings[label] = Math.round(performance.now() - started);
      }
    };
    const app = () => {
      if (!appDir) throw new Error('the app was not created (see the first failure)');
      return appDir;
    };
    const running = () => {
      if (!dev) throw new Error('npm run dev did not start (see the first failure)');
      return dev;
    };

    afterAll(async () => {
      await browser?.close();
      dev?.stop();
      const summary = Object.entries(timings).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`);
      console.log(`[examples] ${framework}: ${summary.join(', ')}`);
    });

    it('creates the app from the tarball: the example, file for file, with the release version', async () => {
      const context = examplesContext();
      const created = await timed('create', () => createFromTarball(context, framework));
      appDir = created.appDir;
      expect(created.result.stdout).toContain('Next steps:\n  cd my-app\n  npm install\n  npm run dev\n');

      // The example's own files, and nothing else (its .gitignore included, under its real name).
      expect(await listFiles(appDir)).toEqual(await listFiles(exampleDir(framework)));
      for (const file of await listFiles(appDir)) {
        if (file === 'package.json') continue;
        expect(await readFile(join(appDir, file), 'utf8'), file).toBe(
          await readFile(join(exampleDir(framework), file), 'utf8'),
        );
      }
      // package.json: the folder's name, and the release's own version for every @didit-kit/* dependency.
      const manifest = JSON.parse(await readFile(join(appDir, 'package.json'), 'utf8'));
      const example = JSON.parse(await readFile(join(exampleDir(framework), 'package.json'), 'utf8'));
      expect(manifest.name).toBe('my-app');
      for (const field of ['dependencies', 'devDependencies']) {
        const expected = { ...example[field] };
        for (const name of DIDIT_PACKAGES) if (name in expected) expected[name] = `^${context.version}`;
        expect(manifest[field]).toEqual(expected);
      }
      expect(manifest.scripts).toEqual(example.scripts);
    });

    it('installs with npm, from the packed @didit-kit packages', async () => {
      await useTarballs(app(), examplesContext());
      await timed('install', () => npmInstall(app()));
    });

    it('passes its own tests and type checks', async () => {
      // `npm run dev` starts meanwhile (and its first compiles run), for the steps below.
      starting = timed('dev start', () => startDev(app(), devReady)).then(async (server) => {
        dev = server;
        await timed('warm-up', () => warmUp(server));
        return server;
      });
      starting.catch(() => {}); // its failure is the flows' to report
      const [test] = await timed('test+typecheck', () =>
        Promise.all([npmRun(app(), 'test'), npmRun(app(), 'typecheck')]),
      );
      expect(test.stdout).toMatch(/Tests\s+\d+ passed/);
      expect(test.stdout).not.toMatch(/failed|skipped/);
    });

    it('npm run dev: Verify identity → the hosted page → the outcome, live on the page Didit returns to', async () => {
      if (!starting) throw new Error('the app was not installed (see the first failure)');
      await starting;
      browser = await launchChromium();
      try {
        await timed('redirect flow', () => checkRedirectFlow(browser!, running()));
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- npm run dev ---\n${running().output().slice(-6000)}`);
      }
    });

    it('npm run dev: Verify in this page → <DiditVerification> → the outcome, live below it', async () => {
      if (!browser) throw new Error('the redirect flow did not run (see its failure)');
      try {
        await timed('embedded flow', () => checkEmbeddedFlow(browser!, running()));
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- npm run dev ---\n${running().output().slice(-6000)}`);
      }
    });
  });
}
