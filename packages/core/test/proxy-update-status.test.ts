import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiditProxy } from '../src/server.ts';
import { DiditClient, InvalidArgumentError } from '../src/v1/index.ts';

// `allow: ['update-status']`: a review screen behind the proxy. The upstream is a small
// stand-in for Didit on 127.0.0.1 that keeps one session's status and counts what reaches it.

const ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'sk_live_UPDATE-SECRET-42';
const TOKEN = 'at_UPDATE-TOKEN-42';
const seed = JSON.parse(
  readFileSync(new URL('../spec/examples/v1/decision.declined-aml.json', import.meta.url), 'utf8'),
);

const state = { status: 'In Review', reviews: [] as unknown[], patches: 0, decisions: 0 };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (req.url === '/auth/v2/token/') return send(res, 200, { access_token: TOKEN, expires_in: 86_400 });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { detail: 'Bad token.' });
  if (req.method === 'PATCH' && req.url === `/v1/session/${ID}/update-status/`) {
    state.patches++;
    const body = JSON.parse(text) as { new_status: string; comment?: string };
    state.status = body.new_status;
    state.reviews.push({ user: 'api', new_status: body.new_status, comment: body.comment ?? null, created_at: 'now' });
    return send(res, 200, { session_id: ID });
  }
  if (req.method === 'GET' && req.url === `/v1/session/${ID}/decision/`) {
    state.decisions++;
    return send(res, 200, { ...seed, status: state.status, reviews: state.reviews });
  }
  send(res, 404, { detail: 'Not found.' });
}

const upstream = createServer((req, res) => void handle(req, res));
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
beforeEach(() => Object.assign(state, { status: 'In Review', reviews: [], patches: 0, decisions: 0 }));

const serverClient = () => new DiditClient({ clientId: 'id', clientSecret: SECRET, baseUrl: base, authUrl: base });
const reviewer = (request: Request) => request.headers.get('x-role') === 'reviewer';
const url = (action: string) => `http://app.test/api/didit/v1/session/${ID}/${action}/`;
const patch = (body: string, headers: Record<string, string> = { 'x-role': 'reviewer' }) =>
  new Request(url('update-status'), {
    method: 'PATCH',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe("createDiditProxy with allow: ['update-status']", () => {
  it('refuses to be created without authorize: any visitor could approve sessions', () => {
    expect(() => createDiditProxy(serverClient(), { allow: ['update-status'] })).toThrow(InvalidArgumentError);
  });

  it('is not forwarded unless allowed: 404 without contacting Didit', async () => {
    const proxy = createDiditProxy(serverClient(), { prefix: '/api/didit' });
    const response = await proxy(patch('{"new_status":"Approved"}'));
    expect(response.status).toBe(404);
    expect(state.patches).toBe(0);
  });

  it("forwards a reviewer's PATCH, and the next decision poll sees it despite the cache", async () => {
    const proxy = createDiditProxy(serverClient(), {
      prefix: '/api/didit',
      allow: ['update-status'],
      authorize: reviewer,
      cacheMs: 60_000,
    });
    const before = await proxy(new Request(url('decision'), { headers: { 'x-role': 'reviewer' } }));
    expect((await before.json()).status).toBe('In Review');

    const response = await proxy(patch('{"new_status":"Approved","comment":"Checked by hand"}'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ session_id: ID });
    expect(state.patches).toBe(1);

    const after = await proxy(new Request(url('decision'), { headers: { 'x-role': 'reviewer' } }));
    const decision = await after.json();
    expect(decision.status).toBe('Approved');
    expect(decision.reviews).toEqual([expect.objectContaining({ new_status: 'Approved', comment: 'Checked by hand' })]);
    expect(state.decisions).toBe(2);
  });

  it('403 for a user authorize refuses, 405 for GET, 400 with field messages for a bad body; none reach Didit', async () => {
    const proxy = createDiditProxy(serverClient(), {
      prefix: '/api/didit',
      allow: ['update-status'],
      authorize: reviewer,
    });
    expect((await proxy(patch('{"new_status":"Approved"}', { 'x-role': 'visitor' }))).status).toBe(403);
    const get = await proxy(new Request(url('update-status'), { headers: { 'x-role': 'reviewer' } }));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('PATCH');
    const notJson = await proxy(patch('new_status=Approved'));
    expect(notJson.status).toBe(400);
    const wrong = await proxy(patch('{"new_status":"Maybe"}'));
    expect(wrong.status).toBe(400);
    expect(Object.keys(await wrong.json())).toEqual(['new_status']);
    expect((await proxy(patch('x'.repeat(20_000)))).status).toBe(413);
    // A PATCH to the decision route is refused too: the method follows the route.
    const patchDecision = new Request(url('decision'), {
      method: 'PATCH',
      body: '{}',
      headers: { 'x-role': 'reviewer' },
    });
    expect((await proxy(patchDecision)).status).toBe(405);
    expect(state.patches).toBe(0);
  });

  it('lets a credential-less browser client review through the proxy, and sends it no secret', async () => {
    const proxy = createDiditProxy(serverClient(), {
      prefix: '/api/didit',
      allow: ['update-status'],
      authorize: reviewer,
    });
    const seen: string[] = [];
    const browser = new DiditClient({
      baseUrl: 'http://app.test/api/didit',
      maxRetries: 0,
      fetch: async (request) => {
        request.headers.set('x-role', 'reviewer');
        const response = await proxy(request);
        seen.push(await response.clone().text());
        return response;
      },
    });
    await expect(browser.sessions.updateStatus(ID, { new_status: 'Declined' })).resolves.toEqual({ session_id: ID });
    expect(state.status).toBe('Declined');
    expect(seen.join('\n')).not.toContain(SECRET);
    expect(seen.join('\n')).not.toContain(TOKEN);
  });
});
