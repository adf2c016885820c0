import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, BadRequestError, DiditClient, NotFoundError } from '@didit-kit/core';
import { sessionDecisionSchema } from '@didit-kit/core/v3';
import { afterAll, describe, expect, it } from 'vitest';
import type { MockInstance } from '../../src/app.ts';
import { createMockApp, DEFAULT_API_KEY, type MockAppOptions, V3_FIXTURE_IDS } from '../../src/index.ts';
import { SEED_ID } from '../helpers.ts';

const BASE = 'http://mock.test';
const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';
const OTHER_APP = 'a5f3bca2-46e2-411e-90ef-a580900a57ee';

function setup(options: MockAppOptions = {}, apiKey = DEFAULT_API_KEY) {
  const app = createMockApp(options);
  const client = new DiditClient({ apiKey, baseUrl: BASE, fetch: (r: Request) => app.fetch(r) });
  return { app, client };
}

const raw = (
  app: MockInstance,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  app.request(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

/** The user finishes the hosted page (the session's `url`). */
async function finish(app: MockInstance, url: string) {
  const res = await app.request(url, { method: 'POST' });
  expect([200, 302]).toContain(res.status);
}

const dir = mkdtempSync(join(tmpdir(), 'didit-v3-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('v3 sessions through core v3 DiditClient', () => {
  it('create returns every field of the spec, and the same session again for the same vendor_data', async () => {
    const { client } = setup();
    const first = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'user-1', metadata: { a: 1 } });
    expect(first).toMatchObject({
      status: 'Not Started',
      vendor_data: 'user-1',
      metadata: { a: 1 },
      workflow_id: WORKFLOW,
      workflow_version: 1,
      callback: null,
    });
    expect(first.session_token).toHaveLength(12);
    expect(first.url).toBe(`${BASE}/session/${first.session_token}`);
    expect(typeof first.session_number).toBe('number');
    const again = await client.sessions.create({
      workflow_id: WORKFLOW,
      vendor_data: 'user-1',
      callback: 'https://app.test/done',
      metadata: { a: 2 },
    });
    expect(again.session_id).toBe(first.session_id);
    expect(again).toMatchObject({ callback: 'https://app.test/done', metadata: { a: 2 } });
    const other = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'user-2' });
    expect(other.session_id).not.toBe(first.session_id);
  });

  it('create answers 201 also for the returned-again session', async () => {
    const { app } = setup();
    const body = { workflow_id: WORKFLOW, vendor_data: 'same' };
    const a = await raw(app, '/v3/session/', { method: 'POST', body });
    const b = await raw(app, '/v3/session/', { method: 'POST', body });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(((await a.json()) as { session_id: string }).session_id).toBe(
      ((await b.json()) as { session_id: string }).session_id,
    );
  });

  it('decision of a new session: session_kind, sandbox, feature arrays null until run', async () => {
    const { client } = setup();
    const created = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'd' });
    const decision = await client.sessions.getDecision(created.session_id);
    expect(decision).toMatchObject({ session_kind: 'user', environment: 'sandbox', status: 'Not Started' });
    expect(decision.id_verifications).toBeNull();
    expect(decision.aml_screenings).toBeNull();
  });

  it('serves every v3 fixture, valid by core v3 schema; v1 seed stays v1 at its id', async () => {
    const { app, client } = setup();
    for (const id of Object.values(V3_FIXTURE_IDS)) {
      const decision = await client.sessions.getDecision(id);
      expect(sessionDecisionSchema.safeParse(decision).success).toBe(true);
    }
    const kyb = await client.sessions.getDecision(V3_FIXTURE_IDS.kybAwaitingUser);
    expect(kyb).toMatchObject({ session_kind: 'business', status: 'Awaiting User' });
    await expect(client.sessions.getDecision(SEED_ID)).rejects.toBeInstanceOf(NotFoundError);
    const v1 = await app.request(`/v1/session/${SEED_ID}/decision/`);
    expect(v1.status).toBe(401); // v1 still wants its Bearer token
  });

  it('lists newest first in two pages with absolute next/previous, and filters', async () => {
    const { client } = setup({ publicUrl: 'https://mock.example' });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push((await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: `list-${n}` })).session_id);
    }
    const page1 = await client.sessions.list({ status: ['Not Started'], limit: 2 });
    expect(page1.count).toBe(3);
    expect(page1.results.map((r) => r.session_id)).toEqual([ids[2], ids[1]]);
    expect(page1.next).toBe('https://mock.example/v3/sessions/?status=Not+Started&limit=2&offset=2');
    expect(page1.hasNextPage()).toBe(true);
    const page2 = await page1.getNextPage();
    expect(page2.results.map((r) => r.session_id)).toEqual([ids[0]]);
    expect(page2.previous).toBe('https://mock.example/v3/sessions/?status=Not+Started&limit=2');
    expect(page2.hasNextPage()).toBe(false);
    const one = await client.sessions.list({ vendor_data: 'list-2' });
    expect(one.results.map((r) => r.session_id)).toEqual([ids[1]]);
    const kyb = await client.sessions.list({ session_kind: 'business' });
    expect(kyb.results.every((r) => r.session_kind === 'business')).toBe(true);
    expect(kyb.count).toBeGreaterThan(0);
    expect((await client.sessions.list({ date_from: '2000-01-01', date_to: '2000-12-31' })).count).toBe(0);
    const multi = await client.sessions.list({ status: 'Approved,Declined' });
    expect(new Set(multi.results.map((r) => r.status))).toEqual(new Set(['Approved', 'Declined']));
  });

  it('deletes one session (then 404) and batch-deletes by number and all', async () => {
    const { client } = setup();
    const a = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'del-a' });
    const b = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'del-b' });
    await client.sessions.delete(a.session_id);
    await expect(client.sessions.getDecision(a.session_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.sessions.delete(a.session_id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.sessions.deleteMany({ session_numbers: [String(b.session_number), '999999'] })).toEqual({});
    await expect(client.sessions.getDecision(b.session_id)).rejects.toBeInstanceOf(NotFoundError);
    await client.sessions.deleteMany({ delete_all: true });
    const left = await client.sessions.list({ session_kind: 'all' });
    expect(left.results.every((r) => r.session_kind === 'business')).toBe(true);
  });

  it('update-status: approve a review, the 400s, and Resubmitted with nodes_to_resubmit', async () => {
    const { app, client } = setup();
    const id = V3_FIXTURE_IDS.inReviewAml;
    await expect(client.sessions.updateStatus(id, { new_status: 'Approved', comment: 'ok' })).resolves.toEqual({
      session_id: id,
    });
    const decision = await client.sessions.getDecision(id);
    expect(decision.status).toBe('Approved');
    expect(decision.reviews?.at(-1)).toMatchObject({ new_status: 'Approved', comment: 'ok' });
    const same = await raw(app, `/v3/session/${id}/update-status/`, {
      method: 'PATCH',
      body: { new_status: 'Approved' },
    });
    expect(same.status).toBe(400);
    expect(await same.json()).toEqual(['The new status is the same as the current status.']);
    const fresh = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'us' });
    const wrong = await raw(app, `/v3/session/${fresh.session_id}/update-status/`, {
      method: 'PATCH',
      body: { new_status: 'Approved' },
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/Current status: Not Started$/);

    const node = decision.liveness_checks?.[0]?.node_id as string;
    await client.sessions.updateStatus(id, {
      new_status: 'Resubmitted',
      nodes_to_resubmit: [{ node_id: node, feature: 'LIVENESS' }],
    });
    const resubmitted = await client.sessions.getDecision(id);
    expect(resubmitted.status).toBe('Resubmitted');
    expect(resubmitted.liveness_checks?.[0]?.status).toBe('Resub Requested');
  });

  it('Resubmitted without nodes picks the non-approved steps; none left is a 400', async () => {
    const { app, client } = setup();
    await client.sessions.updateStatus(V3_FIXTURE_IDS.declinedDocumentExpired, { new_status: 'Resubmitted' });
    const decision = await client.sessions.getDecision(V3_FIXTURE_IDS.declinedDocumentExpired);
    expect(decision.status).toBe('Resubmitted');
    expect(decision.id_verifications?.[0]?.status).toBe('Resub Requested');
    const none = await raw(app, `/v3/session/${V3_FIXTURE_IDS.approved}/update-status/`, {
      method: 'PATCH',
      body: { new_status: 'Resubmitted' },
    });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ nodes_to_resubmit: 'No features found to resubmit.' });
  });

  it('per-feature update-status answers the feature; unknown node 404; same status 400', async () => {
    const { app, client } = setup();
    const id = V3_FIXTURE_IDS.inReviewAml;
    const decision = await client.sessions.getDecision(id);
    const node = decision.aml_screenings?.[0]?.node_id as string;
    const res = await client.sessions.updateFeatureStatus(id, node, { new_status: 'Approved' });
    expect(res).toEqual({ session_id: id, node_id: node, feature_type: 'AML', new_status: 'Approved' });
    expect((await client.sessions.getDecision(id)).status).toBe('In Review');
    await expect(client.sessions.updateFeatureStatus(id, 'nope_1', { new_status: 'Declined' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const same = await raw(app, `/v3/session/${id}/features/${node}/update-status/`, {
      method: 'PATCH',
      body: { new_status: 'Approved' },
    });
    expect(same.status).toBe(400);
  });

  it('generate-pdf: a PDF poppler opens for finished sessions, the 403 for others, 301 without slash', async () => {
    const { app, client } = setup();
    for (const id of [V3_FIXTURE_IDS.approved, V3_FIXTURE_IDS.declinedDocumentExpired, V3_FIXTURE_IDS.inReviewAml]) {
      const pdf = await client.sessions.generatePdf(id);
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      const file = join(dir, `${id}.pdf`);
      writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+[1-9]/);
    }
    const created = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'pdf' });
    const denied = await raw(app, `/v3/session/${created.session_id}/generate-pdf/`);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      detail: 'You can only generate a PDF for sessions in review, declined, approved or kyc expired',
    });
    const redirect = await raw(app, `/v3/session/${V3_FIXTURE_IDS.approved}/generate-pdf`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`/v3/session/${V3_FIXTURE_IDS.approved}/generate-pdf/`);
    expect((await raw(app, '/v3/sessions')).status).toBe(301);
  });

  it('share and import-shared: a new session, In Review unless trusted; once per token', async () => {
    const { client } = setup();
    const shared = await client.sessions.share(V3_FIXTURE_IDS.approved, { for_application_id: OTHER_APP });
    expect(shared.share_token.split('.')).toHaveLength(3);
    expect(shared).toMatchObject({ for_application_id: OTHER_APP, session_kind: 'user' });
    const imported = await client.sessions.importShared({
      share_token: shared.share_token,
      trust_review: false,
      workflow_id: WORKFLOW,
      vendor_data: 'imported',
    });
    expect(imported.session_id).not.toBe(V3_FIXTURE_IDS.approved);
    expect(imported.status).toBe('In Review');
    expect(imported.id_verification).toBeTruthy();
    await expect(
      client.sessions.importShared({ share_token: shared.share_token, trust_review: true, workflow_id: WORKFLOW }),
    ).rejects.toMatchObject({ status: 403 });
    const created = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'share' });
    await expect(client.sessions.share(created.session_id, { for_application_id: OTHER_APP })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });

  it('reviews: POST a note (no status change), GET the trail paginated newest first', async () => {
    const { client } = setup();
    const id = V3_FIXTURE_IDS.approved;
    const note = await client.sessions.createReview(id, { comment: 'looked again', new_status: 'In Review' });
    expect(note).toMatchObject({ user: 'Unknown', comment: 'looked again', new_status: 'In Review' });
    expect((await client.sessions.getDecision(id)).status).toBe('Approved');
    await client.sessions.createReview(id, {});
    await client.sessions.updateStatus(id, { new_status: 'Declined' });
    const page = await client.sessions.listReviews(id, { limit: 2 });
    expect(page.count).toBe(3);
    expect(page.results[0]).toMatchObject({
      activity_type: 'STATUS_UPDATED',
      new_status: 'Declined',
      previous_status: 'Approved',
    });
    expect(page.hasNextPage()).toBe(true);
    const rest = await page.getNextPage();
    expect(rest.results[0]).toMatchObject({ activity_type: 'COMMENT', comment: 'looked again' });
    await expect(client.sessions.listReviews(V3_FIXTURE_IDS.kybAwaitingUser)).rejects.toBeInstanceOf(NotFoundError);
  });
  it('the decision route shows every change at once, though it serialises each decision only once per change', async () => {
    const { app, client } = setup();
    const created = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'cached' });
    const id = created.session_id;
    const read = async () => (await (await raw(app, `/v3/session/${id}/decision/`)).json()) as Record<string, unknown>;
    // Each step reads the decision first, so a stale serialisation would show.
    expect(await read()).toMatchObject({ status: 'Not Started', callback: null });
    await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: 'cached', callback: 'https://app.test/cb' });
    expect(await read()).toMatchObject({ status: 'Not Started', callback: 'https://app.test/cb' });
    await finish(app, created.url);
    const approved = await read();
    expect(approved.status).toBe('Approved');
    const node = (approved.id_verifications as { node_id: string }[])[0]!.node_id;
    await client.sessions.updateFeatureStatus(id, node, { new_status: 'Declined' });
    expect(((await read()).id_verifications as { status: string }[])[0]!.status).toBe('Declined');
    await client.sessions.updateStatus(id, { new_status: 'Declined', comment: 'checked' });
    const declined = await read();
    expect(declined.status).toBe('Declined');
    expect(declined.reviews).toMatchObject([{ new_status: 'Declined', comment: 'checked' }]);
    // The same bytes while nothing changes.
    const [a, b] = await Promise.all([
      raw(app, `/v3/session/${id}/decision/`),
      raw(app, `/v3/session/${id}/decision/`),
    ]);
    expect(await a.text()).toBe(await b.text());
    expect(a.headers.get('content-type')).toBe('application/json');
  });
});

describe('sandbox scenarios', () => {
  const cases = [
    ['approve', 'Approved', V3_FIXTURE_IDS.approved],
    ['decline_document_expired', 'Declined', V3_FIXTURE_IDS.declinedDocumentExpired],
    ['decline_face_match_low_similarity', 'Declined', V3_FIXTURE_IDS.declinedFaceMatch],
    ['decline_aml_hit', 'Declined', V3_FIXTURE_IDS.inReviewAml],
    ['review_aml_possible_match', 'In Review', V3_FIXTURE_IDS.inReviewAml],
  ] as const;

  for (const [scenario, status] of cases) {
    it(`arm ${scenario} with the Session-Token, finish the hosted page: ${status}`, async () => {
      const { app, client } = setup();
      const created = await client.sessions.create({ workflow_id: WORKFLOW, vendor_data: scenario });
      const armed = await client.sessions.armSandboxScenario(created.session_id, {
        scenario,
        sessionToken: created.session_token,
      });
      expect(armed).toEqual({ session_id: created.session_id, scenario, status: 'Not Started' });
      await finish(app, created.url);
      const decision = await client.sessions.getDecision(created.session_id);
      expect(decision.status).toBe(status);
      expect(decision.session_id).toBe(created.session_id);
      expect(decision.vendor_data).toBe(scenario);
      expect(decision.id_verifications?.length).toBeGreaterThan(0);
    });
  }

  it('decline_document_expired carries the expired document; face match the low score', async () => {
    const { app, client } = setup();
    const doc = await client.sessions.create({ workflow_id: WORKFLOW, sandbox_scenario: 'decline_document_expired' });
    await finish(app, doc.url);
    const d = await client.sessions.getDecision(doc.session_id);
    expect(d.id_verifications?.[0]?.status).toBe('Declined');
    expect(d.id_verifications?.[0]?.warnings?.[0]?.risk).toBe('DOCUMENT_EXPIRED');
    const face = await client.sessions.create({
      workflow_id: WORKFLOW,
      sandbox_scenario: 'decline_face_match_low_similarity',
    });
    await finish(app, face.url);
    expect((await client.sessions.getDecision(face.session_id)).face_matches?.[0]?.status).toBe('Declined');
  });

  it('decline_kyb_registry_mismatch at create makes a business session the admin route declines', async () => {
    const { app, client } = setup();
    const created = await client.sessions.create({
      workflow_id: WORKFLOW,
      sandbox_scenario: 'decline_kyb_registry_mismatch',
    });
    const admin = (id: string) =>
      app.request(`/__mock/v3/sessions/${id}/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
    expect((await admin(created.session_id)).status).toBe(200);
    expect((await client.sessions.getDecision(created.session_id)).status).toBe('In Progress');
    await admin(created.session_id);
    const decision = await client.sessions.getDecision(created.session_id);
    expect(decision).toMatchObject({ session_kind: 'business', status: 'Declined' });
    expect(decision.registry_checks?.[0]?.status).toBe('Declined');
  });

  it('arm: unknown slug 400, wrong token 404, after start the bare-array 400', async () => {
    const { app, client } = setup();
    const created = await client.sessions.create({ workflow_id: WORKFLOW });
    const arm = (scenario: string, token = created.session_token) =>
      raw(app, `/v3/session/${created.session_id}/sandbox/arm/`, {
        method: 'POST',
        body: { scenario },
        headers: { 'session-token': token, 'x-api-key': '' },
      });
    const unknown = await arm('decline_everything');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ scenario: ["Unknown sandbox scenario: 'decline_everything'."] });
    expect((await arm('approve', 'AAAAAAAAAAAA')).status).toBe(404);
    await app.request(`/__mock/v3/sessions/${created.session_id}/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    const late = await arm('approve');
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual(['Scenario can only be armed before the verification starts.']);
  });
});

describe('v3 auth and validation', () => {
  it('a wrong key is an AuthenticationError (Didit 403 body); 401 when configured', async () => {
    const { app, client } = setup({}, 'wrong-key');
    await expect(client.sessions.create({ workflow_id: WORKFLOW })).rejects.toBeInstanceOf(AuthenticationError);
    const none = await app.request(`${BASE}/v3/sessions/`);
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({ detail: 'Authentication credentials were not provided or are invalid.' });
    const strict = setup({ authFailureStatus: 401, apiKey: 'sk_test_x' }, 'wrong');
    await expect(strict.client.sessions.list()).rejects.toMatchObject({ status: 401 });
    const ok = setup({ apiKey: 'sk_test_x' }, 'sk_test_x');
    await expect(ok.client.sessions.list()).resolves.toBeTruthy();
  });

  it('unknown session ids answer 404 before credentials on decision, delete and pdf; malformed ids 404 HTML', async () => {
    const { app } = setup();
    const unknown = 'd1d17000-0000-4000-8000-00000000dead';
    for (const [method, path] of [
      ['GET', `/v3/session/${unknown}/decision/`],
      ['DELETE', `/v3/session/${unknown}/delete/`],
      ['GET', `/v3/session/${unknown}/generate-pdf/`],
    ] as const) {
      const res = await app.request(`${BASE}${path}`, { method });
      expect(res.status).toBe(404);
    }
    const known = await app.request(`${BASE}/v3/session/${V3_FIXTURE_IDS.approved}/decision/`);
    expect(known.status).toBe(403);
    const malformed = await raw(app, '/v3/session/not-a-uuid/decision/');
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get('content-type')).toContain('text/html');
  });

  it('malformed bodies answer DRF 400 field maps', async () => {
    const { app } = setup();
    const missing = await raw(app, '/v3/session/', { method: 'POST', body: { vendor_data: 'x' } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ workflow_id: ['This field is required.'] });
    const badChoice = await raw(app, `/v3/session/${V3_FIXTURE_IDS.inReviewAml}/update-status/`, {
      method: 'PATCH',
      body: { new_status: 'approved' },
    });
    expect(badChoice.status).toBe(400);
    expect(await badChoice.json()).toEqual({ new_status: ['"approved" is not a valid choice.'] });
    const badUuid = await raw(app, '/v3/session/', { method: 'POST', body: { workflow_id: 'nope' } });
    expect(Object.keys((await badUuid.json()) as object)).toEqual(['workflow_id']);
    const badBatch = await raw(app, '/v3/sessions/delete/', { method: 'POST', body: { session_numbers: [] } });
    expect(badBatch.status).toBe(400);
    expect(Object.keys((await badBatch.json()) as object)).toEqual(['non_field_errors']);
    const badScenario = await raw(app, '/v3/session/', {
      method: 'POST',
      body: { workflow_id: WORKFLOW, sandbox_scenario: 'nope' },
    });
    expect(await badScenario.json()).toEqual({ sandbox_scenario: ["Unknown sandbox scenario: 'nope'."] });
    const badDate = await raw(app, '/v3/sessions/?date_from=2026-02-30');
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toEqual({ date_from: ['Enter a valid date.'] });
    const badFeature = await raw(app, `/v3/session/${V3_FIXTURE_IDS.approved}/update-status/`, {
      method: 'PATCH',
      body: { new_status: 'Resubmitted', nodes_to_resubmit: [{ node_id: 'feature_ocr_1', feature: 'BOGUS' }] },
    });
    expect(badFeature.status).toBe(400);
    const featureErrors = (await badFeature.json()) as { nodes_to_resubmit: { feature: string[] }[] };
    expect(featureErrors.nodes_to_resubmit[0]?.feature[0]).toMatch(
      /^"BOGUS" is not a valid choice\. Valid choices are: OCR, /,
    );
    const badLimit = await raw(app, '/v3/sessions/?limit=abc');
    expect(await badLimit.json()).toEqual({ limit: ['A valid integer is required.'] });
  });
});
