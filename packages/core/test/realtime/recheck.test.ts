// Pages cannot freeze: while streams are open, the proxy reads their sessions' decisions again now
// and then and publishes a change, so a page stays right when webhooks stop arriving (a wrong
// secret, a body parser in front of the webhook route). One timer and one budget for every stream,
// shared with the proxy's other decision reads. Over real HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient } from '../../src/index.ts';
import { createDiditProxy, type DiditProxyOptions, MemoryDecisionHub } from '../../src/server.ts';
import { CountingHub, eventually } from './helpers/counting-hub.ts';
import { API_KEY, startUpstream, type Upstream } from './helpers/didit.ts';
import { serveFetch } from './helpers/serve.ts';
import { openStream } from './helpers/sse-client.ts';

let serial = 0;
/** A fresh session id per test: a read still in flight from the last test cannot count in this one. */
const freshId = () => `1a2b3c4d-5e6f-4a7b-8c9d-${String(++serial).padStart(12, '0')}`;
let A = '';
let B = '';
let upstream: Upstream;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  [A, B] = [freshId(), freshId()];
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  upstream.reset();
});

async function setup(options: Partial<DiditProxyOptions> = {}) {
  const hub = new CountingHub(new MemoryDecisionHub());
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url, maxRetries: 0 });
  const proxy = createDiditProxy(client, {
    prefix: '/api/didit',
    allow: ['decision', 'events'],
    events: hub,
    authorize: 'public',
    cacheMs: 0,
    logger: {},
    ...options,
  });
  const served = await serveFetch(proxy);
  cleanup.push(() => served.close());
  const open = async (id: string) => {
    const stream = await openStream(`${served.url}/api/didit/v3/session/${id}/events/`);
    cleanup.push(() => stream.close());
    return stream;
  };
  return { hub, open, url: served.url };
}

const statusOf = (data: string) => (JSON.parse(data) as { status: string }).status;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the slow re-check of open streams', () => {
  it('publishes a change no webhook announced, to every open stream of the session', async () => {
    upstream.set(A, 'In Progress');
    const { open, hub } = await setup({ recheck: { intervalMs: 100, perMinute: 6_000 } });
    const [first, second] = [await open(A), await open(A)];
    expect(statusOf((await first.next()).data)).toBe('In Progress');
    expect(statusOf((await second.next()).data)).toBe('In Progress');
    upstream.set(A, 'Approved');
    expect(statusOf((await first.next(3_000)).data)).toBe('Approved');
    expect(statusOf((await second.next(3_000)).data)).toBe('Approved');
    // Published once, for both streams, as a webhook would have been.
    expect(hub.publishes.map((p) => statusOf(p.snapshot.decision))).toEqual(['Approved']);
  });

  it('without it (recheck: false) a stream stays on its first decision: what froze pages', async () => {
    upstream.set(A, 'In Progress');
    const { open } = await setup({ recheck: false });
    const stream = await open(A);
    await stream.next();
    upstream.set(A, 'Approved');
    await expect(stream.next(600)).rejects.toThrow(/timed out/);
  });

  it('reads nothing while the decision does not change, beyond one read per session per interval', async () => {
    upstream.set(A, 'In Progress');
    upstream.set(B, 'In Progress');
    const { open, hub } = await setup({ recheck: { intervalMs: 200, perMinute: 6_000 } });
    await (await open(A)).next();
    await (await open(B)).next();
    await sleep(1_000);
    // Over ~1 s at one read per 200 ms per session: about 5 each, never one per tick (10 ms).
    for (const id of [A, B]) {
      expect(upstream.count('getDecision', id)).toBeGreaterThanOrEqual(2);
      expect(upstream.count('getDecision', id)).toBeLessThanOrEqual(7);
    }
    // The same decision read again is not published.
    expect(hub.publishes).toHaveLength(0);
  });

  it('reads nothing while webhooks keep bringing news: a published decision counts as a read', async () => {
    upstream.set(A, 'In Progress');
    const { open, hub } = await setup({ recheck: { intervalMs: 300, perMinute: 6_000 } });
    const stream = await open(A);
    await stream.next();
    for (let i = 1; i <= 6; i++) {
      await sleep(150);
      await hub.publish(A, JSON.stringify({ session_id: A, status: 'In Progress', step: i }));
    }
    // 900 ms with news every 150 ms: never 300 ms without, so no read past the stream's first.
    expect(upstream.count('getDecision', A)).toBe(1);
    await eventually(() => stream.messages.length === 7);
  });

  it("stays inside the budget it shares with the app's own reads: polls that use it up leave no re-check", async () => {
    upstream.set(A, 'In Progress');
    const { open, url } = await setup({ recheck: { intervalMs: 50, perMinute: 3 } });
    await (await open(A)).next();
    // Two polls: with the stream's first read, the three reads a minute are spent.
    for (let i = 0; i < 2; i++) await fetch(`${url}/api/didit/v3/session/${A}/decision/`);
    expect(upstream.count('getDecision', A)).toBe(3);
    upstream.set(A, 'Approved');
    // A tick comes every 20 s at this budget; none may read before the minute is over.
    await sleep(500);
    expect(upstream.count('getDecision', A)).toBe(3);
  });

  it('stops when the last stream of the session ends', async () => {
    upstream.set(A, 'In Progress');
    const { open } = await setup({ recheck: { intervalMs: 50, perMinute: 6_000 } });
    const stream = await open(A);
    await stream.next();
    stream.close();
    await sleep(100);
    const calls = upstream.count('getDecision', A);
    await sleep(400);
    expect(upstream.count('getDecision', A)).toBe(calls);
  });
});
