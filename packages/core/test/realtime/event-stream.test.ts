// The proxy's event stream (`allow: ['events']`) over real HTTP: the first decision at once, each
// change, heartbeats, the end after a terminal status, Last-Event-ID, authorize, Didit's 404, and
// no subscription left behind when the browser goes away.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiditClient } from '../../src/index.ts';
import { createDiditProxy, type DiditProxyOptions, MemoryDecisionHub } from '../../src/server.ts';
import { CountingHub, eventually } from './helpers/counting-hub.ts';
import { API_KEY, decisionFor, startUpstream, type Upstream } from './helpers/didit.ts';
import { type Served, serveFetch } from './helpers/serve.ts';
import { openStream, type SseClient } from './helpers/sse-client.ts';

const ID = '5f1d7c2e-8a3b-4c6d-9e0f-1a2b3c4d5e6f';
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
  const proxy = createDiditProxy(client, {
    prefix: '/api/didit',
    allow: ['decision', 'events'],
    events: hub,
    authorize: 'public',
    logger: {},
    ...options,
  });
  const served: Served = await serveFetch(proxy);
  cleanup.push(() => served.close());
  const events = `${served.url}/api/didit/v3/session/${ID}/events/`;
  const open = async (url = events, headers: Record<string, string> = {}) => {
    const stream = await openStream(url, headers);
    cleanup.push(() => stream.close());
    return stream;
  };
  const publish = (status: string) => hub.publish(ID, JSON.stringify(decisionFor(ID, status)));
  return { hub, served, events, open, publish };
}

const statusOf = (data: string) => (JSON.parse(data) as { status: string }).status;

describe('the event stream', () => {
  it('sends the current decision at once (read from Didit when the hub has none), each change, then ends after a terminal status', async () => {
    upstream.set(ID, 'In Progress');
    const { served, open, publish } = await setup();
    const stream = await open();
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    // As the decision route: no cache may keep a decision (personal data).
    expect(stream.response.headers.get('cache-control')).toBe('no-store');

    const first = await stream.next();
    expect(first.event).toBe('decision');
    expect(statusOf(first.data)).toBe('In Progress');
    // Exactly what the decision route serves (the same upstream read, from the proxy's cache).
    const polled = await fetch(`${served.url}/api/didit/v3/session/${ID}/decision/`);
    expect(first.data).toBe(await polled.text());
    expect(upstream.count('getDecision', ID)).toBe(1);

    await publish('In Review');
    const second = await stream.next();
    expect(statusOf(second.data)).toBe('In Review');
    expect(second.id).not.toBe(first.id);
    await publish('In Review'); // the same decision again: not sent twice
    await publish('Approved');
    const third = await stream.next();
    expect(statusOf(third.data)).toBe('Approved');
    await stream.ended;
    expect(stream.messages.map((m) => statusOf(m.data))).toEqual(['In Progress', 'In Review', 'Approved']);
    expect(upstream.count('getDecision', ID)).toBe(1);
  });

  it("starts from the hub's latest decision without asking Didit, with or without the trailing slash", async () => {
    const { events, open, publish } = await setup();
    const published = await publish('In Review');
    const stream = await open(events.replace(/\/$/, ''));
    const first = await stream.next();
    expect(first.id).toBe(published.version);
    expect(statusOf(first.data)).toBe('In Review');
    expect(upstream.count('getDecision', ID)).toBe(0);
  });

  it('sends a `: ping` comment every eventsHeartbeatMs', async () => {
    const { open, publish } = await setup({ eventsHeartbeatMs: 40 });
    await publish('In Progress');
    const stream = await open();
    await stream.next();
    await stream.waitForComments(2);
    expect(stream.comments.slice(0, 2)).toEqual(['ping', 'ping']);
  });

  it('does not resend the version a reconnecting browser already has (Last-Event-ID header or lastEventId query)', async () => {
    const { events, open, publish } = await setup();
    const inReview = await publish('In Review');
    const byHeader = await open(events, { 'last-event-id': inReview.version });
    const byQuery = await open(`${events}?lastEventId=${inReview.version}`);
    await publish('Approved');
    for (const stream of [byHeader, byQuery]) {
      expect(statusOf((await stream.next()).data)).toBe('Approved');
      await stream.ended;
      expect(stream.messages).toHaveLength(1);
    }
    // Resuming at a terminal version: 204, which tells EventSource not to reconnect.
    const approved = await publish('Approved');
    const done = await fetch(events, { headers: { 'last-event-id': approved.version } });
    expect(done.status).toBe(204);
  });

  it('answers Didit’s 404 as JSON {detail}, not as a stream, and keeps no subscription', async () => {
    const { hub, served, open } = await setup();
    const stream = await open(`${served.url}/api/didit/v3/session/99999999-8888-4777-8666-555555555555/events/`);
    expect(stream.response.status).toBe(404);
    expect(stream.response.headers.get('content-type')).toBe('application/json');
    expect(await stream.response.json()).toEqual({ detail: 'Not found.' });
    expect(hub.open).toBe(0);
  });

  it('is 404 without `events` in allow, so browsers fall back to polling', async () => {
    upstream.set(ID, 'In Progress');
    const { events } = await setup({ allow: ['decision'], events: new MemoryDecisionHub() });
    const response = await fetch(events);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not found.' });
    expect(upstream.count('getDecision', ID)).toBe(0);
  });

  it('answers 403 and sends no data when authorize refuses the events action', async () => {
    upstream.set(ID, 'In Progress');
    const asked: string[] = [];
    const { hub, open, publish } = await setup({
      authorize: (_request, _sessionId, { action }) => {
        asked.push(action);
        return action !== 'events';
      },
    });
    await publish('Approved');
    const stream: SseClient = await open();
    expect(stream.response.status).toBe(403);
    expect(stream.response.headers.get('content-type')).toBe('application/json');
    expect(await stream.response.text()).toBe(
      JSON.stringify({ detail: 'You do not have permission to perform this action.' }),
    );
    expect(asked).toEqual(['events']);
    expect(hub.open).toBe(0);
    expect(upstream.count('getDecision', ID)).toBe(0);
  });

  it('releases its subscription when the browser goes away', async () => {
    const { hub, open, publish } = await setup();
    await publish('In Progress');
    const streams = await Promise.all([open(), open(), open()]);
    for (const stream of streams) await stream.next();
    expect(hub.open).toBe(3);
    for (const stream of streams) stream.close();
    await eventually(() => hub.open === 0);
    // Later publishes reach no one and fail nothing.
    await publish('Approved');
    expect(hub.open).toBe(0);
  });
});
