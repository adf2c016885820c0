// createWebhookHandler's exact deduplication and ordering, over real HTTP: a replay is a duplicate
// whichever signatures it carries, a new event never is (another status, webhook_type or body), a
// late delivery never replaces a newer decision, and a decision about another session is not
// published on this one. Refusals are summed up in one log line a minute with their likely cause.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiditClient, type WebhookEvent } from '../../src/index.ts';
import { RefusalLog } from '../../src/realtime/refusal-log.ts';
import { createWebhookHandler, MemoryDecisionHub } from '../../src/server.ts';
import { CountingHub, eventually } from './helpers/counting-hub.ts';
import {
  API_KEY,
  decisionFor,
  startUpstream,
  type Upstream,
  v3Event,
  WEBHOOK_SECRET,
  webhooks,
} from './helpers/didit.ts';
import { serveFetch } from './helpers/serve.ts';

const ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const OTHER = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a';
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
  const events: WebhookEvent[] = [];
  const logged: { level: string; message: string }[] = [];
  const webhook = createWebhookHandler({
    client,
    secret: WEBHOOK_SECRET,
    hub,
    logger: {
      warn: (message) => logged.push({ level: 'warn', message }),
      error: (message) => logged.push({ level: 'error', message }),
    },
    onEvent: (event) => {
      events.push(event);
    },
  });
  const server = await serveFetch(webhook);
  cleanup.push(() => server.close());
  /** Posts `payload`, signed, with only the signature headers named (default: all three). */
  const post = async (payload: unknown, only?: readonly string[]) => {
    const response = await webhooks.deliver(server.url, payload, only ? { only } : {});
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const statusInHub = async () => (JSON.parse((await hub.latest(ID))?.decision ?? '{}') as { status?: string }).status;
  return { hub, events, logged, post, statusInHub, url: server.url };
}

const now = () => Math.floor(Date.now() / 1000);

/** A v1 body (no webhook_type, no event_id, no decision): `created_at` is the session's, the same every time. */
const v1Body = (status: string, timestamp: number) => ({ session_id: ID, status, created_at: now() - 600, timestamp });

describe('deliveries without event_id (v1/v2 bodies)', () => {
  it('Declined → Approved → Declined: the second Declined is a new event, and the hub ends on Declined', async () => {
    const { hub, post, statusInHub } = await setup();
    const t = now();
    for (const [i, status] of ['Declined', 'Approved', 'Declined'].entries()) {
      upstream.set(ID, status);
      expect((await post(v1Body(status, t - 3 + i))).body).toEqual({ received: true });
      await eventually(() => hub.publishes.length === i + 1);
    }
    expect(await statusInHub()).toBe('Declined');
  });

  it('a data.updated with an unchanged status is a new event, not a duplicate of the status.updated', async () => {
    const { hub, post } = await setup();
    upstream.set(ID, 'In Review');
    const t = now();
    const body = { session_id: ID, status: 'In Review', created_at: t - 60, timestamp: t };
    expect((await post({ ...body, webhook_type: 'status.updated' })).body).toEqual({ received: true });
    expect((await post({ ...body, webhook_type: 'data.updated' })).body).toEqual({ received: true });
    await eventually(() => hub.publishes.length === 2);
    expect(upstream.count('getDecision', ID)).toBe(2);
  });

  it('the same body delivered again is a duplicate, re-serialised or not', async () => {
    const { hub, post } = await setup();
    upstream.set(ID, 'Approved');
    const payload = v1Body('Approved', now());
    expect((await post(payload)).body).toEqual({ received: true });
    expect((await post(payload)).body).toEqual({ received: true, duplicate: true });
    // The same JSON value with other spacing and key order (a proxy re-serialised it), vouched for by V2 + Simple.
    const reformatted = JSON.stringify(Object.fromEntries(Object.entries(payload).reverse()), null, 2);
    const again = await post(reformatted, ['x-signature-v2', 'x-signature-simple']);
    expect(again.body).toEqual({ received: true, duplicate: true });
    await eventually(() => hub.publishes.length === 1);
  });
});

describe('a replayed delivery is a duplicate whichever signatures it carries', () => {
  it.each([[['x-signature-simple']], [['x-signature']], [['x-signature-v2', 'x-signature-simple']]])(
    'first with all three, then with only %s: processed once, onEvent once',
    async (subset) => {
      const { hub, events, post } = await setup();
      const payload = v3Event(ID, 'Approved', decisionFor(ID, 'Approved'));
      expect((await post(payload)).body).toEqual({ received: true });
      await eventually(() => events.length === 1);
      expect((await post(payload, subset)).body).toEqual({ received: true, duplicate: true });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event_id: payload.event_id });
      expect(hub.publishes).toHaveLength(1);
    },
  );

  it('a new event (another event_id) with the same status and second is not a duplicate', async () => {
    const { events, post } = await setup();
    const t = now();
    const first = { ...v3Event(ID, 'In Review'), timestamp: t, webhook_type: 'data.updated' };
    const second = { ...v3Event(ID, 'In Review'), timestamp: t, webhook_type: 'data.updated' };
    upstream.set(ID, 'In Review');
    expect((await post(first)).body).toEqual({ received: true });
    expect((await post(second)).body).toEqual({ received: true });
    await eventually(() => events.length === 2);
  });
});

describe('order', () => {
  it('a late delivery of an older event (a Didit retry) never replaces the newer decision', async () => {
    const { hub, post, statusInHub } = await setup();
    const t = now();
    upstream.set(ID, 'Approved');
    const newer = { ...v3Event(ID, 'Approved', decisionFor(ID, 'Approved')), timestamp: t };
    const older = { ...v3Event(ID, 'In Review', decisionFor(ID, 'In Review')), timestamp: t - 60 };
    await post(newer);
    await eventually(() => hub.publishes.length === 1);
    const callsBefore = upstream.count('getDecision', ID);
    expect((await post(older)).body).toEqual({ received: true });
    // The late one is refused by the hub; Didit is asked what is current, which is still Approved.
    await eventually(() => upstream.count('getDecision', ID) === callsBefore + 1);
    await eventually(() => hub.publishes.length === 3);
    expect(await statusInHub()).toBe('Approved');
  });

  it("a delivery for one session carrying another session's decision publishes the session's own, read from Didit", async () => {
    const { hub, post, statusInHub } = await setup();
    upstream.set(ID, 'In Review');
    await post(v3Event(ID, 'Approved', decisionFor(OTHER, 'Approved')));
    await eventually(() => hub.publishes.length === 1);
    expect(upstream.count('getDecision', ID)).toBe(1);
    expect(await statusInHub()).toBe('In Review');
    expect(JSON.parse((await hub.latest(ID))?.decision ?? '{}').session_id).toBe(ID);
    expect(await hub.latest(OTHER)).toBeUndefined();
  });
});

describe('refusals', () => {
  it('answers an empty body (a body parser ran first) with a 401 that says so', async () => {
    const { url } = await setup();
    const { headers } = await webhooks.sign(v3Event(ID, 'Approved'));
    const response = await fetch(url, { method: 'POST', headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      detail: 'Webhook verification failed: the body was empty or parsed: a body parser ran before this route.',
      reason: 'body_parsed',
    });
  });

  it('logs one line, at once, with the likely cause, for a route that keeps refusing deliveries', async () => {
    const { logged, url } = await setup();
    for (let i = 0; i < 3; i++) {
      const response = await webhooks.deliver(url, v3Event(ID, 'Approved'), {
        secret: 'whsec_someone_elses_secret_0000',
      });
      expect(response.status).toBe(401);
    }
    expect(logged).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(
          /^didit webhook: refused a delivery \(invalid_signature\); likely cause: the secret is not the webhook destination's/,
        ),
      },
    ]);
  });
});

describe('RefusalLog', () => {
  it('sums up the refusals of the last minute in one line, naming the latest reason and its cause', () => {
    let clock = 0;
    const lines: { message: string; fields: unknown }[] = [];
    const log = new RefusalLog({ error: (message, fields) => lines.push({ message, fields }) }, () => clock);
    log.refused('invalid_signature');
    clock = 30_000;
    log.refused('invalid_signature');
    log.refused('body_parsed');
    expect(lines).toHaveLength(1);
    clock = 60_001;
    log.refused('body_parsed');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({
      message: expect.stringMatching(
        /^didit webhook: refused 3 deliveries in the last minute \(body_parsed\); likely cause: a body parser .* ran before this route/,
      ),
      fields: { refused: { invalid_signature: 1, body_parsed: 2 } },
    });
  });

  it('logs stray requests without signature headers at warn (a scanner is noise, not an outage)', () => {
    const levels: string[] = [];
    const log = new RefusalLog({ warn: () => levels.push('warn'), error: () => levels.push('error') }, () => 0);
    log.refused('missing_headers');
    expect(levels).toEqual(['warn']);
  });
});
