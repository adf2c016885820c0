import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_SESSION_IDS, type MockServer, startMockServer } from '@didit-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../server/config.ts';
import { type DemoServer, startDemoServer } from '../server/start-demo-server.ts';

// The back end over real HTTP on 127.0.0.1, without a browser: a fake front-end build in a
// temporary folder, the embedded mock server, and a second mock standing in for the real Didit.

const staticDir = mkdtempSync(join(tmpdir(), 'demo-static-'));
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log("app")');

const SEED_ID = FIXTURE_SESSION_IDS.declinedAml;
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0, staticDir });
});
afterAll(() => demo?.close());

async function createSession(url: string): Promise<Response> {
  return fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
}

describe('the demo back end, against the embedded mock server', () => {
  it('listens on 127.0.0.1 and starts the mock server there too', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.mock?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.mode).toBe('mock');
  });

  it('POST /api/sessions creates a session whose callback is its own /callback, and returns only the id and URL', async () => {
    const response = await createSession(demo.url);
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['session_id', 'url']);
    expect(body.url).toMatch(new RegExp(`^${demo.mock?.url}/session/`));
    const admin = await fetch(`${demo.mock?.url}/__mock/sessions/${body.session_id}`);
    const { decision } = (await admin.json()) as { decision: { callback: string } };
    expect(decision.callback).toBe(`${demo.url}/callback`);
  });

  it('POST /api/sessions refuses a body that is not JSON (a cross-site form cannot send JSON)', async () => {
    const response = await fetch(`${demo.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(response.status).toBe(415);
  });

  it('proxies the decision and the PDF, and nothing else', async () => {
    const decision = await fetch(`${demo.url}/api/didit/v1/session/${SEED_ID}/decision/`);
    expect(decision.status).toBe(200);
    expect(((await decision.json()) as { session_id: string }).session_id).toBe(SEED_ID);
    expect(decision.headers.get('authorization')).toBeNull();

    const pdf = await fetch(`${demo.url}/api/didit/v1/session/${SEED_ID}/generate-pdf/`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    expect((await fetch(`${demo.url}/api/didit/v1/session/`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${demo.url}/api/didit/v1/session/${SEED_ID}/update-status/`)).status).toBe(404);
    expect((await fetch(`${demo.url}/api/didit/v1/session/${SEED_ID}/decision/`, { method: 'DELETE' })).status).toBe(
      405,
    );
    expect((await fetch(`${demo.url}/api/didit/auth/v2/token/`, { method: 'POST' })).status).toBe(404);
  });

  it('lists the fixture gallery, the seed first', async () => {
    const response = await fetch(`${demo.url}/api/gallery`);
    const gallery = (await response.json()) as { available: boolean; sessions: { session_id: string }[] };
    expect(gallery.available).toBe(true);
    expect(gallery.sessions[0]?.session_id).toBe(SEED_ID);
    expect(gallery.sessions.map((s) => s.session_id).sort()).toEqual(Object.values(FIXTURE_SESSION_IDS).sort());
  });

  it('serves the front end: hashed assets cached for good, every other page the SPA, with a CSP', async () => {
    const asset = await fetch(`${demo.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/', `/callback?verificationSessionId=${SEED_ID}&status=Declined`, '/gallery', '/nope']) {
      const page = await fetch(`${demo.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<div id="root">');
      expect(page.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
    const api = await fetch(`${demo.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ detail: 'Not found.' });
  });

  it('says what to do when the front end is not built', async () => {
    const unbuilt = await startDemoServer({ port: 0, staticDir: join(staticDir, 'missing') });
    try {
      const response = await fetch(`${unbuilt.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('pnpm build');
    } finally {
      await unbuilt.close();
    }
  });
});

describe('the demo back end with credentials (the real-Didit mode, pointed at a mock)', () => {
  let didit: MockServer;
  let demoReal: DemoServer;
  beforeAll(async () => {
    didit = await startMockServer({ port: 0, clientId: 'real-id', clientSecret: 'real-secret-value' });
    demoReal = await startDemoServer({
      port: 0,
      staticDir,
      didit: { clientId: 'real-id', clientSecret: 'real-secret-value', baseUrl: didit.url, authUrl: didit.url },
    });
  });
  afterAll(async () => {
    await demoReal?.close();
    await didit?.close();
  });

  it('uses the given Didit, starts no mock, and offers no gallery', async () => {
    expect(demoReal.mode).toBe('didit');
    expect(demoReal.mock).toBeUndefined();
    expect(await (await fetch(`${demoReal.url}/api/info`)).json()).toEqual({ mode: 'didit' });
    expect(await (await fetch(`${demoReal.url}/api/gallery`)).json()).toEqual({ available: false, sessions: [] });
  });

  it('shows the browser only the sessions it created (403 for any other)', async () => {
    const created = (await (await createSession(demoReal.url)).json()) as { session_id: string; url: string };
    expect(created.url.startsWith(`${didit.url}/session/`)).toBe(true);
    const own = await fetch(`${demoReal.url}/api/didit/v1/session/${created.session_id}/decision/`);
    expect(own.status).toBe(200);
    const other = await fetch(`${demoReal.url}/api/didit/v1/session/${SEED_ID}/decision/`);
    expect(other.status).toBe(403);
  });

  it('answers 502 with Didit’s reason, never the secret, when the credentials are refused', async () => {
    const wrong = await startDemoServer({
      port: 0,
      staticDir,
      didit: { clientId: 'real-id', clientSecret: 'wrong-secret-value', baseUrl: didit.url, authUrl: didit.url },
    });
    try {
      const response = await createSession(wrong.url);
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(text).toContain('Could not create a verification session');
      expect(text).not.toContain('wrong-secret-value');
    } finally {
      await wrong.close();
    }
  });
});

describe('readConfig', () => {
  it('defaults to 127.0.0.1:3000 and the mock server', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: undefined,
      didit: undefined,
      mockOptions: undefined,
    });
  });

  it('reads PORT (0 = any free port) and the Didit credentials and hosts', () => {
    const config = readConfig({
      PORT: '0',
      DIDIT_CLIENT_ID: 'id',
      DIDIT_CLIENT_SECRET: 'secret',
      DIDIT_BASE_URL: 'https://verification.staging.example',
    });
    expect(config.port).toBe(0);
    expect(config.didit).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl: 'https://verification.staging.example',
      authUrl: undefined,
    });
  });

  it('refuses a bad PORT and half a set of credentials, with a message that does not echo the secret', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ DIDIT_CLIENT_SECRET: 'top-secret' })).toThrow(/DIDIT_CLIENT_ID/);
    try {
      readConfig({ DIDIT_CLIENT_SECRET: 'top-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('top-secret');
    }
  });
});
