// `allow: ['create']`: a browser starts a verification through the app's proxy. The body comes
// from the server's prepareCreate (the signed-in user), never from the browser. Upstream is the
// test kit's Didit stand-in (v3 and v1), a real HTTP server on 127.0.0.1.

import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  DiditClient,
  InvalidArgumentError,
  PermissionDeniedError,
  ServerError,
} from '../src/index.ts';
import { createDiditProxy, type DiditProxyCreatedSession, type DiditProxyOptions } from '../src/server.ts';
import { DiditClient as V1Client } from '../src/v1/index.ts';

const API_KEY = 'sk_test_CREATE0v3Key0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5G';
const WORKFLOW = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const APP = 'http://app.test';
const V1_SESSION_ID = '11111111-2222-3333-4444-555555555555';
const CREATE_URL = `${APP}/api/didit/v3/session/`;

let standIn: ServedDiditStandIn;

beforeAll(async () => {
  standIn = await startDiditStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

/** The signed-in user, as an app reads it from its own session cookie. */
function userOf(request: Request): string | undefined {
  return /(?:^|;\s*)uid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

function setup(options: DiditProxyOptions = {}) {
  const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 2 });
  const onError = vi.fn();
  const proxy = createDiditProxy(server, {
    prefix: '/api/didit',
    allow: ['decision', 'create'],
    // These tests are about create; who may read a session is authorize's own suite.
    authorize: 'public',
    prepareCreate: (request) => {
      const user = userOf(request);
      return user ? { workflow_id: WORKFLOW, vendor_data: user, callback: 'https://app.test/verified' } : null;
    },
    logger: {},
    onError,
    ...options,
  });
  const browser = new DiditClient({
    baseUrl: `${APP}/api/didit`,
    fetch: (request) => {
      const withCookie = new Request(request, {
        headers: { ...Object.fromEntries(request.headers), cookie: 'uid=u-7' },
      });
      return proxy(withCookie);
    },
  });
  return { proxy, browser, onError };
}

const creates = () => standIn.requests.filter((r) => r.route === 'create');

/** A same-site JSON POST to the create route, as the browser's client sends it. */
function postCreate(headers: Record<string, string> = {}): Request {
  return new Request(CREATE_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });
}

describe("a proxy with allow: ['create']", () => {
  it("creates the session prepareCreate builds, ignoring the browser's body, and passes Didit's answer through", async () => {
    const owners = new Map<string, string | undefined>();
    const { browser } = setup({
      onCreated: (session, request) => {
        owners.set(session.session_id, userOf(request));
      },
    });
    const created = await browser.sessions.create({
      workflow_id: '99999999-9999-4999-8999-999999999999',
      vendor_data: 'someone-else',
    });
    expect(created).toEqual(v3Example('create-session.response.kyc.json'));
    expect(created.url).toMatch(/^https:\/\//);
    expect(creates()).toHaveLength(1);
    expect(JSON.parse(creates()[0]?.body ?? '')).toEqual({
      workflow_id: WORKFLOW,
      vendor_data: 'u-7',
      callback: 'https://app.test/verified',
    });
    expect(creates()[0]?.headers.get('x-api-key')).toBe(API_KEY);
    expect(owners.get(created.session_id)).toBe('u-7');
  });

  it('answers 201 JSON without the API key, and never reads the body the browser sent', async () => {
    const { proxy } = setup();
    let read = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull: () => {
          read = true;
        },
      },
      { highWaterMark: 0 },
    );
    const response = await proxy(
      new Request(CREATE_URL, {
        method: 'POST',
        headers: { cookie: 'uid=u-1', 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(API_KEY);
    expect(JSON.parse(text)).toMatchObject({ session_id: expect.any(String), url: expect.any(String) });
    expect(read).toBe(false);
  });

  it.each([null, undefined, false] as const)(
    'answers 403 when prepareCreate returns %s, without calling Didit',
    async (refusal) => {
      const onCreated = vi.fn();
      const { proxy } = setup({ prepareCreate: () => refusal, onCreated });
      const response = await proxy(postCreate());
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ detail: 'You do not have permission to perform this action.' });
      expect(standIn.requests).toHaveLength(0);
      expect(onCreated).not.toHaveBeenCalled();
    },
  );

  it('gives the browser a PermissionDeniedError for a visitor who is not signed in', async () => {
    const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url });
    const proxy = createDiditProxy(server, {
      allow: ['create'],
      authorize: 'public',
      prepareCreate: (request) => (userOf(request) ? { workflow_id: WORKFLOW, vendor_data: 'x' } : null),
    });
    const browser = new DiditClient({ baseUrl: `${APP}/api/didit`, fetch: proxy });
    await expect(browser.sessions.create({ workflow_id: WORKFLOW })).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(standIn.requests).toHaveLength(0);
  });

  it("does not ask authorize: prepareCreate is create's authorization", async () => {
    const authorize = vi.fn(() => false);
    const { browser } = setup({ authorize });
    await browser.sessions.create({ workflow_id: WORKFLOW });
    expect(authorize).not.toHaveBeenCalled();
  });

  it("throws InvalidArgumentError for allow: ['create'] without prepareCreate", () => {
    const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url });
    expect(() => createDiditProxy(server, { allow: ['create'], authorize: 'public' })).toThrow(InvalidArgumentError);
    expect(() => createDiditProxy(server, { allow: ['create'], authorize: 'public' })).toThrow(/prepareCreate/);
  });

  it("answers 404 for the create path without 'create' in allow, and 405 for another method", async () => {
    const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url });
    const plain = createDiditProxy(server, { prefix: '/api/didit', prepareCreate: () => ({ workflow_id: WORKFLOW }) });
    expect((await plain(postCreate())).status).toBe(404);
    const { proxy } = setup();
    const get = await proxy(new Request(CREATE_URL));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(standIn.requests).toHaveLength(0);
  });

  it('answers 500 and reports, without calling Didit, when prepareCreate throws or builds an invalid body', async () => {
    const thrown = setup({
      prepareCreate: () => {
        throw new Error('database down');
      },
    });
    const a = await thrown.proxy(postCreate());
    expect(a.status).toBe(500);
    expect(await a.json()).toEqual({ detail: 'Internal error.' });
    expect(thrown.onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'database down' }), {
      request: expect.any(Request),
      action: 'create',
      sessionId: undefined,
    });

    const invalid = setup({ prepareCreate: () => ({ workflow_id: 'not-a-uuid', vendor_data: 'u-1' }) });
    const b = await invalid.proxy(postCreate());
    expect(b.status).toBe(500);
    // A configuration error the browser's client will not retry; the field is named in the log only.
    const answer = await b.text();
    expect(JSON.parse(answer)).toEqual({
      detail: 'The verification service is not configured correctly.',
      code: 'didit_invalid_create_body',
    });
    expect(answer).not.toContain('workflow_id');
    const [error] = invalid.onError.mock.calls[0] ?? [];
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toMatch(/workflow_id/);
    expect(standIn.requests).toHaveLength(0);
  });

  it('answers 500 when onCreated throws, so no session goes out unrecorded', async () => {
    const { proxy, onError } = setup({
      onCreated: () => {
        throw new Error('could not record the owner');
      },
    });
    const response = await proxy(postCreate({ cookie: 'uid=u-2' }));
    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledOnce();
  });

  it("sends a create to Didit once when Didit answers 500 (a POST is not repeated), and the browser's client does not repeat it either", async () => {
    standIn.reply('create', { status: 500, body: { detail: 'boom' } }, { status: 500, body: { detail: 'boom' } });
    const { browser, onError } = setup();
    await expect(browser.sessions.create({ workflow_id: WORKFLOW })).rejects.toBeInstanceOf(ServerError);
    expect(creates()).toHaveLength(1);
    expect(onError).toHaveBeenCalledOnce();
  });

  it('answers 429 without calling Didit or onCreated while a 429 holds upstream calls back', async () => {
    standIn.reply('create', { status: 429, headers: { 'retry-after': '30' }, body: { detail: 'Slow down.' } });
    const onCreated = vi.fn();
    const { proxy } = setup({ onCreated });
    const post = () => proxy(postCreate({ cookie: 'uid=u-3' }));
    expect((await post()).status).toBe(429);
    const held = await post();
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(creates()).toHaveLength(1);
    expect(onCreated).not.toHaveBeenCalled();
  });
});

describe('create through a v1 proxy', () => {
  it('serves POST {prefix}/v1/session/ with the v1 body from prepareCreate', async () => {
    const server = new V1Client({
      baseUrl: standIn.url,
      authUrl: standIn.url,
      clientId: 'v1-client-id',
      clientSecret: 'v1-client-secret',
    });
    const session = { session_id: V1_SESSION_ID, session_token: 'st', url: 'https://verify.test/session/st' };
    standIn.reply('create', { status: 201, body: session });
    const seen: DiditProxyCreatedSession[] = [];
    const proxy = createDiditProxy(server, {
      prefix: '/api/didit',
      allow: ['create'],
      authorize: 'public',
      prepareCreate: () => ({ vendor_data: 'u-9', callback: 'https://app.test/verified' }),
      onCreated: (created) => {
        seen.push(created);
      },
    });
    const v3Path = await proxy(postCreate());
    expect(v3Path.status).toBe(500);
    expect(((await v3Path.json()) as { code: string }).code).toBe('didit_api_version_mismatch');
    const browser = new V1Client({ apiVersion: 'v1', baseUrl: `${APP}/api/didit`, fetch: proxy });
    const created = await browser.sessions.create({ vendor_data: 'ignored' });
    expect(created).toMatchObject({ session_id: V1_SESSION_ID, url: 'https://verify.test/session/st' });
    expect(seen.map((s) => s.session_id)).toEqual([V1_SESSION_ID]);
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /auth/v2/token/', 'POST /v1/session/']);
    expect(JSON.parse(standIn.requestsOf('create')[0]?.body ?? '')).toEqual({
      vendor_data: 'u-9',
      callback: 'https://app.test/verified',
    });
  });
});
