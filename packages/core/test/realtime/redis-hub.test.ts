// RedisDecisionHub against a real redis-server (started here on a free port, no Redis mock): two
// server instances share one Redis, a delivery is published once whichever instance gets it, and a
// Redis restart mid-stream loses no update.

import { type LocalRedis, startRedis } from '@didit-kit/test-kit/redis-server';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiditClient } from '../../src/index.ts';
import { createDiditProxy, createWebhookHandler, RedisDecisionHub } from '../../src/server.ts';
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
import { openStream } from './helpers/sse-client.ts';

const ID = '7b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
let redis: LocalRedis;
let upstream: Upstream;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  [redis, upstream] = await Promise.all([startRedis(), startUpstream()]);
});
afterAll(async () => {
  await upstream.close();
  await redis.stop();
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  upstream.reset();
});

/** One server instance: its own Redis connections, hub, webhook route and proxy. */
async function instance(keyPrefix: string) {
  const publisher = new Redis(redis.url);
  const subscriber = new Redis(redis.url);
  // The restart test refuses connections on purpose; ioredis reports each attempt.
  for (const connection of [publisher, subscriber]) connection.on('error', () => {});
  const hub = new CountingHub(new RedisDecisionHub({ publisher, subscriber, keyPrefix }));
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url, maxRetries: 0 });
  const webhook = createWebhookHandler({ client, secret: WEBHOOK_SECRET, hub, logger: {} });
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
  cleanup.push(async () => {
    await server.close();
    publisher.disconnect();
    subscriber.disconnect();
  });
  return {
    hub,
    publisher,
    subscriber,
    hook: `${server.url}/webhooks/didit`,
    subscribe: async () => {
      const stream = await openStream(`${server.url}/api/didit/v3/session/${ID}/events/`);
      cleanup.push(() => stream.close());
      return stream;
    },
  };
}

const statusOf = (data: string) => (JSON.parse(data) as { status: string }).status;
let prefixes = 0;
const freshPrefix = () => `didit-test-${++prefixes}:`;

describe('RedisDecisionHub', () => {
  it('carries a webhook received by instance A to a stream on instance B, and a late stream starts from the stored latest', async () => {
    upstream.set(ID, 'In Progress');
    const prefix = freshPrefix();
    const a = await instance(prefix);
    const b = await instance(prefix);
    const stream = await b.subscribe();
    expect(statusOf((await stream.next()).data)).toBe('In Progress');

    await webhooks.deliver(a.hook, v3Event(ID, 'In Review', decisionFor(ID, 'In Review')));
    expect(statusOf((await stream.next()).data)).toBe('In Review');
    expect(a.hub.publishes).toHaveLength(1);
    expect(b.hub.publishes).toHaveLength(0);

    const late = await b.subscribe();
    const first = await late.next();
    expect(statusOf(first.data)).toBe('In Review');
    expect(first.id).toBe(a.hub.publishes[0]!.snapshot.version);
    expect(upstream.count('getDecision', ID)).toBe(1); // only the very first stream read Didit
  });

  it('never lets an older decision replace a newer one, whichever instance publishes it (atomically, in Redis)', async () => {
    const prefix = freshPrefix();
    upstream.set(ID, 'In Progress');
    const a = await instance(prefix);
    const b = await instance(prefix);
    const stream = await b.subscribe();
    expect(statusOf((await stream.next()).data)).toBe('In Progress');
    const t = Date.now();
    await a.hub.publish(ID, JSON.stringify(decisionFor(ID, 'Approved')), t);
    expect(statusOf((await stream.next()).data)).toBe('Approved');
    // A late delivery of an older event, on the other instance: refused, and the newer one returned.
    const kept = await b.hub.publish(ID, JSON.stringify(decisionFor(ID, 'In Review')), t - 60_000);
    expect(statusOf(kept.decision)).toBe('Approved');
    expect(kept.at).toBe(t);
    expect(statusOf((await a.hub.latest(ID))!.decision)).toBe('Approved');
    await expect(stream.next(300)).rejects.toThrow(/timed out|ended/);
    // A newer one still goes through.
    await b.hub.publish(ID, JSON.stringify(decisionFor(ID, 'Declined')), t + 1);
    expect(statusOf((await a.hub.latest(ID))!.decision)).toBe('Declined');
  });

  it('publishes a delivery once when Didit sends it to both instances', async () => {
    const prefix = freshPrefix();
    const a = await instance(prefix);
    const b = await instance(prefix);
    const event = v3Event(ID, 'Approved', decisionFor(ID, 'Approved'));
    const answers = await Promise.all([webhooks.deliver(a.hook, event), webhooks.deliver(b.hook, event)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies.filter((body) => (body as { duplicate?: boolean }).duplicate)).toHaveLength(1);
    await eventually(() => a.hub.publishes.length + b.hub.publishes.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.hub.publishes.length + b.hub.publishes.length).toBe(1);
  });

  it('recovers when Redis restarts mid-stream: the update published meanwhile arrives, and later ones too', async () => {
    upstream.set(ID, 'In Progress');
    const prefix = freshPrefix();
    const a = await instance(prefix);
    const b = await instance(prefix);
    const stream = await b.subscribe();
    expect(statusOf((await stream.next()).data)).toBe('In Progress');
    expect(b.hub.open).toBe(1);

    await redis.stop();
    await eventually(() => b.subscriber.status !== 'ready' && a.publisher.status !== 'ready');
    // Didit delivers while Redis is down: the handler waits for Redis (ioredis queues the commands).
    const pending = webhooks.deliver(a.hook, v3Event(ID, 'In Review', decisionFor(ID, 'In Review')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.start();
    expect((await pending).status).toBe(200);
    expect(statusOf((await stream.next(10_000)).data)).toBe('In Review');

    await eventually(() => b.subscriber.status === 'ready', 10_000);
    await webhooks.deliver(a.hook, v3Event(ID, 'Approved', decisionFor(ID, 'Approved')));
    expect(statusOf((await stream.next(10_000)).data)).toBe('Approved');
    await stream.ended;
    expect(stream.messages.map((m) => statusOf(m.data))).toEqual(['In Progress', 'In Review', 'Approved']);
    await eventually(() => b.hub.open === 0);
  }, 30_000);

  it('re-sends the stored latest decision after its subscriber connection comes back', async () => {
    upstream.set(ID, 'In Progress');
    const prefix = freshPrefix();
    const a = await instance(prefix);
    const b = await instance(prefix);
    const stream = await b.subscribe();
    await stream.next();
    // B's subscription drops; A publishes while it is down: the message itself is lost to B.
    b.subscriber.disconnect(false);
    await eventually(() => b.subscriber.status === 'end');
    await a.hub.publish(ID, JSON.stringify(decisionFor(ID, 'In Review')));
    await b.subscriber.connect();
    expect(statusOf((await stream.next(5_000)).data)).toBe('In Review');
  }, 15_000);

  it('is given a client it duplicates for subscribing, and refuses no client', async () => {
    const client = new Redis(redis.url);
    const hub = new RedisDecisionHub({ client, keyPrefix: freshPrefix() });
    cleanup.push(async () => {
      await hub.close();
      client.disconnect();
    });
    const seen: string[] = [];
    const unsubscribe = await hub.subscribe(ID.toUpperCase(), (snapshot) => seen.push(snapshot.version));
    const published = await hub.publish(ID, JSON.stringify(decisionFor(ID, 'Approved')));
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([published.version]);
    expect(published.terminal).toBe(true);
    expect(await hub.latest(ID)).toEqual(published);
    expect(await hub.claimEvent('e1', 60_000)).toBe(true);
    expect(await hub.claimEvent('e1', 60_000)).toBe(false);
    await hub.releaseEvent('e1');
    expect(await hub.claimEvent('e1', 60_000)).toBe(true);
    unsubscribe();
    expect(() => new RedisDecisionHub({} as never)).toThrow(/client/);
  });
});
