// The MSW handlers in a real browser (issue 24: "fixtures load without node:fs, so the browser worker
// (`msw/browser`, Storybook) can use them too"): a page bundled by Vite from the BUILT package (the `browser`
// condition of `@didit-kit/mock-server/msw`), served on 127.0.0.1 with MSW's service worker, in Debian's Chromium.
// The page reads a fixture's decision and creates a session through the app's proxy route, answered by
// the worker; nothing else answers `/api/didit/*` (the static server says 404).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { buildIfStale } from '@didit-kit/test-kit/build';
import { launchChromium } from '@didit-kit/test-kit/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V3_FIXTURE_IDS } from '../src/index.ts';

const packageDir = join(import.meta.dirname, '..');
const coreDir = join(packageDir, 'node_modules', '@didit-kit', 'core');
const require = createRequire(join(packageDir, 'package.json'));

const MAIN = `
import { DiditClient } from '@didit-kit/core';
import { diditHandlers, V3_FIXTURE_IDS } from '@didit-kit/mock-server/msw';
import { setupWorker } from 'msw/browser';

async function run() {
  let fixturesDirError;
  try {
    diditHandlers({ fixturesDir: '/fixtures' });
  } catch (error) {
    fixturesDirError = error.name + ': ' + error.message;
  }
  const didit = diditHandlers({
    baseUrl: '/api/didit',
    prepareCreate: () => ({ workflow_id: 'd1d17000-0000-4000-8000-00000000f10a', vendor_data: 'alice' }),
  });
  await setupWorker(...didit.handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });
  const client = new DiditClient({ baseUrl: '/api/didit' });
  const decision = await client.sessions.getDecision(V3_FIXTURE_IDS.inReviewAml);
  const created = await client.request({ ...client.endpoints.create, body: {} });
  const fresh = await client.sessions.getDecision(created.session_id);
  const held = didit.mock.store.list().find((session) => session.sessionId === created.session_id);
  return {
    fixture: [decision.session_id, decision.status, decision.aml_screenings.length > 0],
    created: [created.url, fresh.status, fresh.vendor_data, held?.decision.vendor_data],
    fixturesDirError,
  };
}
window.result = run().catch((error) => ({ error: String(error && error.stack || error) }));
`;

describe('@didit-kit/mock-server/msw in a browser (msw/browser, a Vite build of the built package)', () => {
  let root: string;
  let server: Server;
  let origin: string;
  /** Every module Vite put in the page's bundle. */
  const moduleIds: string[] = [];

  beforeAll(async () => {
    buildIfStale(packageDir, ['msw.browser.js']);
    root = mkdtempSync(join(tmpdir(), 'didit-msw-browser-'));
    // The page depends on the packages as an app would: its own node_modules.
    const modules = join(root, 'node_modules');
    mkdirSync(join(modules, '@didit-kit'), { recursive: true });
    symlinkSync(packageDir, join(modules, '@didit-kit', 'mock-server'), 'dir');
    symlinkSync(coreDir, join(modules, '@didit-kit', 'core'), 'dir');
    const mswDir = join(require.resolve('msw/package.json'), '..');
    symlinkSync(mswDir, join(modules, 'msw'), 'dir');
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>msw</title><script type="module" src="./main.js"></script>\n',
    );
    writeFileSync(join(root, 'main.js'), MAIN);
    const { build } = await import('vite');
    // A `node:` import left in the handlers' graph fails this build (Vite's browser stub has no exports).
    const output = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(root, 'out'), minify: false, emptyOutDir: true, target: 'es2022' },
    });
    for (const result of Array.isArray(output) ? output : [output]) {
      if (!('output' in result)) continue;
      for (const chunk of result.output) if (chunk.type === 'chunk') moduleIds.push(...chunk.moduleIds);
    }
    const out = join(root, 'out');
    writeFileSync(join(out, 'mockServiceWorker.js'), readFileSync(join(mswDir, 'lib', 'mockServiceWorker.js')));
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.map': 'application/json',
    };
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const file = join(out, path === '/' ? 'index.html' : path);
      if (!file.startsWith(out) || path.startsWith('/api/')) {
        response.writeHead(404).end();
        return;
      }
      try {
        const body = readFileSync(file);
        response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    origin = `http://127.0.0.1:${address.port}`;
  }, 180_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("bundles the package's browser build, with no Node built-in", () => {
    const mock = moduleIds.filter((id) => id.includes(join('packages', 'mock-server', 'dist')));
    expect(mock.map((id) => id.slice(id.lastIndexOf('/') + 1))).toEqual(['msw.browser.js']);
    // Vite swaps a Node built-in for its `__vite-browser-external` stub.
    expect(moduleIds.filter((id) => /^node:|__vite-browser-external/.test(id))).toEqual([]);
    // Not vacuous: the page's bundle holds the handlers and what they use.
    expect(moduleIds.some((id) => id.includes(join('msw', 'lib', 'browser')))).toBe(true);
  });

  it("answers the page's client from the built-in fixtures and creates sessions through the proxy route", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      const result = await page.waitForFunction(
        () => (window as unknown as { result: Promise<unknown> }).result,
        null,
        {
          timeout: 30_000,
        },
      );
      const value = (await result.jsonValue()) as {
        error?: string;
        fixture: [string, string, boolean];
        created: [string, string, string, string];
        fixturesDirError: string;
      };
      expect(value.error).toBeUndefined();
      expect(value.fixture).toEqual([V3_FIXTURE_IDS.inReviewAml, 'In Review', true]);
      const [url, status, vendorData, held] = value.created;
      expect(url).toMatch(/^https:\/\/verification\.didit\.me\/session\/[\w-]+$/);
      expect([status, vendorData, held]).toEqual(['Not Started', 'alice', 'alice']);
      expect(value.fixturesDirError).toMatch(
        /^TypeError: fixturesDir \("\/fixtures"\) is read with Node's file system/,
      );
    } finally {
      await browser.close();
    }
  }, 60_000);
});
