// Event streams are bounded: per session, overall, and in time. A flood of streams on one session
// is refused (429, Retry-After) while other sessions and routes are served; a user with a few tabs
// is never refused; a stream ends after its lifetime and resumes where it was. Over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiditClient } from '../../src/index.ts';
import { createDiditProxy, type DiditProxyOptions, MemoryDecisionHub } from '../../src/server.ts';
import { CountingHub, eventually } from './helpers/counting-hub.ts';
import { API_KEY, startUpstream, type Upstream } from './helpers/didit.ts';
import { type Served, serveFetch } from './helpers/serve.ts';
import { openStream, type SseClient } from './helpers/sse-client.ts';

const A = '5f1d7c2e-8a3b-4c6d-9e0f-1a2b3c4d5e6f';
const B = '7a1d7c2e-8a3b-4c6d-9e0f-1a2b3c4d5e6f';
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

async function setup(options: Partial<DiditProxyOptions> = {}) {
  const hub = new CountingHub(new MemoryDecisionHub());
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url, maxRetries: 0 });
  const authorized: string[] = [];
  const proxy = createDiditProxy(client, {
    prefix: '/api/didit',
    allow: ['decision', 'events'],
    events: hub,
    authorize: (_request, sessionId) => {
      authorized.push(sessionId);
      return true;
    },
    logger: {},
    ...options,
  });
  const served: Served = await serveFetch(proxy);
  cleanup.push(() => served.close());
  const eventsOf = (id: string) => `${served.url}/api/didit/v3/session/${id}/events/`;
  const open = async (id: string, headers: Record<string, string> = {}) => {
    const stream = await openStream(eventsOf(id), headers);
    cleanup.push(() => stream.close());
    return stream;
  };
  return { hub, served, open, eventsOf, authorized };
}

describe('bounded event streams', () => {
  it('refuses the 11th stream on one session with 429 and Retry-After (default cap 10), and serves the 10 before it', async () => {
    upstream.set(A, 'In Progress');
    const { open, hub } = await setup();
    const streams: SseClient[] = [];
    for (let i = 0; i < 10; i++) streams.push(await open(A));
    for (const stream of streams) expect(stream.response.status).toBe(200);
    const refused = await open(A);
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('retry-after')).toBe('60');
    expect(await refused.response.json()).toEqual({
      detail: 'Too many live updates are open for this session; poll the decision instead.',
    });
    // A slot frees when a stream ends.
    streams[0]!.close();
    await eventually(() => hub.open === 9);
    expect((await open(A)).response.status).toBe(200);
  });

  it('never refuses a user with a few tabs, and answers 503 with Retry-After past the overall cap', async () => {
    upstream.set(A, 'In Progress');
    upstream.set(B, 'In Progress');
    const { open } = await setup({ maxStreams: 6 });
    for (let tab = 0; tab < 5; tab++) expect((await open(A)).response.status).toBe(200);
    expect((await open(B)).response.status).toBe(200);
    const full = await open(B);
    expect(full.response.status).toBe(503);
    expect(full.response.headers.get('retry-after')).toBe('60');
  });

  it('under a flood of 300 concurrent streams on one session, other sessions and the decision route are served', async () => {
    upstream.set(A, 'In Progress');
    upstream.set(B, 'In Progress');
    const { open, hub, served } = await setup();
    const flood = await Promise.all(Array.from({ length: 300 }, () => open(A)));
    const statuses = flood.map((s) => s.response.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(290);
    // Only the admitted streams hold a subscription.
    expect(hub.open).toBe(10);
    const other = await open(B);
    expect(other.response.status).toBe(200);
    expect(JSON.parse((await other.next()).data).status).toBe('In Progress');
    const decision = await fetch(`${served.url}/api/didit/v3/session/${B}/decision/`);
    expect(decision.status).toBe(200);
  });

  it('refuses over the cap before asking Didit or subscribing to the hub', async () => {
    upstream.set(A, 'In Progress');
    const { open, hub } = await setup({ maxStreamsPerSession: 1 });
    await (await open(A)).next();
    const claimsBefore = upstream.count('getDecision', A);
    expect((await open(A)).response.status).toBe(429);
    expect(upstream.count('getDecision', A)).toBe(claimsBefore);
    expect(hub.open).toBe(1);
  });

  it('frees the slot of a stream that was never opened (Didit 404, a resumed terminal decision)', async () => {
    const { open, hub } = await setup({ maxStreamsPerSession: 1 });
    // No such session upstream: answered 404 JSON, not a stream, twice in a row.
    const unknown = '9c9d7c2e-8a3b-4c6d-9e0f-1a2b3c4d5e6f';
    expect((await open(unknown)).response.status).toBe(404);
    expect((await open(unknown)).response.status).toBe(404);
    // A terminal decision the browser already has: 204, twice.
    const approved = await hub.publish(B, JSON.stringify({ session_id: B, status: 'Approved' }));
    for (let i = 0; i < 2; i++) {
      expect((await open(B, { 'last-event-id': approved.version })).response.status).toBe(204);
    }
  });

  it('ends a stream after maxStreamLifetimeMs; a browser resuming with Last-Event-ID gets nothing it has, then the changes', async () => {
    upstream.set(A, 'In Progress');
    const { open, hub } = await setup({ maxStreamLifetimeMs: 200 });
    const first = await open(A);
    const message = await first.next();
    const started = Date.now();
    await first.ended;
    // 200 ms ± 10%.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(hub.open).toBe(0);
    const resumed = await open(A, { 'last-event-id': message.id ?? '' });
    expect(resumed.response.status).toBe(200);
    await hub.publish(A, JSON.stringify({ ...JSON.parse(message.data), status: 'Approved' }));
    const next = await resumed.next();
    expect(JSON.parse(next.data).status).toBe('Approved');
    expect(resumed.messages).toHaveLength(1);
  });

  it('gives authorize the id in lower case, as the hub and cache keep it, whatever the URL spells', async () => {
    upstream.set(A, 'In Progress');
    const { open, authorized, served } = await setup();
    await (await open(A.toUpperCase())).next();
    await fetch(`${served.url}/api/didit/v3/session/${A.toUpperCase()}/decision/`);
    expect(authorized).toEqual([A, A]);
  });
});

describe('configuration refused when the proxy is built', () => {
  const client = () => new DiditClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' });

  it.each([['events' as const], ['create' as const]])(
    "throws for allow: ['%s'] without authorize, and says how to opt in to public access",
    (action) => {
      const options: DiditProxyOptions = {
        allow: [action],
        events: new MemoryDecisionHub(),
        prepareCreate: () => null,
      };
      expect(() => createDiditProxy(client(), options)).toThrow(/needs authorize/);
      expect(() => createDiditProxy(client(), options)).toThrow(/authorize: 'public'/);
      expect(() => createDiditProxy(client(), { ...options, authorize: 'public' })).not.toThrow();
    },
  );

  it("throws for allow: ['events'] without a hub, naming both hubs", () => {
    expect(() => createDiditProxy(client(), { allow: ['events'], authorize: 'public' })).toThrow(
      /needs events, the hub your webhook handler publishes to \(new MemoryDecisionHub\(\)/,
    );
  });

  it("throws for 'update-status' with authorize: 'public' (a function must decide who reviews)", () => {
    expect(() => createDiditProxy(client(), { allow: ['update-status'], authorize: 'public' })).toThrow(
      /needs an authorize function/,
    );
  });

  it('throws for an action it does not know (a typo would otherwise allow nothing, silently)', () => {
    // @ts-expect-error: not an action
    expect(() => createDiditProxy(client(), { allow: ['decisions'] })).toThrow(/allow must list actions among/);
  });

  it('throws for a cap below 1', () => {
    expect(() => createDiditProxy(client(), { maxStreamsPerSession: 0 })).toThrow(/maxStreamsPerSession must be/);
  });
});
