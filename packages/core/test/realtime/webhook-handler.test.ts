// createWebhookHandler over real HTTP: verified deliveries publish the session's latest decision
// (the delivery's own, else one read from Didit), duplicates publish nothing more, forged ones
// publish nothing at all, and Didit gets its 200 before any slow work.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiditClient } from '../../src/index.ts';
import { createDiditProxy, createWebhookHandler, MemoryDecisionHub } from '../../src/server.ts';
import { CountingHub, eventually } from './helpers/counting-hub.ts';
import {
  API_KEY,
  decisionFor,
  legacyEvent,
  startUpstream,
  type Upstream,
  v3Event,
  WEBHOOK_SECRET,
  webhooks,
} from './helpers/didit.ts';
import { serveFetch } from './helpers/serve.ts';
import { openStream } from './helpers/sse-client.ts';

const ID = '6a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
let upstream: Upstream;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  upstream.reset();
});

async function setup() {
  const hub = new CountingHub(new MemoryDecisionHub());
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url, maxRetries: 0 });
  const errors: unknown[] = [];
  const webhook = createWebhookHandler({
    client,
    secret: WEBHOOK_SECRET,
    hub,
    logger: {},
    onError: (e) => errors.push(e),
  });
  const proxy = createDiditProxy(client, {
    prefix: '/api/didit',
    allow: ['events'],
    events: hub,
    authorize: 'public',
    logger: {},
  });
  const server = await serveFetch((request) =>
    new URL(request.url).pathname === '/webhooks/didit' ? webhook(request) : proxy(request),
  );
  cleanup.push(() => server.close());
  const subscribe = async () => {
    const stream = await openStream(`${server.url}/api/didit/v3/session/${ID}/events/`);
    cleanup.push(() => stream.close());
    return stream;
  };
  return { hub, errors, subscribe, hook: `${server.url}/webhooks/didit` };
}

const statusOf = (data: string) => (JSON.parse(data) as { status: string }).status;

describe('createWebhookHandler', () => {
  it('publishes the decision a signed delivery carries, without asking Didit, to the open streams', async () => {
    upstream.set(ID, 'In Progress');
    const { hub, subscribe, hook } = await setup();
    const stream = await subscribe();
    expect(statusOf((await stream.next()).data)).toBe('In Progress');
    expect(upstream.count('getDecision', ID)).toBe(1);

    const decision = decisionFor(ID, 'Approved');
    const response = await webhooks.deliver(hook, v3Event(ID, 'Approved', decision));
    expect(response.status).toBe(200);
    const update = await stream.next();
    expect(JSON.parse(update.data)).toEqual(decision);
    expect(hub.publishes).toHaveLength(1);
    expect(upstream.count('getDecision', ID)).toBe(1);
  });

  it('publishes once when the same event is delivered twice', async () => {
    const { hub, hook } = await setup();
    const event = v3Event(ID, 'Approved', decisionFor(ID, 'Approved'));
    const first = await webhooks.deliver(hook, event);
    const again = await webhooks.deliver(hook, event);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    await eventually(() => hub.publishes.length === 1);
    // A new event for the same session is not a duplicate.
    await webhooks.deliver(hook, v3Event(ID, 'Declined', decisionFor(ID, 'Declined')));
    await eventually(() => hub.publishes.length === 2);
    expect(hub.publishes.map((p) => statusOf(p.snapshot.decision))).toEqual(['Approved', 'Declined']);
  });

  it('reads the decision from Didit once when the delivery has none, after answering Didit', async () => {
    upstream.set(ID, 'In Review');
    const release = upstream.hold();
    cleanup.push(release);
    const { hub, hook } = await setup();
    const response = await webhooks.deliver(hook, v3Event(ID, 'In Review'));
    // Didit has its 200 while the decision read is still waiting for Didit's answer.
    expect(response.status).toBe(200);
    await eventually(() => upstream.count('getDecision', ID) === 1);
    expect(hub.publishes).toHaveLength(0);
    release();
    await eventually(() => hub.publishes.length === 1);
    expect(statusOf(hub.publishes[0]!.snapshot.decision)).toBe('In Review');
    expect(upstream.count('getDecision', ID)).toBe(1);
  });

  it('dedupes a v1/v2 delivery (no event_id) by session, status and created_at', async () => {
    upstream.set(ID, 'Declined');
    const { hub, hook } = await setup();
    const event = legacyEvent(ID, 'Declined', 1_767_225_000);
    expect((await webhooks.deliver(hook, event)).status).toBe(200);
    expect(await (await webhooks.deliver(hook, { ...event, timestamp: Math.floor(Date.now() / 1000) })).json()).toEqual(
      {
        received: true,
        duplicate: true,
      },
    );
    await eventually(() => hub.publishes.length === 1);
    expect(upstream.count('getDecision', ID)).toBe(1);
  });

  it('answers 401 to a bad signature and publishes nothing, claims nothing', async () => {
    upstream.set(ID, 'In Progress');
    const { hub, subscribe, hook, errors } = await setup();
    const stream = await subscribe();
    await stream.next();
    const forged = await webhooks.deliver(hook, v3Event(ID, 'Approved', decisionFor(ID, 'Approved')), {
      secret: 'whsec_wrong_secret',
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ detail: 'Webhook verification failed.', reason: 'invalid_signature' });
    const unsigned = await fetch(hook, { method: 'POST', body: JSON.stringify(v3Event(ID, 'Approved')) });
    expect(unsigned.status).toBe(401);
    expect(hub.claims).toBe(0);
    expect(errors).toHaveLength(2);
    // The next message the stream gets is the next genuine one.
    await webhooks.deliver(hook, v3Event(ID, 'Declined', decisionFor(ID, 'Declined')));
    expect(statusOf((await stream.next()).data)).toBe('Declined');
    expect(hub.publishes).toHaveLength(1);
  });

  it('answers 400 to a correctly signed body that is no webhook event, and publishes nothing', async () => {
    const { hub, hook } = await setup();
    const response = await webhooks.deliver(hook, { session_id: ID, timestamp: Math.floor(Date.now() / 1000) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: 'Webhook verification failed.', reason: 'invalid_payload' });
    expect(hub.claims + hub.publishes.length).toBe(0);
  });

  it('answers 200 to a verified event about no session, publishes nothing, and remembers it too', async () => {
    const { hub, hook } = await setup();
    const now = Math.floor(Date.now() / 1000);
    const event = {
      event_id: 'a1b2c3d4-0000-4000-8000-000000000001',
      webhook_type: 'user.status.updated',
      timestamp: now,
      created_at: now,
      status: 'Active',
    };
    const response = await webhooks.deliver(hook, event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(hub.publishes).toHaveLength(0);
    // onEvent sees it once: a redelivery is a duplicate like any other.
    expect(await (await webhooks.deliver(hook, event)).json()).toEqual({ received: true, duplicate: true });
  });

  it('answers 500 without publishing while no secret is set (a build without secrets still imports it)', async () => {
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url });
    const hub = new CountingHub(new MemoryDecisionHub());
    const logged: string[] = [];
    const webhook = createWebhookHandler({ client, hub, secret: undefined, logger: { error: (m) => logged.push(m) } });
    const server = await serveFetch(webhook);
    cleanup.push(() => server.close());
    const response = await webhooks.deliver(server.url, v3Event(ID, 'Approved', decisionFor(ID, 'Approved')));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ detail: 'The webhook is not configured.' });
    expect(logged).toHaveLength(1);
    expect(hub.claims + hub.publishes.length).toBe(0);
  });

  it('refuses to be created with a malformed secret, without a client or a hub (typed errors, no secret in them)', () => {
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url });
    const hub = new MemoryDecisionHub();
    expect(() => createWebhookHandler({ client, hub, secret: [WEBHOOK_SECRET, 42] as never })).toThrow(/secret/);
    expect(() => createWebhookHandler({ client: {} as DiditClient, hub, secret: WEBHOOK_SECRET })).toThrow(/client/);
    try {
      createWebhookHandler({ client, hub: {} as MemoryDecisionHub, secret: WEBHOOK_SECRET });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('InvalidArgumentError');
      expect(String(error)).not.toContain(WEBHOOK_SECRET);
    }
  });
});
