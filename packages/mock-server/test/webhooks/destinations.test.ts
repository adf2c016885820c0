import { verifyWebhook, type WebhookEvent } from '@didit-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockInstance } from '../../src/app.ts';
import { createMockApp, DEFAULT_API_KEY, MOCK_APPLICATION_ID, type MockAppOptions } from '../../src/index.ts';
import { type Received, startReceiver } from '../support/webhook-receiver.ts';

const BASE = 'http://mock.test';
const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';

/** A receiver on 127.0.0.1 verifying each delivery with `secret`, closed after the test. */
async function receiver(secret: () => string, answer?: (index: number) => number) {
  const hook = await startReceiver({ secret, answer });
  cleanups.push(hook.close);
  return hook;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(options: MockAppOptions = {}) {
  const app = createMockApp({ webhookRetryDelaysMs: [10, 10], ...options });
  cleanups.push(async () => app.dispose());
  const idle = () => app.idle();
  return { app, idle };
}

const api = (app: MockInstance, path: string, method = 'GET', body?: unknown) =>
  app.request(`${BASE}${path}`, {
    method,
    headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const admin = (app: MockInstance, path: string, method = 'GET', body?: unknown) =>
  app.request(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function createSession(app: MockInstance, extra: Record<string, unknown> = {}) {
  const res = await api(app, '/v3/session/', 'POST', { workflow_id: WORKFLOW, vendor_data: 'user-7', ...extra });
  expect(res.status).toBe(201);
  return (await res.json()) as { session_id: string; url: string };
}

async function addDestination(app: MockInstance, body: Record<string, unknown>) {
  const res = await admin(app, '/__mock/webhook-destinations', 'POST', body);
  expect(res.status).toBe(201);
  return (await res.json()) as { uuid: string; secret_shared_key: string };
}

describe('v3 webhook destinations', () => {
  it('a v3 destination gets a verified status.updated envelope with the decision (hosted page)', async () => {
    let secret = '';
    const hook = await receiver(() => secret);
    const { app, idle } = setup();
    const destination = await addDestination(app, {
      url: hook.url,
      webhook_version: 'v3',
      subscribed_events: ['status.updated'],
    });
    secret = destination.secret_shared_key;
    expect(secret).toHaveLength(43);
    const session = await createSession(app, { metadata: { plan: 'gold' } });
    await app.request(session.url, { method: 'POST' });
    await idle();

    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    expect(got!.error).toBeUndefined();
    const event = got!.event as WebhookEvent & Record<string, unknown>;
    expect(event).toMatchObject({
      webhook_type: 'status.updated',
      session_id: session.session_id,
      status: 'Approved',
      application_id: MOCK_APPLICATION_ID,
      environment: 'sandbox',
      workflow_id: WORKFLOW,
      workflow_version: 1,
      vendor_data: 'user-7',
      metadata: { plan: 'gold' },
    });
    expect(event.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof event.created_at).toBe('number');
    const decision = await (await api(app, `/v3/session/${session.session_id}/decision/`)).json();
    expect(event.decision).toEqual(decision);
    expect(got!.headers['x-signature-v2']).toMatch(/^[0-9a-f]{64}$/);
    expect(got!.headers['x-timestamp']).toMatch(/^\d+$/);
  });

  it('the admin advance route fires status.updated per change; data.updated only when subscribed', async () => {
    const hooks = await Promise.all([receiver(() => 'k-status'), receiver(() => 'k-data')]);
    const { app, idle } = setup({
      webhookDestinations: [
        { url: hooks[0].url, secret: 'k-status', subscribedEvents: ['status.updated'] },
        { url: hooks[1].url, secret: 'k-data', subscribedEvents: ['data.updated'], label: 'data' },
      ],
    });
    const session = await createSession(app);
    for (let i = 0; i < 2; i++) {
      await admin(app, `/__mock/v3/sessions/${session.session_id}/advance`, 'POST');
    }
    const decision = (await (await api(app, `/v3/session/${session.session_id}/decision/`)).json()) as {
      id_verifications: { node_id: string }[];
    };
    const node = decision.id_verifications[0]!.node_id;
    const patched = await api(app, `/v3/session/${session.session_id}/features/${node}/update-status/`, 'PATCH', {
      new_status: 'Declined',
    });
    expect(patched.status).toBe(200);
    await idle();

    expect(hooks[0].received.map((r) => [r.json.webhook_type, r.json.status, r.error])).toEqual([
      ['status.updated', 'In Progress', undefined],
      ['status.updated', 'Approved', undefined],
    ]);
    expect(hooks[0].received[0]!.json.decision).toBeUndefined();
    expect(hooks[1].received.map((r) => [r.json.webhook_type, r.error])).toEqual([['data.updated', undefined]]);
  });

  it('v1 and v2 destinations get their shapes; each destination its own signature', async () => {
    const hooks = await Promise.all([receiver(() => 'secret-v1'), receiver(() => 'secret-v2')]);
    const { app, idle } = setup({
      webhookDestinations: [
        { url: hooks[0].url, secret: 'secret-v1', webhookVersion: 'v1' },
        { url: hooks[1].url, secret: 'secret-v2', webhookVersion: 'v2', subscribedEvents: ['status.updated'] },
      ],
    });
    const session = await createSession(app, { vendor_data: undefined });
    await app.request(session.url, { method: 'POST' });
    await idle();

    const v1 = hooks[0].received[0]!;
    const v2 = hooks[1].received[0]!;
    expect(v1.error).toBeUndefined();
    expect(v2.error).toBeUndefined();
    expect(Object.keys(v1.json).sort()).toEqual([
      'created_at',
      'decision',
      'session_id',
      'status',
      'timestamp',
      'vendor_data',
    ]);
    expect(v1.json.vendor_data).toBeNull();
    expect(Object.keys(v2.json).sort()).toEqual([
      'created_at',
      'decision',
      'session_id',
      'status',
      'timestamp',
      'webhook_type',
      'workflow_id',
    ]);
    expect(v1.headers['x-signature']).not.toBe(v2.headers['x-signature']);
    // A delivery does not verify with the other destination's secret.
    await expect(verifyWebhook({ body: v1.body, headers: v1.headers, secret: 'secret-v2' })).rejects.toThrow();
  });

  it('lists deliveries and resends one with the same event_id, a fresh timestamp, still verified', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const hook = await receiver(() => 'resend-secret');
    const { app, idle } = setup({
      now: () => clock,
      webhookDestinations: [{ url: hook.url, secret: 'resend-secret' }],
    });
    const session = await createSession(app);
    await app.request(session.url, { method: 'POST' });
    await idle();
    // verifyWebhook checks freshness against the real clock: verify resends with the mock's.
    const verify = (r: Received) =>
      verifyWebhook({ body: r.body, headers: r.headers, secret: 'resend-secret', now: clock });

    const list = await api(app, `/v3/session/${session.session_id}/webhooks/`);
    expect(list.status).toBe(200);
    const { results } = (await list.json()) as {
      results: { uuid: string; webhook_type: string; status_code: number; attempts: number; destination: unknown }[];
    };
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ webhook_type: 'status.updated', status_code: 200, attempts: 1 });
    const one = await api(app, `/v3/session/${session.session_id}/webhook/${results[0]!.uuid}/`);
    expect(one.status).toBe(200);

    clock += 60_000;
    const resent = await api(app, `/v3/session/${session.session_id}/webhook/${results[0]!.uuid}/resend/`, 'POST');
    expect(resent.status).toBe(202);
    await idle();
    expect(hook.received).toHaveLength(2);
    const [first, second] = hook.received;
    expect(second!.json.event_id).toBe(first!.json.event_id);
    expect(second!.json.timestamp).toBe((first!.json.timestamp as number) + 60);
    await expect(verify(second!)).resolves.toMatchObject({ event_id: first!.json.event_id });
    const after = (await (await api(app, `/v3/session/${session.session_id}/webhook/${results[0]!.uuid}/`)).json()) as {
      attempts: number;
    };
    expect(after.attempts).toBe(2);

    expect((await app.request(`${BASE}/v3/session/${session.session_id}/webhooks/`)).status).toBe(403);
    const missing = await api(app, `/v3/session/${session.session_id}/webhook/${crypto.randomUUID()}/resend/`, 'POST');
    expect(missing.status).toBe(404);
  });

  it("the mock's own log (GET /__mock/webhooks) holds destination deliveries too, and reset clears it", async () => {
    const hook = await receiver(() => 'logged');
    const { app, idle } = setup({ webhookDestinations: [{ url: hook.url, secret: 'logged', label: 'app' }] });
    const session = await createSession(app);
    await app.request(session.url, { method: 'POST' });
    await idle();
    const log = (await (await admin(app, '/__mock/webhooks')).json()) as {
      url: string | null;
      deliveries: { session_id: string; event_id: string; state: string; destination: { label: string } | null }[];
    };
    expect(log.url).toBeNull();
    expect(log.deliveries).toMatchObject([
      { session_id: session.session_id, event_id: hook.received[0]!.json.event_id, state: 'delivered' },
    ]);
    expect(log.deliveries[0]!.destination).toMatchObject({ label: 'app' });
    expect(JSON.stringify(log)).not.toContain('logged"');
    await admin(app, '/__mock/reset', 'POST');
    expect(((await (await admin(app, '/__mock/webhooks')).json()) as { deliveries: unknown[] }).deliveries).toEqual([]);
  });

  it('a retried delivery (500 first) keeps its event_id', async () => {
    const hook = await receiver(
      () => 'retry',
      (i) => (i === 0 ? 500 : 200),
    );
    const { app, idle } = setup({ webhookDestinations: [{ url: hook.url, secret: 'retry' }] });
    const session = await createSession(app);
    await app.request(session.url, { method: 'POST' });
    await idle();
    expect(hook.received).toHaveLength(2);
    expect(hook.received.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(hook.received[1]!.json.event_id).toBe(hook.received[0]!.json.event_id);
    const { results } = (await (await api(app, `/v3/session/${session.session_id}/webhooks/`)).json()) as {
      results: { attempts: number; status_code: number }[];
    };
    expect(results[0]).toMatchObject({ attempts: 2, status_code: 200 });
  });

  it('the legacy URL gets v1 bodies of v3 sessions only while no destination is set', async () => {
    const legacy = await receiver(() => 'legacy');
    const dest = await receiver(() => 'dest');
    const { app, idle } = setup({ webhookUrl: legacy.url, webhookSecret: 'legacy' });
    const first = await createSession(app, { vendor_data: 'a' });
    await app.request(first.url, { method: 'POST' });
    await idle();
    expect(legacy.received).toHaveLength(1);
    expect(legacy.received[0]!.error).toBeUndefined();
    expect(legacy.received[0]!.json.webhook_type).toBeUndefined();

    await addDestination(app, { url: dest.url, secret_shared_key: 'dest' });
    const second = await createSession(app, { vendor_data: 'b' });
    await app.request(second.url, { method: 'POST' });
    await idle();
    expect(legacy.received).toHaveLength(1);
    expect(dest.received).toHaveLength(1);
  });

  it('admin routes: list without secrets, delete, and a 4xx for every bad input', async () => {
    const { app } = setup();
    const made = await addDestination(app, { url: 'http://127.0.0.1:9/x', label: 'mine' });
    const list = (await (await admin(app, '/__mock/webhook-destinations')).json()) as {
      destinations: Record<string, unknown>[];
    };
    expect(list.destinations).toHaveLength(1);
    expect(list.destinations[0]).not.toHaveProperty('secret_shared_key');
    expect(list.destinations[0]).toMatchObject({ uuid: made.uuid, label: 'mine', webhook_version: 'v3' });

    const bad: unknown[] = [
      {},
      { url: 'ftp://x' },
      { url: 42 },
      { url: 'http://a.test', webhook_version: 'v9' },
      { url: 'http://a.test', subscribed_events: [] },
      { url: 'http://a.test', subscribed_events: ['nope'] },
      { url: 'http://a.test', subscribed_events: ['status.updated', 'status.updated'] },
      { url: 'http://a.test', subscribed_events: 'status.updated' },
      { url: 'http://a.test', subscribed_events: [null] },
      { url: 'http://a.test', secret_shared_key: '' },
      { url: 'http://a.test', secret_shared_key: 5 },
      { url: 'http://a.test', label: {} },
      [],
      null,
      'text',
    ];
    for (const body of bad) {
      const res = await admin(app, '/__mock/webhook-destinations', 'POST', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
    const broken = await app.request(`${BASE}/__mock/webhook-destinations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"url":',
    });
    expect(broken.status).toBe(400);
    const plain = await app.request(`${BASE}/__mock/webhook-destinations`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);

    expect((await admin(app, `/__mock/webhook-destinations/${made.uuid}`, 'DELETE')).status).toBe(204);
    expect((await admin(app, `/__mock/webhook-destinations/${made.uuid}`, 'DELETE')).status).toBe(404);
    expect((await admin(app, '/__mock/webhook-destinations/not-a-uuid', 'DELETE')).status).toBe(404);
  });

  it('createMockApp refuses a bad webhookDestinations option', () => {
    expect(() => createMockApp({ webhookDestinations: [{ url: 'nope' }] })).toThrow(TypeError);
    expect(() =>
      createMockApp({ webhookDestinations: [{ url: 'http://a.test', subscribedEvents: ['bogus'] }] }),
    ).toThrow(/subscribed_events/);
  });
});
