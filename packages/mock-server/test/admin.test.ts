import { describe, expect, it } from 'vitest';
import { createMockApp, FIXTURE_SESSION_IDS } from '../src/index.ts';
import { authedApp, SEED_ID } from './helpers.ts';

type Summary = { session_id: string; status: string; source: string; hosted_page_url: string; session_token: string };

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('/__mock/ admin routes', () => {
  it('lists the routes, statuses and outcomes at /__mock', async () => {
    const res = await createMockApp().request('/__mock');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { routes: string[]; outcomes: { id: string }[] };
    expect(body.routes).toContain('POST /__mock/reset');
    expect(body.outcomes.map((o) => o.id)).toContain('declined-aml');
  });

  it('lists every session, pre-seeded and created', async () => {
    const { app, json } = await authedApp();
    await json('/v1/session/', 'POST', { callback: 'https://example.com/cb', vendor_data: 'u1' });
    const { sessions } = (await (await app.request('/__mock/sessions')).json()) as { sessions: Summary[] };
    expect(sessions).toHaveLength(Object.keys(FIXTURE_SESSION_IDS).length + 1);
    const seed = sessions.find((s) => s.session_id === SEED_ID)!;
    expect(seed).toMatchObject({
      status: 'Declined',
      source: 'fixture',
      hosted_page_url: `http://localhost/session/${SEED_ID}`,
    });
    expect(sessions.filter((s) => s.source === 'api')).toHaveLength(1);
  });

  it('gets one session with its decision, 404 for an unknown one', async () => {
    const app = createMockApp();
    const res = await app.request(`/__mock/sessions/${SEED_ID}`);
    const body = (await res.json()) as { session: Summary; decision: { session_number: number } };
    expect(body.session.status).toBe('Declined');
    expect(body.decision.session_number).toBe(43762);
    const missing = await app.request('/__mock/sessions/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not found.' });
  });

  it('sets a status, taking the content of that status from its fixture', async () => {
    const { app, call } = await authedApp();
    const id = FIXTURE_SESSION_IDS.notStarted;
    const res = await app.request(`/__mock/sessions/${id}/status`, post({ status: 'Approved' }));
    expect(res.status).toBe(200);
    const decision = (await (await call(`/v1/session/${id}/decision/`)).json()) as Record<string, unknown>;
    expect(decision).toMatchObject({ session_id: id, status: 'Approved', vendor_data: 'user-not-started-1004' });
    expect(decision.kyc).toMatchObject({ issuing_state: 'DEU' });
  });

  it('sets an outcome by id (the hosted page choices)', async () => {
    const { app, call } = await authedApp();
    const id = FIXTURE_SESSION_IDS.notStarted;
    await app.request(`/__mock/sessions/${id}/status`, post({ outcome: 'declined-face-match' }));
    const decision = (await (await call(`/v1/session/${id}/decision/`)).json()) as { status: string; face: unknown };
    expect(decision.status).toBe('Declined');
    expect(decision.face).toMatchObject({ face_match_status: 'Declined' });
  });

  it('answers 400 with field messages for a bad status body', async () => {
    const app = createMockApp();
    const path = `/__mock/sessions/${SEED_ID}/status`;
    const unknown = await app.request(path, post({ status: 'Done' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { status: string[] }).status[0]).toMatch(
      /^"Done" is not a valid choice: Not Started, /,
    );
    expect((await app.request(path, post({}))).status).toBe(400);
    expect((await app.request(path, post({ status: 'Approved', outcome: 'approved' }))).status).toBe(400);
    expect((await app.request(path, post({ outcome: 'nope' }))).status).toBe(400);
    const malformed = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
  });

  it('advances along Not Started -> In Progress -> Approved, and refuses a finished session', async () => {
    const app = createMockApp();
    const id = FIXTURE_SESSION_IDS.notStarted;
    const advance = async () =>
      (await app.request(`/__mock/sessions/${id}/advance`, post())).json() as Promise<{ session: Summary }>;
    expect((await advance()).session.status).toBe('In Progress');
    expect((await advance()).session.status).toBe('Approved');
    const res = await app.request(`/__mock/sessions/${id}/advance`, post());
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toContain('Approved');
  });

  it('resets: created sessions go, changed fixtures come back', async () => {
    const { app, json, call } = await authedApp();
    await json('/v1/session/', 'POST', { callback: 'https://example.com/cb', vendor_data: 'u1' });
    await json(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', { new_status: 'Approved' });
    const res = await app.request('/__mock/reset', post());
    expect(await res.json()).toEqual({ sessions: Object.keys(FIXTURE_SESSION_IDS).length });
    const seed = (await (await call(`/v1/session/${SEED_ID}/decision/`)).json()) as {
      status: string;
      reviews: unknown[];
    };
    expect(seed.status).toBe('Declined');
    expect(seed.reviews).toHaveLength(1);
  });

  it('answers 405 for a wrong method', async () => {
    const res = await createMockApp().request('/__mock/reset');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('answers 415 to a POST that is not application/json: a plain form or text/plain fetch from any site cannot steer them', async () => {
    const app = createMockApp();
    const id = FIXTURE_SESSION_IDS.notStarted;
    const cases: [string, Record<string, string>, string | undefined][] = [
      ['/__mock/reset', {}, undefined],
      ['/__mock/reset', { 'content-type': 'text/plain' }, '{}'],
      [`/__mock/sessions/${id}/advance`, { 'content-type': 'application/x-www-form-urlencoded' }, 'a=b'],
      [`/__mock/sessions/${id}/status`, { 'content-type': 'text/plain;charset=UTF-8' }, '{"status":"Approved"}'],
      [`/__mock/sessions/${id}/status`, { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
      [`/__mock/sessions/${id}/status`, { 'content-type': 'application/vnd.api+json' }, '{"status":"Approved"}'],
    ];
    for (const [path, headers, body] of cases) {
      const res = await app.request(path, { method: 'POST', headers, body });
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(415);
      const answer = (await res.json()) as { detail: string; hint: string };
      expect(answer.detail).toMatch(/^Unsupported media type ".*" in request\.$/);
      expect(answer.hint).toContain('application/json');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    // Nothing moved.
    const session = (await (await app.request(`/__mock/sessions/${id}`)).json()) as { session: Summary };
    expect(session.session.status).toBe('Not Started');
    // With the type (and a charset, or no body at all) they work.
    expect((await app.request('/__mock/reset', post())).status).toBe(200);
    const ok = await app.request(`/__mock/sessions/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: '{"status":"Approved"}',
    });
    expect(ok.status).toBe(200);
    // A wrong method is still a 405, whatever the type; reads need no type.
    expect((await app.request('/__mock/reset', { method: 'PUT' })).status).toBe(405);
    expect((await app.request('/__mock/sessions')).status).toBe(200);
  });

  it("answers 403 to a request whose Origin is not the mock's own", async () => {
    const app = createMockApp();
    const id = FIXTURE_SESSION_IDS.notStarted;
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost:4011',
      'file://',
      'garbage',
      'http://mock.test.evil',
    ]) {
      for (const [path, init] of [
        ['/__mock/reset', post()],
        [`/__mock/sessions/${id}/status`, post({ status: 'Approved' })],
        ['/__mock/sessions', {}],
        ['/__mock/reset', { method: 'OPTIONS' }], // a CORS preflight
      ] as const) {
        const headers = new Headers((init as RequestInit).headers);
        headers.set('origin', origin);
        const res = await app.request(`http://mock.test${path}`, { ...(init as RequestInit), headers });
        expect(res.status, `${origin} ${path}`).toBe(403);
        expect(((await res.json()) as { detail: string }).detail).toContain('may not use the admin routes');
      }
    }
    expect((await app.request(`/__mock/sessions/${id}`)).status).toBe(200);
    const session = (await (await app.request(`/__mock/sessions/${id}`)).json()) as { session: Summary };
    expect(session.session.status).toBe('Not Started');

    // The mock's own origin (any scheme: a TLS proxy may be in front), or publicUrl's, may.
    for (const origin of ['http://mock.test', 'https://mock.test']) {
      const res = await app.request('http://mock.test/__mock/reset', {
        ...post(),
        headers: { 'content-type': 'application/json', origin },
      });
      expect(res.status, origin).toBe(200);
    }
    const behindProxy = createMockApp({ publicUrl: 'https://mock.example.test' });
    const proxied = await behindProxy.request('http://127.0.0.1:4010/__mock/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://mock.example.test' },
    });
    expect(proxied.status).toBe(200);
  });

  it('are 404 with admin: false', async () => {
    const app = createMockApp({ admin: false });
    for (const [path, method] of [
      ['/__mock', 'GET'],
      ['/__mock/sessions', 'GET'],
      [`/__mock/sessions/${SEED_ID}`, 'GET'],
      [`/__mock/sessions/${SEED_ID}/status`, 'POST'],
      ['/__mock/reset', 'POST'],
    ] as const) {
      const res = await app.request(path, { method });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ detail: 'Not found.' });
    }
  });
});
