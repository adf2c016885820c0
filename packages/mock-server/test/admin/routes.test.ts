import { describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY, FIXTURE_SESSION_IDS, V3_FIXTURE_IDS } from '../../src/index.ts';
import { authedApp, SEED_ID } from '../helpers.ts';

type Summary = {
  api_version: 'v1' | 'v3';
  session_id: string;
  status: string;
  source: string;
  hosted_page_url: string;
  session_token: string;
};

const FIXTURES = Object.keys(FIXTURE_SESSION_IDS).length + Object.keys(V3_FIXTURE_IDS).length;

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('/__mock/ admin routes', () => {
  it('lists the routes, statuses and outcomes at /__mock', async () => {
    const res = await createMockApp().request('/__mock');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      routes: string[];
      statuses: Record<'v1' | 'v3', string[]>;
      outcomes: Record<'v1' | 'v3', { id: string }[]>;
    };
    expect(body.routes).toContain('POST /__mock/reset');
    expect(body.routes).toContain('POST /__mock/sessions/{session_id}/advance');
    expect(body.outcomes.v1.map((o) => o.id)).toContain('declined-aml');
    expect(body.outcomes.v3.map((o) => o.id)).toContain('decline_aml_hit');
    expect(body.statuses.v1).not.toContain('Resubmitted');
    expect(body.statuses.v3).toContain('Resubmitted');
  });

  it('lists every session of both generations, pre-seeded and created', async () => {
    const { app, json } = await authedApp();
    await json('/v1/session/', 'POST', { callback: 'https://example.com/cb', vendor_data: 'u1' });
    const { sessions } = (await (await app.request('/__mock/sessions')).json()) as { sessions: Summary[] };
    expect(sessions).toHaveLength(FIXTURES + 1);
    expect(sessions.filter((s) => s.api_version === 'v1')).toHaveLength(Object.keys(FIXTURE_SESSION_IDS).length + 1);
    expect(sessions.find((s) => s.session_id === V3_FIXTURE_IDS.approved)).toMatchObject({
      api_version: 'v3',
      status: 'Approved',
      source: 'fixture',
    });
    const seed = sessions.find((s) => s.session_id === SEED_ID)!;
    expect(seed).toMatchObject({
      api_version: 'v1',
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
    expect(await res.json()).toEqual({ sessions: FIXTURES });
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

describe('/__mock/ admin routes on v3 sessions (the same routes as v1)', () => {
  const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';

  async function v3Session(app: ReturnType<typeof createMockApp>, body: Record<string, unknown> = {}) {
    const res = await app.request('/v3/session/', {
      method: 'POST',
      headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ workflow_id: WORKFLOW, vendor_data: 'admin-v3', ...body }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { session_id: string }).session_id;
  }
  const decision = async (app: ReturnType<typeof createMockApp>, id: string) =>
    (await (
      await app.request(`/v3/session/${id}/decision/`, { headers: { 'x-api-key': DEFAULT_API_KEY } })
    ).json()) as {
      status: string;
      id_verifications: { status: string }[] | null;
    };

  it('gets a v3 session with its v3 decision', async () => {
    const res = await createMockApp().request(`/__mock/sessions/${V3_FIXTURE_IDS.approved}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { session: Summary; decision: { session_kind: string } };
    expect(body.session).toMatchObject({ api_version: 'v3', status: 'Approved', source: 'fixture' });
    expect(body.decision.session_kind).toBe('user');
  });

  it('advances Not Started -> In Progress -> the armed scenario, then refuses; the old v3 path is an alias', async () => {
    const app = createMockApp();
    for (const path of ['/__mock/sessions', '/__mock/v3/sessions']) {
      const id = await v3Session(app, { vendor_data: path, sandbox_scenario: 'decline_face_match_low_similarity' });
      const advance = async () => app.request(`${path}/${id}/advance`, post());
      expect(((await (await advance()).json()) as { session: Summary }).session.status).toBe('In Progress');
      // The decision route, read (and so serialised) in between, shows every change.
      expect((await decision(app, id)).status).toBe('In Progress');
      expect(((await (await advance()).json()) as { session: Summary }).session).toMatchObject({
        api_version: 'v3',
        status: 'Declined',
      });
      expect((await decision(app, id)).status).toBe('Declined');
      const finished = await advance();
      expect(finished.status, path).toBe(409);
      expect(((await finished.json()) as { detail: string }).detail).toContain('Declined');
    }
  });

  it('sets a v3 status with the content of its fixture, or an outcome (a sandbox scenario of its kind)', async () => {
    const app = createMockApp();
    const id = await v3Session(app);
    expect((await decision(app, id)).id_verifications).toBeNull();
    const set = await app.request(`/__mock/sessions/${id}/status`, post({ status: 'Declined' }));
    expect(set.status).toBe(200);
    const declined = await decision(app, id);
    expect(declined.status).toBe('Declined');
    expect(declined.id_verifications?.[0]?.status).toBe('Declined');

    const outcome = await app.request(`/__mock/sessions/${id}/status`, post({ outcome: 'approve' }));
    expect(((await outcome.json()) as { session: Summary }).session.status).toBe('Approved');
    expect((await decision(app, id)).status).toBe('Approved');

    const resubmitted = await app.request(`/__mock/sessions/${id}/status`, post({ status: 'Resubmitted' }));
    expect(resubmitted.status).toBe(200);
    for (const [body, field, message] of [
      [{ status: 'Done' }, 'status', /^"Done" is not a valid choice: Not Started, In Progress, Awaiting User, /],
      [{ outcome: 'approved' }, 'outcome', /^"approved" is not a valid choice: approve, /],
      [{ outcome: 'decline_kyb_registry_mismatch' }, 'outcome', /is not a valid choice/],
    ] as const) {
      const res = await app.request(`/__mock/sessions/${id}/status`, post(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as Record<string, string[]>)[field]?.[0]).toMatch(message);
    }
    // A v3-only status on a v1 session is refused.
    const v1 = await app.request(
      `/__mock/sessions/${FIXTURE_SESSION_IDS.notStarted}/status`,
      post({ status: 'Resubmitted' }),
    );
    expect(v1.status).toBe(400);
  });

  it('reset takes both generations back to their fixtures', async () => {
    const app = createMockApp();
    const id = await v3Session(app);
    await app.request(`/__mock/sessions/${V3_FIXTURE_IDS.approved}/status`, post({ status: 'Declined' }));
    expect(await (await app.request('/__mock/reset', post())).json()).toEqual({ sessions: FIXTURES });
    expect((await app.request(`/__mock/sessions/${id}`)).status).toBe(404);
    expect((await decision(app, V3_FIXTURE_IDS.approved)).status).toBe('Approved');
  });
});
