// Writes through the proxy are same-site JSON: a page on another site can post a form or a
// `text/plain` body with the user's cookie, but never `application/json` without a CORS preflight
// (answered only for allowedOrigins), and its Sec-Fetch-Site / Origin give it away. Reads stay open
// to authorize alone. Upstream is the v3 spec stand-in on 127.0.0.1.

import { type ServedDiditStandIn, startDiditStandIn } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError } from '../src/index.ts';
import { createDiditProxy, type DiditProxyOptions } from '../src/server.ts';

const API_KEY = 'sk_test_SAMESITE0Key0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6J';
const WORKFLOW = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const ID = '11111111-2222-3333-4444-555555555555';
const APP = 'https://app.example.com';
const CREATE = `${APP}/api/didit/v3/session/`;
const REVIEW = `${APP}/api/didit/v3/session/${ID}/update-status/`;

let standIn: ServedDiditStandIn;
beforeAll(async () => {
  standIn = await startDiditStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

function proxyFor(options: DiditProxyOptions = {}) {
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url });
  return createDiditProxy(client, {
    prefix: '/api/didit',
    allow: ['decision', 'create', 'update-status'],
    prepareCreate: () => ({ workflow_id: WORKFLOW, vendor_data: 'user-1' }),
    authorize: () => true,
    logger: {},
    ...options,
  });
}

function post(url: string, headers: Record<string, string>, body = '{}', method = 'POST'): Request {
  return new Request(url, { method, headers: { cookie: 'session=victim', ...headers }, body });
}

const sent = (route: string) => standIn.requests.filter((r) => r.route === route).length;

describe('a write from another site', () => {
  it.each([
    ['a text/plain form', { 'content-type': 'text/plain' }],
    ['a urlencoded form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a multipart form', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
  ])(
    'is refused with a JSON 403 and a reason when it is %s, before Didit or prepareCreate is asked',
    async (_name, headers) => {
      let prepared = 0;
      const proxy = proxyFor({
        prepareCreate: () => {
          prepared++;
          return { workflow_id: WORKFLOW, vendor_data: 'user-1' };
        },
      });
      const response = await proxy(
        post(CREATE, { ...headers, 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }),
      );
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/json');
      const body = (await response.json()) as { detail: string; code: string };
      expect(body.code).toBe('cross_site_refused');
      expect(body.detail).toMatch(/^Cross-site request refused: the body must be sent as application\/json/);
      expect(prepared).toBe(0);
      expect(sent('create')).toBe(0);
    },
  );

  it('is refused as JSON when Sec-Fetch-Site says cross-site (a credentialed fetch that got past CORS)', async () => {
    const response = await proxyFor()(
      post(CREATE, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      detail: 'Cross-site request refused: it came from another site (Sec-Fetch-Site: cross-site).',
      code: 'cross_site_refused',
    });
    expect(sent('create')).toBe(0);
  });

  it("is refused by its Origin when the browser sends no Sec-Fetch-Site (an older browser), and 'null' too", async () => {
    const proxy = proxyFor();
    for (const origin of ['https://evil.test', 'null', 'https://app.example.com:8443']) {
      const response = await proxy(post(CREATE, { 'content-type': 'application/json', origin }));
      expect(response.status, origin).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('cross_site_refused');
    }
    expect(sent('create')).toBe(0);
  });

  it('refuses a cross-site review (PATCH update-status) the same way', async () => {
    const response = await proxyFor()(
      post(
        REVIEW,
        { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
        '{"new_status":"Approved"}',
        'PATCH',
      ),
    );
    expect(response.status).toBe(403);
    expect(sent('updateStatus')).toBe(0);
  });

  it('logs the refusal at warn with the action', async () => {
    const lines: string[] = [];
    const proxy = proxyFor({ logger: { warn: (message) => lines.push(message) } });
    await proxy(post(CREATE, { 'content-type': 'text/plain' }));
    expect(lines).toEqual([expect.stringMatching(/^didit proxy: refused a cross-site create: the body must be/)]);
  });
});

describe('a write from this site', () => {
  it.each([
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin', origin: APP }],
    [
      'Sec-Fetch-Site: same-site (a sibling subdomain)',
      { 'sec-fetch-site': 'same-site', origin: 'https://www.example.com' },
    ],
    ['the same Origin and no Sec-Fetch-Site', { origin: APP }],
    ['neither header (a server, curl: no ambient cookie)', {}],
  ])('is forwarded with %s', async (_name, headers) => {
    const response = await proxyFor()(post(CREATE, { 'content-type': 'application/json; charset=utf-8', ...headers }));
    expect(response.status).toBe(201);
    expect(sent('create')).toBe(1);
  });

  it("is what the browser's own client sends: a credential-less DiditClient creates through the proxy", async () => {
    const proxy = proxyFor();
    const browser = new DiditClient({ baseUrl: `${APP}/api/didit`, fetch: proxy });
    const created = await browser.request<{ session_id: string }>({ method: 'POST', path: '/v3/session/', body: {} });
    expect(created.session_id).toBeTypeOf('string');
  });

  it('reads (GET) are not checked: another site may link to a decision, and only authorize decides', async () => {
    const response = await proxyFor()(
      new Request(`${APP}/api/didit/v3/session/${ID}/decision/`, {
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' },
      }),
    );
    expect(response.status).toBe(200);
  });
});

describe('allowedOrigins: your own pages on another site', () => {
  const ADMIN = 'https://admin.example.org';

  it('answers their CORS preflight, and only theirs', async () => {
    const proxy = proxyFor({ allowedOrigins: [ADMIN] });
    const preflight = (origin: string) =>
      proxy(
        new Request(CREATE, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      );
    const granted = await preflight(ADMIN);
    expect(granted.status).toBe(204);
    expect(granted.headers.get('access-control-allow-origin')).toBe(ADMIN);
    expect(granted.headers.get('access-control-allow-credentials')).toBe('true');
    expect(granted.headers.get('access-control-allow-methods')).toBe('POST');
    expect(granted.headers.get('access-control-allow-headers')).toContain('content-type');
    const other = await preflight('https://evil.test');
    expect(other.status).toBe(405);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('forwards their JSON writes, with CORS headers on the answer; other origins are still refused', async () => {
    const proxy = proxyFor({ allowedOrigins: [ADMIN] });
    const ok = await proxy(
      post(CREATE, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: ADMIN }),
    );
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ADMIN);
    expect(ok.headers.get('vary')).toBe('Origin');
    const evil = await proxy(
      post(CREATE, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.test' }),
    );
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    // A form from an allowed origin is still not JSON.
    const form = await proxy(post(CREATE, { 'content-type': 'text/plain', origin: ADMIN }));
    expect(form.status).toBe(403);
    expect(sent('create')).toBe(1);
  });

  it.each([['*'], ['https://admin.example.org/'], ['admin.example.org'], ['https://admin.example.org/path']])(
    'refuses %s when the proxy is built, with the fix in the message',
    (origin) => {
      expect(() => proxyFor({ allowedOrigins: [origin] })).toThrow(InvalidArgumentError);
      expect(() => proxyFor({ allowedOrigins: [origin] })).toThrow(/scheme and host without a path/);
    },
  );
});

describe('behind a reverse proxy', () => {
  it('accepts an Origin whose host is the forwarded one (a browser without Sec-Fetch-Site)', async () => {
    const internal = 'http://10.0.0.7:3000/api/didit/v3/session/';
    const proxy = proxyFor();
    const forwarded = await proxy(
      post(internal, { 'content-type': 'application/json', origin: APP, 'x-forwarded-host': 'app.example.com' }),
    );
    expect(forwarded.status).toBe(201);
    const other = await proxy(
      post(internal, {
        'content-type': 'application/json',
        origin: 'https://evil.test',
        'x-forwarded-host': 'app.example.com',
      }),
    );
    expect(other.status).toBe(403);
  });
});
