import { verifyWebhook } from '@didit-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY, type MockAppOptions, type MockInstance } from '../../src/index.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

// The records Didit keeps besides sessions, consistent across routes: Users and Businesses (made by
// sessions' vendor_data too), workflows, questionnaires, webhook destinations through Didit's own API
// (with secret rotation), transactions with the Travel Rule and SDK tokens, and their webhooks.

const BASE = 'http://mock.test';
const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';
type Body = Record<string, unknown>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(options: MockAppOptions = {}): MockInstance {
  const mock = createMockApp({ webhookRetryDelaysMs: [10], ...options });
  cleanups.push(() => mock.dispose());
  return mock;
}

async function api(
  mock: MockInstance,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await mock.request(`${BASE}${path}`, {
    method,
    headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as Body };
}

/** An outbound Travel Rule transfer of 25,000 USDT from Maria Garcia to another VASP's customer. */
function travelRuleTransfer(transactionId: string): Body {
  return {
    transaction_id: transactionId,
    transaction_category: 'travel_rule',
    transaction_details: {
      direction: 'outbound',
      amount: 25000,
      currency: 'USDT',
      currency_kind: 'crypto',
      action_type: 'transfer',
    },
    subject: { entity_type: 'individual', vendor_data: 'sender', full_name: 'Maria Garcia' },
    counterparty: {
      entity_type: 'individual',
      full_name: 'John Beneficiary',
      institution_details: { name: 'Other VASP' },
    },
  };
}

/** A receiver on 127.0.0.1 keeping every delivery, closed after the test. */
async function receiver() {
  const hook = await startReceiver();
  cleanups.push(hook.close);
  return hook;
}

describe('Users and Businesses', () => {
  it('a session’s vendor_data makes a User; create, update, status, list and batch delete', async () => {
    const mock = setup();
    expect(
      (await api(mock, 'POST', '/v3/session/', { workflow_id: WORKFLOW, vendor_data: 'from-session' })).status,
    ).toBe(201);
    const fromSession = await api(mock, 'GET', '/v3/users/from-session/');
    expect(fromSession.status).toBe(200);
    expect(fromSession.body).toMatchObject({ vendor_data: 'from-session', status: 'ACTIVE', session_count: 1 });

    const created = await api(mock, 'POST', '/v3/users/create/', { vendor_data: 'made', display_name: 'Ana' });
    expect(created.status).toBe(201);
    expect((await api(mock, 'POST', '/v3/users/create/', { vendor_data: 'made' })).status).toBe(400);
    const updated = await api(mock, 'PATCH', '/v3/users/made/', { display_name: 'Ana D.' });
    expect(updated.body).toMatchObject({ display_name: 'Ana D.' });
    const blocked = await api(mock, 'PATCH', '/v3/users/made/update-status/', { status: 'BLOCKED' });
    expect(blocked.body).toMatchObject({ status: 'BLOCKED' });
    // A BLOCKED User starts no session.
    const refused = await api(mock, 'POST', '/v3/session/', { workflow_id: WORKFLOW, vendor_data: 'made' });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body)).toEqual(['vendor_data']);

    const list = await api(mock, 'GET', '/v3/users/');
    expect((list.body.results as Body[]).map((u) => u.vendor_data).sort()).toEqual(['from-session', 'made']);
    const deleted = await api(mock, 'POST', '/v3/users/delete/', { vendor_data_list: ['made'] });
    expect(deleted.body).toMatchObject({ deleted: 1 });
    expect((await api(mock, 'GET', '/v3/users/made/')).status).toBe(404);
  });

  it("keeps a User's newest 100 activities however often it changes", async () => {
    const mock = setup();
    expect((await api(mock, 'POST', '/v3/users/create/', { vendor_data: 'busy' })).status).toBe(201);
    const statuses = ['FLAGGED', 'ACTIVE'] as const;
    for (let i = 0; i < 120; i++) {
      const changed = await api(mock, 'PATCH', '/v3/users/busy/update-status/', { status: statuses[i % 2] });
      expect(changed.status).toBe(200);
    }
    const comments = (await api(mock, 'GET', '/v3/users/busy/')).body.comments as Body[];
    expect(comments).toHaveLength(100);
    // Newest first: the last change (ACTIVE, the 120th) leads.
    expect(comments[0]).toMatchObject({ comment_type: 'STATUS_CHANGED', new_status: 'ACTIVE' });
  });

  it('a KYB session makes a Business', async () => {
    const mock = setup();
    await api(mock, 'POST', '/v3/session/', {
      workflow_id: '33333333-4444-5555-6666-777777777777',
      vendor_data: 'acme',
    });
    expect((await api(mock, 'GET', '/v3/businesses/acme/')).status).toBe(200);
    expect((await api(mock, 'GET', '/v3/users/acme/')).status).toBe(404);
  });
});

describe('workflows and questionnaires', () => {
  it('a default workflow; CRUD; a session on a deleted workflow is refused as Didit does', async () => {
    const mock = setup();
    const list = await api(mock, 'GET', '/v3/workflows/');
    const rows = list.body.results as Body[];
    expect(rows.find((w) => w.is_default === true)?.uuid).toBe(WORKFLOW);

    const questionnaire = await api(mock, 'POST', '/v3/questionnaires/', {
      title: 'Onboarding',
      languages: ['en'],
      default_language: 'en',
      form_elements: [{ element_type: 'short_text', label: { en: 'Occupation?' }, is_required: true }],
    });
    expect(questionnaire.status).toBe(201);
    const qid = String(questionnaire.body.questionnaire_id);
    expect((await api(mock, 'GET', `/v3/questionnaires/${qid}/`)).status).toBe(200);

    const created = await api(mock, 'POST', '/v3/workflows/', {
      workflow_label: 'With questions',
      features: [{ feature: 'OCR' }, { feature: 'QUESTIONNAIRE', config: { questionnaire_id: qid } }],
    });
    expect(created.status).toBe(201);
    const id = String(created.body.uuid);
    const missing = await api(mock, 'POST', '/v3/workflows/', {
      workflow_label: 'Bad',
      features: [{ feature: 'QUESTIONNAIRE', config: { questionnaire_id: '00000000-0000-4000-8000-000000000001' } }],
    });
    expect(missing.status).toBe(400);
    expect((await api(mock, 'PATCH', `/v3/workflows/${id}/`, { workflow_label: 'Renamed' })).body).toMatchObject({
      workflow_label: 'Renamed',
    });
    expect((await api(mock, 'POST', '/v3/session/', { workflow_id: id })).status).toBe(201);
    expect((await api(mock, 'DELETE', `/v3/workflows/${id}/`)).status).toBe(204);
    const refused = await api(mock, 'POST', '/v3/session/', { workflow_id: id });
    expect(refused).toEqual({ status: 400, body: { workflow_id: 'Invalid workflow_id.' } });
    expect((await api(mock, 'DELETE', `/v3/questionnaires/${qid}/`)).status).toBe(204);
  });

  it('strictWorkflows: an id the mock does not hold is refused', async () => {
    const lines: string[] = [];
    const lenient = setup({ log: (line) => lines.push(line) });
    expect(
      (await api(lenient, 'POST', '/v3/session/', { workflow_id: '11111111-2222-4333-8444-555555555555' })).status,
    ).toBe(201);
    // Without strictWorkflows the mock is kinder than Didit, and says so in its log, once per id.
    expect(
      (await api(lenient, 'POST', '/v3/session/', { workflow_id: '11111111-2222-4333-8444-555555555555' })).status,
    ).toBe(201);
    expect(lines).toEqual([
      expect.stringMatching(/^workflow_id 11111111-2222-4333-8444-555555555555 is unknown: .*--strict-workflows/),
    ]);
    const strict = setup({ strictWorkflows: true });
    const refused = await api(strict, 'POST', '/v3/session/', { workflow_id: '11111111-2222-4333-8444-555555555555' });
    expect(refused.body).toEqual({ workflow_id: 'Invalid workflow_id.' });
    expect((await api(strict, 'POST', '/v3/session/', { workflow_id: WORKFLOW })).status).toBe(201);
  });
});

describe('webhook destinations through /v3/webhook/destinations/', () => {
  it('created there, they get signed deliveries; PATCH enabled; a rotated secret also signs for 24 h', async () => {
    let now = Date.UTC(2026, 0, 1);
    const mock = setup({ now: () => now });
    const hook = await receiver();
    const created = await api(mock, 'POST', '/v3/webhook/destinations/', {
      label: 'app',
      url: hook.url,
      subscribed_events: ['status.updated', 'user.status.updated'],
    });
    expect(created.status).toBe(201);
    const uuid = String(created.body.uuid);
    const secret = String(created.body.secret_shared_key);
    expect(
      (
        await api(mock, 'POST', '/v3/webhook/destinations/', {
          label: 'dup',
          url: hook.url,
          subscribed_events: ['status.updated'],
        })
      ).status,
    ).toBe(400);
    // The admin shortcuts see the same store.
    const listed = (await (await mock.request('/__mock/webhook-destinations')).json()) as { destinations: Body[] };
    expect(listed.destinations.map((d) => d.uuid)).toContain(uuid);

    await api(mock, 'POST', '/v3/users/create/', { vendor_data: 'hooked' });
    await api(mock, 'PATCH', '/v3/users/hooked/update-status/', { status: 'FLAGGED' });
    await mock.idle();
    const userEvent = hook.received.find((r) => r.json.webhook_type === 'user.status.updated');
    expect(userEvent?.json).toMatchObject({ vendor_data: 'hooked', status: 'FLAGGED' });
    const verified = await verifyWebhook({ body: userEvent!.body, headers: userEvent!.headers, secret, now });
    expect(verified.webhook_type).toBe('user.status.updated');

    // Disabled: nothing more arrives.
    expect((await api(mock, 'PATCH', `/v3/webhook/destinations/${uuid}/`, { enabled: false })).body).toMatchObject({
      enabled: false,
    });
    const before = hook.received.length;
    await api(mock, 'PATCH', '/v3/users/hooked/update-status/', { status: 'ACTIVE' });
    await mock.idle();
    expect(hook.received.length).toBe(before);
    await api(mock, 'PATCH', `/v3/webhook/destinations/${uuid}/`, { enabled: true });

    // Rotated: new deliveries are signed with the new secret and, for 24 hours, with the old one too.
    const rotated = (await (
      await mock.request(`/__mock/webhook-destinations/${uuid}/rotate-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      })
    ).json()) as Body;
    const fresh = String(rotated.secret_shared_key);
    expect(fresh).not.toBe(secret);
    await api(mock, 'PATCH', '/v3/users/hooked/update-status/', { status: 'BLOCKED' });
    await mock.idle();
    const afterRotation = hook.received.at(-1)!;
    expect(afterRotation.headers['x-signature-v2-previous']).toMatch(/^[0-9a-f]{64}$/);
    for (const key of [fresh, secret]) {
      await expect(
        verifyWebhook({ body: afterRotation.body, headers: afterRotation.headers, secret: key, now }),
      ).resolves.toBeDefined();
    }
    now += 24 * 3600 * 1000 + 1;
    await api(mock, 'PATCH', '/v3/users/hooked/update-status/', { status: 'ACTIVE' });
    await mock.idle();
    const later = hook.received.at(-1)!;
    expect(later.headers['x-signature-v2-previous']).toBeUndefined();
    expect((await api(mock, 'DELETE', `/v3/webhook/destinations/${uuid}/`)).status).toBe(204);
  });
});

describe('transactions, the Travel Rule and SDK tokens', () => {
  it('create, list, get; an SDK token submits for its vendor_data only; transaction.created is delivered', async () => {
    const mock = setup();
    const hook = await receiver();
    await api(mock, 'POST', '/v3/webhook/destinations/', {
      label: 'tx',
      url: hook.url,
      subscribed_events: ['transaction.created', 'transaction.status.updated'],
    });
    const created = await api(mock, 'POST', '/v3/transactions/', {
      transaction_id: 'txn-1',
      transaction_category: 'finance',
      transaction_details: { direction: 'outbound', amount: 1500, currency: 'EUR', action_type: 'withdrawal' },
      subject: { entity_type: 'individual', vendor_data: 'payer', full_name: 'Maria Garcia' },
    });
    expect(created.status).toBe(201);
    const uuid = String(created.body.uuid);
    expect((await api(mock, 'GET', `/v3/transactions/${uuid}/`)).body).toMatchObject({ uuid });
    expect(((await api(mock, 'GET', '/v3/transactions/')).body.results as Body[]).map((t) => t.uuid)).toContain(uuid);
    await mock.idle();
    expect(hook.received.map((r) => r.json.webhook_type)).toContain('transaction.created');
    const decided = await mock.request(`/__mock/transactions/${uuid}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'DECLINED' }),
    });
    expect(decided.status).toBe(200);
    expect((await api(mock, 'GET', `/v3/transactions/${uuid}/`)).body).toMatchObject({ status: 'DECLINED' });
    await mock.idle();
    expect(hook.received.at(-1)?.json).toMatchObject({
      webhook_type: 'transaction.status.updated',
      status: 'DECLINED',
    });

    const token = await api(mock, 'POST', '/v3/transactions/sdk-token/', { vendor_data: 'sdk-user', max_uses: 1 });
    expect(token.status).toBe(201);
    const sdk = { 'x-transaction-token': String(token.body.sdk_token), 'x-api-key': '' };
    expect(
      (
        await api(
          mock,
          'POST',
          '/v1/transactions/',
          { transaction_details: { amount: 10, currency: 'EUR' } },
          { 'x-api-key': '' },
        )
      ).status,
    ).toBe(401);
    const submitted = await api(
      mock,
      'POST',
      '/v1/transactions/',
      {
        txnId: 'sdk-1',
        type: 'finance',
        info: { direction: 'in', amount: 10, currency: 'EUR' },
        subject: { fullName: 'Jane Doe' },
      },
      sdk,
    );
    expect(submitted.status).toBe(201);
    // One use only.
    expect(submitted.body).toMatchObject({ vendor_data: 'sdk-user' });
    const again = {
      txnId: 'sdk-2',
      type: 'finance',
      info: { direction: 'in', amount: 10, currency: 'EUR' },
      subject: { fullName: 'Jane Doe' },
    };
    expect((await api(mock, 'POST', '/v1/transactions/', again, sdk)).status).toBe(401);
  });

  it('a Travel Rule transfer: the counterparty accepts through its pickup link, then the hash is reported', async () => {
    const mock = setup();
    const transfer = await api(mock, 'POST', '/v3/transactions/', travelRuleTransfer('tr-1'));
    expect(transfer.status).toBe(201);
    const uuid = String(transfer.body.uuid);
    expect((transfer.body.travel_rule as Body).status).toBe('AWAITING_COUNTERPARTY');
    const early = await api(mock, 'PATCH', `/v3/transactions/${uuid}/travel-rule/`, { payment_txn_id: '0xabc' });
    expect(early.status).toBe(409);
    const pickups = (await (await mock.request('/__mock/travel-rule/pickups')).json()) as { pickups: Body[] };
    const token = String(pickups.pickups.find((p) => p.transaction_id === uuid)?.token);
    expect((await api(mock, 'GET', `/v3/travel-rule/pickup/${token}/`, undefined, { 'x-api-key': '' })).status).toBe(
      200,
    );
    const accepted = await api(mock, 'POST', `/v3/travel-rule/pickup/${token}/respond/`, {
      decision: 'accept',
      beneficiary_name: 'John Beneficiary',
    });
    expect(accepted.body).toMatchObject({ status: 'COMPLETED' });
    const finished = await api(mock, 'PATCH', `/v3/transactions/${uuid}/travel-rule/`, { payment_txn_id: '0xabc' });
    expect(finished.status).toBe(200);
    expect(((await api(mock, 'GET', `/v3/transactions/${uuid}/`)).body.travel_rule as Body).status).toBe('FINISHED');
    // The link is spent.
    expect((await api(mock, 'GET', `/v3/travel-rule/pickup/${token}/`)).status).toBe(410);
  });
});

describe('events beyond sessions', () => {
  it('business.*, transaction.status.updated and travel_rule.status.updated reach subscribers, signed; any delivery can be resent', async () => {
    const mock = setup();
    const hook = await receiver();
    const created = await api(mock, 'POST', '/v3/webhook/destinations/', {
      label: 'all',
      url: hook.url,
      subscribed_events: [
        'business.status.updated',
        'business.data.updated',
        'activity.created',
        'transaction.status.updated',
        'travel_rule.status.updated',
      ],
    });
    const secret = String(created.body.secret_shared_key);
    await api(mock, 'POST', '/v3/businesses/create/', { vendor_data: 'acme', legal_name: 'Acme SL' });
    await api(mock, 'PATCH', '/v3/businesses/acme/update-status/', { status: 'FLAGGED' });
    const transfer = await api(mock, 'POST', '/v3/transactions/', travelRuleTransfer('tr-ev'));
    await api(mock, 'PATCH', `/v3/transactions/${String(transfer.body.uuid)}/travel-rule/`, { action: 'cancel' });
    await mock.idle();
    const types = hook.received.map((r) => r.json.webhook_type);
    expect(types).toEqual(
      expect.arrayContaining([
        'business.data.updated',
        'business.status.updated',
        'activity.created',
        'travel_rule.status.updated',
      ]),
    );
    expect(hook.received.find((r) => r.json.webhook_type === 'activity.created')?.json).toMatchObject({
      entity_type: 'business',
      vendor_data: 'acme',
      activity: { comment_type: 'STATUS_CHANGED', new_status: 'FLAGGED' },
    });
    expect(types).not.toContain('transaction.created');
    for (const delivery of hook.received) {
      await expect(verifyWebhook({ body: delivery.body, headers: delivery.headers, secret })).resolves.toBeDefined();
    }
    const log = (await (await mock.request('/__mock/webhooks')).json()) as { deliveries: Body[] };
    const status = log.deliveries.find((d) => d.webhook_type === 'business.status.updated');
    expect(String(status?.subject)).toMatch(/^business:/);
    const before = hook.received.length;
    const resent = await mock.request(`/__mock/webhooks/${String(status?.id)}/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(resent.status).toBe(202);
    await mock.idle();
    expect(hook.received.length).toBe(before + 1);
    expect(hook.received.at(-1)!.json.webhook_type).toBe('business.status.updated');
  });
});

describe('session edits', () => {
  it('a verdict on an AML hit and an ID data edit change the decision; unknown hits and sessions are 404s', async () => {
    const mock = setup();
    const created = await api(mock, 'POST', '/v3/session/', {
      workflow_id: WORKFLOW,
      sandbox_scenario: 'decline_aml_hit',
    });
    await mock.request(String(created.body.url), { method: 'POST' });
    const id = String(created.body.session_id);
    const decision = async () => (await api(mock, 'GET', `/v3/session/${id}/decision/`)).body;
    const hits = ((await decision()).aml_screenings as { hits: Body[] }[])[0]!.hits;
    const hit = String(hits[0]!.id);
    const verdict = await api(mock, 'PATCH', `/v3/session/${id}/update-aml-hit-status/`, {
      hit_id: hit,
      review_status: 'False Positive',
    });
    expect(verdict.body).toEqual({
      message: 'Hit status updated successfully',
      hit_id: hit,
      review_status: 'False Positive',
    });
    expect(((await decision()).aml_screenings as { hits: Body[] }[])[0]!.hits[0]!.review_status).toBe('False Positive');
    const unknown = await api(mock, 'PATCH', `/v3/session/${id}/update-aml-hit-status/`, {
      hit_id: 'nope',
      review_status: 'Inconclusive',
    });
    expect(unknown).toEqual({ status: 404, body: { detail: "Hit with ID 'nope' not found in the AML check." } });
    const edited = await api(mock, 'PATCH', `/v3/session/${id}/update-data/`, { document_number: 'ZZ999' });
    expect(edited.status).toBe(200);
    expect(((await decision()).id_verifications as Body[])[0]!.document_number).toBe('ZZ999');
    const gone = await api(mock, 'PATCH', '/v3/session/d1d17000-0000-4000-8000-00000000dead/update-data/', {
      document_number: 'x',
    });
    expect(gone.status).toBe(404);
  });
});

describe('reset', () => {
  it('POST /__mock/reset empties the records too', async () => {
    const mock = setup();
    await api(mock, 'POST', '/v3/users/create/', { vendor_data: 'gone' });
    await mock.request('/__mock/reset', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect((await api(mock, 'GET', '/v3/users/gone/')).status).toBe(404);
    expect(((await api(mock, 'GET', '/v3/workflows/')).body.results as Body[]).length).toBe(2);
  });

  it('mock.store.reset() does too', async () => {
    const mock = setup();
    await api(mock, 'POST', '/v3/users/create/', { vendor_data: 'gone' });
    mock.store.reset();
    expect((await api(mock, 'GET', '/v3/users/gone/')).status).toBe(404);
  });
});
