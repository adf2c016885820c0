import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_API_KEY,
  FIXTURE_SESSION_IDS,
  type MockServer,
  startMockServer,
  V3_FIXTURE_IDS,
} from '@didit-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../server/config.ts';
import { type DemoServer, MOCK_WORKFLOW_ID, startDemoServer } from '../server/start-demo-server.ts';

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

/** What "Verify identity" (useCreateSession) sends: a create through the proxy route. */
async function createSession(url: string, apiVersion: 'v3' | 'v1' = 'v3'): Promise<Response> {
  return fetch(`${url}/api/didit/${apiVersion}/session/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

describe('the demo back end, against the embedded mock server', () => {
  it('listens on 127.0.0.1 and starts the mock server there too', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.mock?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.mode).toBe('mock');
    expect(demo.apiVersion).toBe('v3');
  });

  it('a v3 create through the proxy runs the demo workflow, with its own /callback, whatever the browser sends', async () => {
    const response = await fetch(`${demo.url}/api/didit/v3/session/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callback: 'https://evil.test/', vendor_data: 'someone-else', workflow_id: 'x' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(body.url).toMatch(new RegExp(`^${demo.mock?.url}/session/`));
    const upstream = await fetch(`${demo.mock?.url}/v3/session/${body.session_id}/decision/`, {
      headers: { 'x-api-key': DEFAULT_API_KEY },
    });
    const decision = (await upstream.json()) as { callback: string; vendor_data: string; workflow_id: string };
    expect(decision.callback).toBe(`${demo.url}/callback`);
    expect(decision.vendor_data).toMatch(/^demo-user-/);
    expect(decision.workflow_id).toBe(MOCK_WORKFLOW_ID);
  });

  it('refuses a create that is not JSON (a cross-site form cannot send JSON), and v1 creates on a v3 server', async () => {
    const response = await fetch(`${demo.url}/api/didit/v3/session/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(response.status).toBe(403);
    expect((await createSession(demo.url, 'v1')).status).toBe(404);
  });

  it('lets the embedded verification frame the mock and the SDK style its modal (CSP)', async () => {
    const csp = (await fetch(demo.url)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-src ${demo.mock?.url}`);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('proxies the decision, the PDF and a create, and nothing else', async () => {
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

    const v3 = await fetch(`${demo.url}/api/didit/v3/session/${V3_FIXTURE_IDS.approved}/decision/`);
    expect(((await v3.json()) as { status: string }).status).toBe('Approved');
    // A create without JSON is refused by prepareCreate (see above).
    expect((await fetch(`${demo.url}/api/didit/v3/session/`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${demo.url}/api/didit/v1/session/${SEED_ID}/update-status/`)).status).toBe(404);
    expect((await fetch(`${demo.url}/api/didit/v1/session/${SEED_ID}/decision/`, { method: 'DELETE' })).status).toBe(
      405,
    );
    expect((await fetch(`${demo.url}/api/didit/auth/v2/token/`, { method: 'POST' })).status).toBe(404);
  });

  it("streams a session: the mock's signed webhook reaches the event stream; an unsigned one is refused", async () => {
    const created = (await (await createSession(demo.url, 'v3')).json()) as { session_id: string };
    const stream = await fetch(`${demo.url}/api/didit/v3/session/${created.session_id}/events/`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${pattern}: ${text}`);
        text += value;
      }
    };
    await until(/"status":"Not Started"/);
    // The user finishing the hosted page, at the mock: its webhook reaches the demo, then the stream.
    const advanced = await fetch(`${demo.mock?.url}/__mock/v3/sessions/${created.session_id}/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(advanced.status).toBe(200);
    await until(/"status":"In Progress"/);
    await reader.cancel();

    const forged = await fetch(`${demo.url}/api/webhooks/didit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': 'f'.repeat(64), 'x-timestamp': '1' },
      body: JSON.stringify({ session_id: created.session_id, status: 'Approved', webhook_type: 'status.updated' }),
    });
    expect(forged.status).toBe(401);
  });

  it('lists the fixture gallery: the seed (v1) first, then the v3 outcomes', async () => {
    const response = await fetch(`${demo.url}/api/gallery`);
    const gallery = (await response.json()) as {
      available: boolean;
      sessions: { session_id: string; api_version: string }[];
    };
    expect(gallery.available).toBe(true);
    expect(gallery.sessions[0]).toMatchObject({ session_id: SEED_ID, api_version: 'v1' });
    expect(
      gallery.sessions
        .slice(1)
        .map((s) => s.session_id)
        .sort(),
    ).toEqual(Object.values(V3_FIXTURE_IDS).sort());
    expect(gallery.sessions.slice(1).every((s) => s.api_version === 'v3')).toBe(true);
  });

  it('with DEMO_API_VERSION=v1, creates v1 sessions and lists every v1 fixture', async () => {
    const v1 = await startDemoServer({ port: 0, staticDir, apiVersion: 'v1' });
    try {
      expect(await (await fetch(`${v1.url}/api/info`)).json()).toEqual({
        mode: 'mock',
        apiVersion: 'v1',
        realtime: true,
      });
      const created = await createSession(v1.url, 'v1');
      expect(created.status).toBe(201);
      const { session_id } = (await created.json()) as { session_id: string };
      const admin = await fetch(`${v1.mock?.url}/__mock/sessions/${session_id}`);
      const { decision } = (await admin.json()) as { decision: { callback: string } };
      expect(decision.callback).toBe(`${v1.url}/callback`);
      const gallery = (await (await fetch(`${v1.url}/api/gallery`)).json()) as { sessions: { session_id: string }[] };
      expect(gallery.sessions.map((s) => s.session_id).sort()).toEqual(Object.values(FIXTURE_SESSION_IDS).sort());
    } finally {
      await v1.close();
    }
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
      didit: {
        apiVersion: 'v1',
        clientId: 'real-id',
        clientSecret: 'real-secret-value',
        baseUrl: didit.url,
        authUrl: didit.url,
      },
    });
  });
  afterAll(async () => {
    await demoReal?.close();
    await didit?.close();
  });

  it('uses the given Didit, starts no mock, and offers no gallery', async () => {
    expect(demoReal.mode).toBe('didit');
    expect(demoReal.mock).toBeUndefined();
    expect(await (await fetch(`${demoReal.url}/api/info`)).json()).toEqual({
      mode: 'didit',
      apiVersion: 'v1',
      realtime: false,
    });
    expect(await (await fetch(`${demoReal.url}/api/gallery`)).json()).toEqual({ available: false, sessions: [] });
  });

  it('shows the browser only the sessions it created (403 for any other)', async () => {
    const created = (await (await createSession(demoReal.url, 'v1')).json()) as { session_id: string; url: string };
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
      didit: {
        apiVersion: 'v1',
        clientId: 'real-id',
        clientSecret: 'wrong-secret-value',
        baseUrl: didit.url,
        authUrl: didit.url,
      },
    });
    try {
      const response = await createSession(wrong.url, 'v1');
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(text).not.toContain('wrong-secret-value');
    } finally {
      await wrong.close();
    }
  });
});

describe('readConfig', () => {
  it('defaults to 127.0.0.1:3000, the mock server and v3', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: undefined,
      apiVersion: 'v3',
      realtime: true,
      webhookSecret: undefined,
      didit: undefined,
      mockOptions: undefined,
    });
    expect(readConfig({ DEMO_API_VERSION: 'v1' }).apiVersion).toBe('v1');
    expect(readConfig({ DEMO_REALTIME: 'off' }).realtime).toBe(false);
    expect(() => readConfig({ DEMO_REALTIME: 'maybe' })).toThrow(/on or off/);
    expect(readConfig({ DIDIT_WEBHOOK_SECRET: 'whsec' }).webhookSecret).toBe('whsec');
    expect(() => readConfig({ DEMO_API_VERSION: 'v2' })).toThrow(/v3 or v1/);
  });

  it('reads v3 credentials (API key and workflow) for the real Didit', () => {
    const config = readConfig({ DIDIT_API_KEY: 'key', DIDIT_WORKFLOW_ID: 'wf' });
    expect(config.apiVersion).toBe('v3');
    expect(config.didit).toEqual({ apiVersion: 'v3', apiKey: 'key', workflowId: 'wf', baseUrl: undefined });
    expect(() => readConfig({ DIDIT_API_KEY: 'top-secret' })).toThrow(/DIDIT_WORKFLOW_ID/);
    expect(() => readConfig({ DIDIT_API_KEY: 'k', DIDIT_WORKFLOW_ID: 'w', DEMO_API_VERSION: 'v1' })).toThrow(
      /DIDIT_CLIENT_ID/,
    );
  });

  it('reads PORT (0 = any free port) and v1 credentials and hosts (v1 when only they are set)', () => {
    const config = readConfig({
      PORT: '0',
      DIDIT_CLIENT_ID: 'id',
      DIDIT_CLIENT_SECRET: 'secret',
      DIDIT_BASE_URL: 'https://verification.staging.example',
    });
    expect(config.port).toBe(0);
    expect(config.apiVersion).toBe('v1');
    expect(config.didit).toEqual({
      apiVersion: 'v1',
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
