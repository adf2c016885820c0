// Tests of the BUILT package (dist/), as users get it: two copies of it side by side, and a
// browser bundle made by Vite. Builds dist first when it is missing or older than src (CI
// builds before testing, so there this is a no-op).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale } from '@didit-kit/test-kit/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Core from '../src/index.ts';

const packageDir = join(import.meta.dirname, '..');
const dist = (file: string) => join(packageDir, 'dist', file);

beforeAll(() => buildIfStale(packageDir, ['index.js', 'index.cjs', 'index.browser.js', 'server.worker.js']), 180_000);

describe('two copies of the built package (ESM and CJS, the dual-package hazard)', () => {
  it('recognise each other’s errors with instanceof and isDiditError', async () => {
    const esm = (await import(pathToFileURL(dist('index.js')).href)) as typeof Core;
    const cjs = createRequire(import.meta.url)(dist('index.cjs')) as typeof Core;
    expect(cjs.DiditError).not.toBe(esm.DiditError);

    const fromCjs = new cjs.NotFoundError('x', { status: 404 });
    expect(fromCjs instanceof esm.DiditError).toBe(true);
    expect(fromCjs instanceof esm.APIError).toBe(true);
    expect(fromCjs instanceof esm.NotFoundError).toBe(true);
    expect(fromCjs instanceof esm.ServerError).toBe(false);
    expect(esm.isDiditError(fromCjs)).toBe(true);

    const fromEsm = new esm.TimeoutError('x');
    expect(fromEsm instanceof cjs.ConnectionError).toBe(true);
    expect(fromEsm instanceof cjs.DiditError).toBe(true);
    expect(cjs.isDiditError(fromEsm)).toBe(true);
    expect(fromEsm.name).toBe('TimeoutError');
    expect(fromEsm.code).toBe('timeout');
  });

  it('and the source copy recognises the built one', async () => {
    const source = await import('../src/index.ts');
    const cjs = createRequire(import.meta.url)(dist('index.cjs')) as typeof Core;
    expect(new cjs.RateLimitError('x') instanceof source.RateLimitError).toBe(true);
    expect(new source.AbortError('x') instanceof cjs.AbortError).toBe(true);
  });
});

describe("the server entry's browser form (dist/server.worker.js, what `browser` resolves ./server to)", () => {
  it("signs deliveries as the main entry does, where the main entry's browser form has no webhook code", async () => {
    const worker = (await import(pathToFileURL(dist('server.worker.js')).href)) as typeof import('../src/server.ts');
    const main = await import('../src/index.ts');
    expect(worker.WEBHOOK_TYPES).toEqual(main.WEBHOOK_TYPES);
    const body = worker.serializeWebhookPayload({ session_id: 'x', status: 'Approved', note: 'é' });
    expect(body).toBe(main.serializeWebhookPayload({ session_id: 'x', status: 'Approved', note: 'é' }));
    const signed = await worker.signWebhook({ body, secret: 'test-secret', timestamp: 1_700_000_000 });
    expect(signed).toEqual(await main.signWebhook({ body, secret: 'test-secret', timestamp: 1_700_000_000 }));
    const browserMain = (await import(pathToFileURL(dist('index.browser.js')).href)) as Record<string, unknown>;
    expect(browserMain.signWebhook).toBeUndefined(); // why ./server carries them
  });
});

describe('a Vite build of a page that imports @didit-kit/core', () => {
  let root: string;
  let output: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'didit-core-vite-'));
    // The page depends on the package as an app would: node_modules/@didit-kit/core.
    mkdirSync(join(root, 'node_modules', '@didit-kit'), { recursive: true });
    symlinkSync(packageDir, join(root, 'node_modules', '@didit-kit', 'core'), 'dir');
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
    writeFileSync(
      join(root, 'main.js'),
      [
        "import { DiditClient, isTerminalStatus } from '@didit-kit/core';",
        "const didit = new DiditClient({ baseUrl: '/api/didit' });",
        "didit.sessions.getDecision(new URLSearchParams(location.search).get('id') ?? '')",
        '  .then((d) => { document.body.textContent = [d.status, isTerminalStatus(d.status)].join(" "); });',
        '',
      ].join('\n'),
    );
    const { build } = await import('vite');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(root, 'out'), minify: false, emptyOutDir: true },
    });
    const assets = join(root, 'out', 'assets');
    output = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n');
  }, 120_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('resolves the browser build of the client (fetch transport) into the bundle', () => {
    expect(output).toMatch(/DiditClient = class|class DiditClient/);
    expect(output).toContain('verification.didit.me');
    expect(output).toContain('globalThis.fetch');
  });

  it('contains no undici', () => {
    // Not vacuous: the Node build (index.js and the chunks it imports) does pull undici in.
    const nodeBuild = readdirSync(join(packageDir, 'dist'))
      .filter((f) => f.endsWith('.js') && !f.startsWith('index.browser'))
      .map((f) => readFileSync(dist(f), 'utf8'))
      .join('\n');
    expect(nodeBuild).toMatch(/from ["']undici["']/);
    expect(output).not.toMatch(/undici/i);
  });

  it('contains none of the generated server-only resources (client.users, client.faceMatch, ...) nor toFile', () => {
    // Not vacuous: the Node build has them.
    const nodeBuild = readdirSync(join(packageDir, 'dist'))
      .filter((f) => f.endsWith('.js') && !f.includes('browser'))
      .map((f) => readFileSync(dist(f), 'utf8'))
      .join('\n');
    for (const text of ['/v3/face-match/', '/v3/users/', 'webhook/destinations', 'function toFile']) {
      expect(nodeBuild).toContain(text);
      expect(output).not.toContain(text);
    }
  });

  it('contains no Node built-in', () => {
    expect(output).not.toMatch(/["']node:[a-z_]+["']/);
  });
});
