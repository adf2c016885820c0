import { DiditClient, sessionDecisionSchema } from '@didit-kit/core/v1';
import { v1Example } from '@didit-kit/test-kit/didit';
import { describe, expect, it } from 'vitest';
import { createMockApp, FIXTURE_SESSION_IDS } from '../../src/index.ts';
import { MAX_REVIEWS } from '../../src/session-store.ts';
import { authedApp, SEED_ID } from '../helpers.ts';

const seedJson: unknown = v1Example('decision.declined-aml.json');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('GET /v1/session/{id}/decision/', () => {
  it("serves the seed's example at its own id, deep-equal to the documented JSON", async () => {
    const { call } = await authedApp();
    const res = await call(`/v1/session/${SEED_ID}/decision/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(seedJson);
  });

  it('serves every pre-seeded fixture at its documented id', async () => {
    const { call } = await authedApp();
    const statuses: Record<string, string> = {};
    for (const [name, id] of Object.entries(FIXTURE_SESSION_IDS)) {
      const res = await call(`/v1/session/${id}/decision/`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { session_id: string; status: string };
      expect(body.session_id).toBe(id);
      statuses[name] = body.status;
    }
    expect(statuses).toEqual({
      declinedAml: 'Declined',
      approved: 'Approved',
      inReview: 'In Review',
      declinedFaceMatch: 'Declined',
      notStarted: 'Not Started',
      inProgress: 'In Progress',
      expired: 'Expired',
      abandoned: 'Abandoned',
      kycExpired: 'Kyc Expired',
    });
  });

  it.each([
    ['an unknown UUID', '00000000-0000-4000-8000-000000000000'],
    ['a malformed id', 'not-a-uuid'],
    ['an upper-case copy of a real id', FIXTURE_SESSION_IDS.approved.toUpperCase()],
    ['percent-encoded junk', '%E0%A4%A'],
    ['a path traversal attempt', '..%2F..%2Fetc%2Fpasswd'],
  ])('answers 404 {"detail":"Not found."} for %s', async (_, id) => {
    const { call } = await authedApp();
    const res = await call(`/v1/session/${id}/decision/`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Not found.' });
  });

  it('answers HEAD like GET, without a body', async () => {
    const { call } = await authedApp();
    const res = await call(`/v1/session/${SEED_ID}/decision/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('POST /v1/session/', () => {
  const body = { callback: 'https://example.com/cb', vendor_data: 'user-42', features: 'OCR + NFC + FACE' };

  it('creates a Not Started session with an id, number, token and a hosted page URL on the mock', async () => {
    const { json, call } = await authedApp();
    const res = await json('/v1/session/', 'POST', body);
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({
      status: 'Not Started',
      vendor_data: 'user-42',
      callback: 'https://example.com/cb',
      features: 'OCR + NFC + FACE',
    });
    expect(created.session_id).toMatch(UUID);
    expect(typeof created.session_number).toBe('number');
    expect(created.url).toBe(`http://localhost/session/${created.session_token}`);

    const decision = (await (await call(`/v1/session/${created.session_id}/decision/`)).json()) as Record<
      string,
      unknown
    >;
    expect(decision).toMatchObject({
      session_id: created.session_id,
      session_number: created.session_number,
      session_url: created.url,
      status: 'Not Started',
      vendor_data: 'user-42',
      kyc: null,
      aml: null,
      face: null,
      location: null,
      warnings: [],
      reviews: [],
    });
    expect(decision.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('numbers sessions in order and defaults features to OCR + FACE', async () => {
    const { json } = await authedApp();
    const a = (await (
      await json('/v1/session/', 'POST', { callback: 'http://localhost:3000/done', vendor_data: 'a' })
    ).json()) as {
      session_number: number;
      features: string;
    };
    const b = (await (
      await json('/v1/session/', 'POST', { callback: 'http://localhost:3000/done', vendor_data: 'b' })
    ).json()) as {
      session_number: number;
    };
    expect(b.session_number).toBe(a.session_number + 1);
    expect(a.features).toBe('OCR + FACE');
  });

  it('uses publicUrl for the hosted page URL when given', async () => {
    const { json } = await authedApp({ publicUrl: 'https://mock.example.test/ignored/path' });
    const created = (await (await json('/v1/session/', 'POST', body)).json()) as { url: string; session_token: string };
    expect(created.url).toBe(`https://mock.example.test/session/${created.session_token}`);
  });

  it('answers 400 with DRF field messages for missing and invalid fields', async () => {
    const { json } = await authedApp();
    const missing = await json('/v1/session/', 'POST', {});
    expect(missing.status).toBe(400);
    // `callback` is optional (core's v1 schema agrees): only vendor_data is required.
    expect(await missing.json()).toEqual({ vendor_data: ['This field is required.'] });
    const blank = await json('/v1/session/', 'POST', { callback: '', vendor_data: 'v' });
    expect(await blank.json()).toEqual({ callback: ['This field may not be blank.'] });
    const nullCallback = await json('/v1/session/', 'POST', { callback: null, vendor_data: 'v' });
    expect(await nullCallback.json()).toEqual({ callback: ['This field may not be null.'] });
    const invalid = await json('/v1/session/', 'POST', {
      callback: 'javascript:alert(1)',
      vendor_data: 7,
      features: 'EVERYTHING',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      callback: ['Enter a valid URL.'],
      vendor_data: ['Not a valid string.'],
      features: ['"EVERYTHING" is not a valid choice.'],
    });
    // Checked with core's own v1 schema, so the mock and the client agree: an empty vendor_data
    // passes both, one over 1024 characters fails both (with DRF's wording here).
    expect((await json('/v1/session/', 'POST', { vendor_data: '' })).status).toBe(201);
    const long = await json('/v1/session/', 'POST', { vendor_data: 'x'.repeat(1025) });
    expect(await long.json()).toEqual({ vendor_data: ['Ensure this field has no more than 1024 characters.'] });
    const badComment = await json(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', {
      new_status: 'Approved',
      comment: 'c'.repeat(2001),
    });
    expect(await badComment.json()).toEqual({ comment: ['Ensure this field has no more than 2000 characters.'] });
  });

  it('creates a session without a callback (iframe integrations leave it out), as core sends it', async () => {
    const { app, json, call } = await authedApp();
    const res = await json('/v1/session/', 'POST', { vendor_data: 'iframe-user' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { session_id: string; url: string; callback: unknown };
    expect(created.callback).toBeNull();
    const decision = await (await call(`/v1/session/${created.session_id}/decision/`)).json();
    expect(sessionDecisionSchema.parse(decision).callback).toBeNull();

    // Through DiditClient, whose v1 schema makes `callback` optional too.
    const client = new DiditClient({
      clientId: 'mock-client-id',
      clientSecret: 'mock-client-secret',
      baseUrl: 'http://didit.mock',
      authUrl: 'http://didit.mock',
      fetch: app.fetch,
    });
    const viaClient = await client.sessions.create({ vendor_data: 'iframe-user-2' });
    expect(viaClient.callback ?? null).toBeNull();

    // The hosted page finishes with a page saying so: nowhere to redirect to.
    const finish = await app.request(created.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approved',
    });
    expect(finish.status).toBe(200);
    expect(finish.headers.get('location')).toBeNull();
    const html = await finish.text();
    expect(html).toContain('The verification is finished.');
    expect(html).not.toContain('Return to the application');
  });

  it('ignores unknown fields, as DRF serializers do', async () => {
    const { json } = await authedApp();
    const res = await json('/v1/session/', 'POST', { ...body, something_new: true });
    expect(res.status).toBe(201);
  });

  it('answers 400 for malformed JSON and for a JSON array', async () => {
    const { call, json } = await authedApp();
    const malformed = await call('/v1/session/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"callback": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { detail: string }).detail).toMatch(/^JSON parse error - /);
    const list = await json('/v1/session/', 'POST', [body]);
    expect(list.status).toBe(400);
    expect(await list.json()).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { call } = await authedApp();
    const res = await call('/v1/session/', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'callback=x',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
  });

  it('answers 405 for GET on the collection', async () => {
    const { call } = await authedApp();
    const res = await call('/v1/session/');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('PATCH /v1/session/{id}/update-status/', () => {
  it('changes the status and appends a review with the comment', async () => {
    const { json, call } = await authedApp({ now: () => Date.UTC(2025, 1, 10, 12, 0, 0, 123) });
    const id = FIXTURE_SESSION_IDS.inReview;
    const res = await json(`/v1/session/${id}/update-status/`, 'PATCH', { new_status: 'Approved', comment: 'VPN ok' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ session_id: id });
    const decision = (await (await call(`/v1/session/${id}/decision/`)).json()) as {
      status: string;
      reviews: unknown[];
      location: unknown;
    };
    expect(decision.status).toBe('Approved');
    expect(decision.reviews).toEqual([
      { user: 'mock-client-id', new_status: 'Approved', comment: 'VPN ok', created_at: '2025-02-10T12:00:00.123000Z' },
    ]);
    // A reviewer changes the status, not the verification's content.
    expect(decision.location).toMatchObject({ is_vpn_or_tor: true });
  });

  it('accepts a review without a comment (comment null)', async () => {
    const { json, call } = await authedApp();
    const res = await json(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', { new_status: 'Approved' });
    expect(res.status).toBe(200);
    const decision = (await (await call(`/v1/session/${SEED_ID}/decision/`)).json()) as {
      reviews: { comment: unknown }[];
    };
    expect(decision.reviews).toHaveLength(2);
    expect(decision.reviews[1]?.comment).toBeNull();
  });

  it(`keeps the latest ${MAX_REVIEWS} reviews, so PATCHes in a loop cannot grow a decision without bound`, async () => {
    expect(MAX_REVIEWS).toBe(100);
    const { json, call } = await authedApp();
    const id = FIXTURE_SESSION_IDS.inReview;
    const comment = (i: number) => `review ${i} ${'x'.repeat(1_900)}`;
    const sizes: number[] = [];
    for (let i = 0; i < 250; i++) {
      const res = await json(`/v1/session/${id}/update-status/`, 'PATCH', {
        new_status: i % 2 ? 'Approved' : 'Declined',
        comment: comment(i),
      });
      expect(res.status).toBe(200);
      if (i >= 150) sizes.push((await (await call(`/v1/session/${id}/decision/`)).arrayBuffer()).byteLength);
    }
    const decision = (await (await call(`/v1/session/${id}/decision/`)).json()) as {
      status: string;
      reviews: { comment: string; new_status: string }[];
    };
    expect(decision.reviews).toHaveLength(MAX_REVIEWS);
    // The oldest went first; the order of the rest is kept.
    expect(decision.reviews.map((r) => r.comment)).toEqual(Array.from({ length: 100 }, (_, k) => comment(150 + k)));
    expect(decision.status).toBe('Approved');
    expect(decision.reviews.at(-1)?.new_status).toBe('Approved');
    // Flat once the cap is reached: at most about 100 x 2 KB, whatever the number of PATCHes.
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(200);
    expect(Math.max(...sizes)).toBeLessThan(250_000);
  });

  it('answers 400 for a status a reviewer cannot set', async () => {
    const { json } = await authedApp();
    const res = await json(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', { new_status: 'Expired' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ new_status: ['"Expired" is not a valid choice.'] });
  });

  it('answers 404 for an unknown session and 405 for POST', async () => {
    const { json } = await authedApp();
    const missing = await json('/v1/session/00000000-0000-4000-8000-000000000000/update-status/', 'PATCH', {
      new_status: 'Approved',
    });
    expect(missing.status).toBe(404);
    const post = await json(`/v1/session/${SEED_ID}/update-status/`, 'POST', { new_status: 'Approved' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('PATCH, OPTIONS');
  });
});

describe('GET /v1/session/{id}/generate-pdf/', () => {
  it('returns a PDF with the documented headers', async () => {
    const { call } = await authedApp();
    const res = await call(`/v1/session/${SEED_ID}/generate-pdf/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=session_${SEED_ID}.pdf`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('answers 404 for an unknown session', async () => {
    const { call } = await authedApp();
    expect((await call('/v1/session/00000000-0000-4000-8000-000000000000/generate-pdf/')).status).toBe(404);
  });
});

describe('paths, methods and headers', () => {
  it('redirects a GET without the trailing slash, keeping the query (like Django APPEND_SLASH)', async () => {
    const { call } = await authedApp();
    const res = await call(`/v1/session/${SEED_ID}/decision?x=1`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/v1/session/${SEED_ID}/decision/?x=1`);
  });

  it('answers 404 with a hint for a write without the trailing slash', async () => {
    const { json } = await authedApp();
    const res = await json('/v1/session', 'POST', { callback: 'https://example.com', vendor_data: 'x' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      detail: 'Not found.',
      hint: "Didit's paths end with a slash: POST /v1/session/",
    });
  });

  it('answers 404 for unknown paths, before authentication (URL resolution comes first)', async () => {
    const app = createMockApp();
    for (const path of ['/', '/v1/', '/v1/sessions/', '/v2/session/', '/auth/v3/token/', '/favicon.ico']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ detail: 'Not found.' });
    }
  });

  it('answers OPTIONS with the allowed methods', async () => {
    const { call } = await authedApp();
    const res = await call(`/v1/session/${SEED_ID}/decision/`, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('puts a fresh x-request-id on every response: success, 401, 404, 405, 400, redirect, HTML', async () => {
    const { app, call, json } = await authedApp();
    const responses = [
      await call(`/v1/session/${SEED_ID}/decision/`),
      await app.request(`/v1/session/${SEED_ID}/decision/`),
      await call('/v1/session/00000000-0000-4000-8000-000000000000/decision/'),
      await app.request('/nowhere'),
      await call(`/v1/session/${SEED_ID}/decision/`, { method: 'PUT' }),
      await json('/v1/session/', 'POST', {}),
      await call(`/v1/session/${SEED_ID}/decision`),
      await app.request(`/session/${SEED_ID}`),
      await app.request('/auth/v2/token/', { method: 'POST' }),
    ];
    const ids = responses.map((res) => res.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
