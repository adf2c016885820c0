import { readFileSync } from 'node:fs';
import { DiditClient } from '@didit-kit/core';
import { DiditClient as DiditV1Client } from '@didit-kit/core/v1';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, V3_FIXTURE_IDS } from '../src/index.ts';
import { diditHandlers } from '../src/msw.ts';
import { SEED_ID } from './helpers.ts';

const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';
// The client's default transport on Node is undici's own, which MSW does not intercept; in a
// browser (and jsdom with the browser build) it is globalThis.fetch, which MSW does.
const viaGlobalFetch = (request: Request) => fetch(request);

const didit = diditHandlers();
const proxied = diditHandlers({ baseUrl: 'http://app.test/api/didit' });
const server = setupServer(...didit.handlers, ...proxied.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  didit.reset();
  proxied.reset();
});
afterAll(() => server.close());

describe('diditHandlers() at Didit’s origins', () => {
  it('serves v3: create, the hosted page finishing with a scenario, then the decision', async () => {
    const client = new DiditClient({ apiKey: DEFAULT_API_KEY, fetch: viaGlobalFetch });
    const created = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'user-1' });
    expect(created.url).toBe(`https://verification.didit.me/session/${created.session_token}`);
    const page = await fetch(created.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scenario=decline_face_match_low_similarity',
      redirect: 'manual',
    });
    expect(page.status).toBe(200);
    expect((await client.sessions.getDecision(created.session_id)).status).toBe('Declined');
  });

  it('serves v1 with its token endpoint at apx.didit.me, and the seed fixture', async () => {
    const client = new DiditV1Client({
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      fetch: viaGlobalFetch,
    });
    const decision = await client.sessions.getDecision(SEED_ID);
    expect(decision.status).toBe('Declined');
  });

  it('answers with the mock’s auth errors: no key is 403', async () => {
    const res = await fetch(`https://verification.didit.me/v3/session/${V3_FIXTURE_IDS.approved}/decision/`);
    expect(res.status).toBe(403);
  });

  it('lets a test steer sessions through the mock’s admin routes and store', async () => {
    const client = new DiditV1Client({
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      fetch: viaGlobalFetch,
    });
    const { session_id } = await client.sessions.create({ callback: 'https://app.test/done', vendor_data: 'u' });
    const steer = await fetch(`https://verification.didit.me/__mock/sessions/${session_id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'Approved' }),
    });
    expect(steer.status).toBe(200);
    expect(didit.mock.store.get(session_id)?.status).toBe('Approved');
    expect((await client.sessions.getDecision(session_id)).status).toBe('Approved');
  });

  it('turns the mock’s dropped-connection fault into a network error', async () => {
    const failing = fetch(`https://verification.didit.me/v3/session/${V3_FIXTURE_IDS.approved}/decision/`, {
      headers: { 'x-api-key': DEFAULT_API_KEY, prefer: 'fail=connection' },
    });
    await expect(failing).rejects.toBeInstanceOf(TypeError);
  });

  it('reset() forgets created sessions and keeps the fixtures', async () => {
    const client = new DiditClient({ apiKey: DEFAULT_API_KEY, fetch: viaGlobalFetch });
    const { session_id } = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'user-2' });
    expect(didit.mock.store.get(session_id)).toBeDefined();
    didit.reset();
    expect(didit.mock.store.get(session_id)).toBeUndefined();
    expect(didit.mock.store.get(V3_FIXTURE_IDS.approved)?.status).toBe('Approved');
  });
});

describe('diditHandlers({ baseUrl }) at an app’s proxy route', () => {
  it('adds the mock’s API key (v3) as a proxy would, and drops the route’s path', async () => {
    const browser = new DiditClient({ baseUrl: 'http://app.test/api/didit', fetch: viaGlobalFetch });
    const decision = await browser.sessions.getDecision(V3_FIXTURE_IDS.approved);
    expect(decision.status).toBe('Approved');
  });

  it('gets and adds a v1 bearer token', async () => {
    const browser = new DiditV1Client({ baseUrl: 'http://app.test/api/didit', fetch: viaGlobalFetch });
    expect((await browser.sessions.getDecision(SEED_ID)).status).toBe('Declined');
  });

  it('refuses a baseUrl that is neither an http(s) URL nor a path', () => {
    expect(() => diditHandlers({ baseUrl: 'ftp://x' })).toThrow(TypeError);
    expect(() => diditHandlers({ baseUrl: 'api/didit' })).toThrow(TypeError);
  });
});

describe('the msw entry', () => {
  it('never imports node:http (server.ts), directly or through its own modules', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/from 'node:http'|from '@hono\/node-server'/);
      for (const [, next] of source.matchAll(/from '\.\/([\w-]+\.ts)'/g)) visit(next!);
    };
    visit('msw.ts');
    expect(seen.has('app.ts')).toBe(true);
    expect(seen.has('server.ts')).toBe(false);
  });
});
