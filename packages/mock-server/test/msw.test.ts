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
// A shop whose proxy creates sessions for the user its cookie names, as a createDiditProxy's prepareCreate would.
const prepared: string[] = [];
const shop = diditHandlers({
  baseUrl: 'http://shop.test/api/didit',
  prepareCreate: (request) => {
    prepared.push(new URL(request.url).pathname);
    const user = /(?:^|;\s*)uid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    if (user === undefined) return null;
    if (new URL(request.url).pathname.includes('/v1/')) return { vendor_data: user, callback: 'http://shop.test/done' };
    return { workflow_id: WORKFLOW, vendor_data: user, callback: 'http://shop.test/verification' };
  },
});
const server = setupServer(...didit.handlers, ...proxied.handlers, ...shop.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  didit.reset();
  proxied.reset();
  shop.reset();
  prepared.length = 0;
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

  it("sends the request on to Didit's origin, so a created session's url is Didit's hosted page", async () => {
    const created = await fetch('http://app.test/api/didit/v3/session/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflow_id: WORKFLOW, vendor_data: 'user-3' }),
    });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { session_token: string; url: string };
    expect(session.url).toBe(`https://verification.didit.me/session/${session.session_token}`);
  });

  it("without prepareCreate, the browser's body goes to the mock as it is: useCreateSession's {} is a 400", async () => {
    const created = await fetch('http://app.test/api/didit/v3/session/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(await created.json())).toContain('workflow_id');
  });

  it('refuses a baseUrl that is neither an http(s) URL nor a path', () => {
    expect(() => diditHandlers({ baseUrl: 'ftp://x' })).toThrow(TypeError);
    expect(() => diditHandlers({ baseUrl: 'api/didit' })).toThrow(TypeError);
  });
});

describe('diditHandlers({ baseUrl, prepareCreate }): the proxy route creates sessions', () => {
  const create = (path: string, { cookie, body = '{}' }: { cookie?: string; body?: string } = {}) =>
    fetch(`http://shop.test/api/didit${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body,
    });

  it("creates what prepareCreate returns, as useCreateSession's mutate() asks: {} through the browser client", async () => {
    // What useCreateSession sends: the create endpoint with an empty body, through the credential-less client.
    const browser = new DiditClient({
      baseUrl: 'http://shop.test/api/didit',
      fetch: (request) =>
        fetch(new Request(request, { headers: { ...Object.fromEntries(request.headers), cookie: 'uid=alice' } })),
    });
    const session = await browser.request({ ...browser.endpoints.create, body: {} });
    expect(session.url).toBe(`https://verification.didit.me/session/${session.session_token}`);
    expect(prepared).toEqual(['/api/didit/v3/session/']);
    const stored = shop.mock.store.get(session.session_id);
    expect(stored).toMatchObject({ apiVersion: 'v3', status: 'Not Started' });
    expect(stored?.decision).toMatchObject({ vendor_data: 'alice', workflow_id: WORKFLOW });
    // The decision reads through the same route.
    expect((await browser.sessions.getDecision(session.session_id)).status).toBe('Not Started');
  });

  it("never reads the browser's body: the user comes from the request, as the proxy's prepareCreate takes it", async () => {
    const body = JSON.stringify({ workflow_id: WORKFLOW, vendor_data: 'mallory' });
    const created = await create('/v3/session/', { cookie: 'uid=alice', body });
    expect(created.status).toBe(201);
    const { session_id } = (await created.json()) as { session_id: string };
    expect(shop.mock.store.get(session_id)?.decision).toMatchObject({ vendor_data: 'alice' });
  });

  it('answers 403 when prepareCreate refuses, and creates nothing', async () => {
    const before = shop.mock.store.list().length;
    const refused = await create('/v3/session/');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect(shop.mock.store.list()).toHaveLength(before);
  });

  it('plays the v1 create too (with its bearer token)', async () => {
    const created = await create('/v1/session/', { cookie: 'uid=bob' });
    expect(created.status).toBe(201);
    const { session_id } = (await created.json()) as { session_id: string };
    expect(shop.mock.store.get(session_id)).toMatchObject({ apiVersion: 'v1', status: 'Not Started' });
  });

  it('leaves every other request alone: a read, and a POST that is not the create', async () => {
    const created = await create('/v3/session/', { cookie: 'uid=carol' });
    const { session_id } = (await created.json()) as { session_id: string };
    prepared.length = 0;
    const read = await fetch(`http://shop.test/api/didit/v3/session/${V3_FIXTURE_IDS.approved}/decision/`);
    expect(read.status).toBe(200);
    // The mock's admin route, through the proxy route: its body reaches the mock as it is.
    const steer = await create(`/__mock/sessions/${session_id}/status`, {
      body: JSON.stringify({ status: 'Approved' }),
    });
    expect(steer.status).toBe(200);
    expect(shop.mock.store.get(session_id)?.status).toBe('Approved');
    expect(prepared).toEqual([]);
  });

  it('is a TypeError without a proxy route to serve, or when it is not a function', () => {
    expect(() => diditHandlers({ prepareCreate: () => null })).toThrow(/give baseUrl that route/);
    expect(() => diditHandlers({ baseUrl: 'https://verification.didit.me', prepareCreate: () => null })).toThrow(
      TypeError,
    );
    // @ts-expect-error: not a function
    expect(() => diditHandlers({ baseUrl: '/api/didit', prepareCreate: { workflow_id: WORKFLOW } })).toThrow(
      'prepareCreate must be a function',
    );
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
