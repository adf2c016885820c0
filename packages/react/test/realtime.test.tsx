// useSessionDecision over the proxy's event stream (issue 16's wire contract), against a tiny real
// SSE server on 127.0.0.1. jsdom has no EventSource: the `eventsource` package's class stands in
// for the browser's, set on globalThis for this file only.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiditClient } from '@didit-kit/core/v1';
import { type QueryCacheNotifyEvent, QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { EventSource as NodeEventSource } from 'eventsource';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diditQueryKeys, useDecisionStreamLive, useSessionDecision } from '../src/index.ts';
import { decision, SESSION_A, SESSION_B } from './support/fake-didit.ts';
import { Providers } from './support/render.tsx';

const POLL_MS = 50;

/**
 * The app's proxy, reduced to what the hook uses: `/decision/`, and `/events/` when `streams` is on.
 * As `createDiditProxy`'s stream does: each decision has a version (its event id), a reconnection
 * with `Last-Event-ID` is not sent the version it already has, and over a cap the stream is refused
 * (`refuse`: 429 or 503 with `Retry-After`), or ended after its lifetime (`endStreams`).
 */
function startSseProxy() {
  const statuses = new Map<string, string>();
  /** Each session's decision version, bumped by every `publish`. */
  const versions = new Map<string, number>();
  const open = new Set<ServerResponse>();
  const seen: string[] = [];
  /** The `Last-Event-ID` of each stream request, in order (undefined: a first connection). */
  const lastEventIds: (string | undefined)[] = [];
  /** Decisions written to streams, as `{session}@v{version}`. */
  const sent: string[] = [];
  /** Stream requests held back (`state.hold`) until `releaseStreams`. */
  const held: (() => void)[] = [];
  const state = {
    streams: true,
    /** Answer stream requests with this status (429, 503), as the proxy over a cap does. */
    refuse: undefined as number | undefined,
    /** Hold stream requests unanswered: EventSource stays CONNECTING. */
    hold: false,
    /** Sent as the stream's `retry:` field: EventSource's reconnection delay (3 s by default). */
    retryMs: undefined as number | undefined,
  };
  const eventId = (id: string) => `v${versions.get(id) ?? 0}`;
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    seen.push(path);
    const match = /^\/api\/didit\/v1\/session\/([^/]+)\/(decision|events)\/$/.exec(path);
    const status = match ? statuses.get(match[1] ?? '') : undefined;
    if (!match || status === undefined || (match[2] === 'events' && !state.streams)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"detail":"Not found."}');
    }
    const id = match[1] ?? '';
    if (match[2] === 'decision') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(decision(id, status)));
    }
    const resumeFrom = req.headers['last-event-id'];
    lastEventIds.push(typeof resumeFrom === 'string' ? resumeFrom : undefined);
    const answer = () => {
      if (state.refuse !== undefined) {
        res.writeHead(state.refuse, { 'content-type': 'application/json', 'retry-after': '60' });
        return res.end('{"detail":"Too many live updates are open for this session; poll the decision instead."}');
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      (res as ServerResponse & { sessionId?: string }).sessionId = id;
      open.add(res);
      res.on('close', () => open.delete(res));
      if (state.retryMs !== undefined) res.write(`retry: ${state.retryMs}\n\n`);
      else res.flushHeaders();
      // Resuming from the current version: nothing to send until the next change.
      if (resumeFrom !== eventId(id)) send(res, id);
    };
    if (state.hold) held.push(answer);
    else answer();
  });
  function send(res: ServerResponse, id: string) {
    sent.push(`${id}@${eventId(id)}`);
    res.write(`event: decision\nid: ${eventId(id)}\ndata: ${JSON.stringify(decision(id, statuses.get(id) ?? ''))}\n\n`);
  }
  return {
    server,
    seen,
    state,
    statuses,
    versions,
    lastEventIds,
    sent,
    /** Streams connected now. */
    streams: () => [...open],
    /** Stream requests waiting for `releaseStreams`. */
    held: () => held.length,
    /**
     * Sends every stream of that session a `decision` message the schema refuses, as the next
     * version (so a reconnection resumes after it and is sent nothing).
     */
    publishInvalid(id: string, data: string) {
      versions.set(id, (versions.get(id) ?? 0) + 1);
      for (const res of open) {
        if ((res as { sessionId?: string }).sessionId === id)
          res.write(`event: decision\nid: ${eventId(id)}\ndata: ${data}\n\n`);
      }
    },
    /** A webhook arrived: every stream of that session gets the new decision. */
    publish(id: string, status: string) {
      statuses.set(id, status);
      versions.set(id, (versions.get(id) ?? 0) + 1);
      for (const res of open) if ((res as { sessionId?: string }).sessionId === id) send(res, id);
    },
    decisionRequests: (id: string) => seen.filter((p) => p.endsWith(`/${id}/decision/`)).length,
    eventRequests: (id: string) => seen.filter((p) => p.endsWith(`/${id}/events/`)).length,
    dropStreams() {
      for (const res of open) res.destroy();
    },
    /** Ends every stream normally, as the proxy does at the end of a stream's lifetime. */
    endStreams() {
      for (const res of open) res.end();
    },
    /** Answers the stream requests held back (and holds no more). */
    releaseStreams() {
      state.hold = false;
      for (const answer of held.splice(0)) answer();
    },
  };
}

let proxy: ReturnType<typeof startSseProxy>;
let origin = '';

beforeAll(async () => {
  proxy = startSseProxy();
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      proxy.server.closeAllConnections();
      proxy.server.close(() => resolve());
    }),
);
beforeEach(() => {
  (globalThis as { EventSource?: unknown }).EventSource = NodeEventSource;
  proxy.seen.length = 0;
  proxy.versions.clear();
  proxy.lastEventIds.length = 0;
  proxy.sent.length = 0;
  Object.assign(proxy.state, { streams: true, refuse: undefined, hold: false, retryMs: undefined });
});
afterEach(() => {
  delete (globalThis as { EventSource?: unknown }).EventSource;
});

function app() {
  const client = new DiditClient({ apiVersion: 'v1', baseUrl: `${origin}/api/didit`, maxRetries: 0 });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <Providers queryClient={queryClient} client={client}>
      {children}
    </Providers>
  );
  return { wrapper, queryClient };
}

function Status({
  id,
  label,
  realtime,
  pollIntervalMs = POLL_MS,
}: {
  id: string;
  label: string;
  realtime?: 'auto' | 'poll';
  pollIntervalMs?: number;
}) {
  const { data } = useSessionDecision(id, { pollIntervalMs, realtime });
  return (
    <p>
      {label}: {data?.status ?? 'loading'}
    </p>
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('useSessionDecision with the event stream', () => {
  it('shows each pushed decision, without polling while the stream is healthy, and closes it once final', async () => {
    proxy.statuses.set(SESSION_A, 'Not Started');
    const { wrapper } = app();
    render(<Status id={SESSION_A} label="a" />, { wrapper });
    await screen.findByText('a: Not Started');
    await waitFor(() => expect(proxy.streams()).toHaveLength(1));
    const polls = proxy.decisionRequests(SESSION_A);

    proxy.publish(SESSION_A, 'In Progress');
    await screen.findByText('a: In Progress');
    await pause(6 * POLL_MS);
    expect(proxy.decisionRequests(SESSION_A)).toBe(polls);

    proxy.publish(SESSION_A, 'Declined');
    await screen.findByText('a: Declined');
    await waitFor(() => expect(proxy.streams()).toHaveLength(0));
    await pause(6 * POLL_MS);
    expect(proxy.decisionRequests(SESSION_A)).toBe(polls);
    expect(proxy.eventRequests(SESSION_A)).toBe(1);
  });

  it('shares one stream between the components showing one session', async () => {
    proxy.statuses.set(SESSION_B, 'In Progress');
    const { wrapper } = app();
    const { unmount } = render(
      <>
        <Status id={SESSION_B} label="first" />
        <Status id={SESSION_B} label="second" />
      </>,
      { wrapper },
    );
    await screen.findByText('first: In Progress');
    await waitFor(() => expect(proxy.streams()).toHaveLength(1));
    proxy.publish(SESSION_B, 'In Review');
    await screen.findByText('first: In Review');
    expect(screen.getByText('second: In Review')).toBeTruthy();
    expect(proxy.eventRequests(SESSION_B)).toBe(1);
    unmount();
    await waitFor(() => expect(proxy.streams()).toHaveLength(0));
  });

  it('polls when the proxy has no stream (404)', async () => {
    proxy.state.streams = false;
    proxy.statuses.set(SESSION_A, 'In Progress');
    const { wrapper } = app();
    render(<Status id={SESSION_A} label="a" />, { wrapper });
    await screen.findByText('a: In Progress');
    await waitFor(() => expect(proxy.eventRequests(SESSION_A)).toBe(1));
    proxy.statuses.set(SESSION_A, 'Approved');
    await screen.findByText('a: Approved');
    expect(proxy.decisionRequests(SESSION_A)).toBeGreaterThanOrEqual(2);
  });

  it("opens no stream with realtime: 'poll'", async () => {
    proxy.statuses.set(SESSION_A, 'In Progress');
    const { wrapper } = app();
    render(<Status id={SESSION_A} label="poll" realtime="poll" />, { wrapper });
    await screen.findByText('poll: In Progress');
    await waitFor(() => expect(proxy.decisionRequests(SESSION_A)).toBeGreaterThanOrEqual(3));
    expect(proxy.eventRequests(SESSION_A)).toBe(0);
  });

  it('goes back to polling when a healthy stream is lost', async () => {
    proxy.statuses.set(SESSION_A, 'Not Started');
    const { wrapper } = app();
    render(<Status id={SESSION_A} label="a" />, { wrapper });
    await screen.findByText('a: Not Started');
    await waitFor(() => expect(proxy.streams()).toHaveLength(1));
    await pause(4 * POLL_MS);
    const polls = proxy.decisionRequests(SESSION_A);
    proxy.state.streams = false;
    proxy.statuses.set(SESSION_A, 'In Progress');
    proxy.dropStreams();
    await screen.findByText('a: In Progress');
    await waitFor(() => expect(proxy.decisionRequests(SESSION_A)).toBeGreaterThanOrEqual(polls + 2));
  });

  it('polls while the stream is reconnecting after a drop', async () => {
    proxy.statuses.set(SESSION_B, 'Not Started');
    const { wrapper } = app();
    render(<Status id={SESSION_B} label="b" />, { wrapper });
    await screen.findByText('b: Not Started');
    await waitFor(() => expect(proxy.streams()).toHaveLength(1));
    const polls = proxy.decisionRequests(SESSION_B);
    proxy.state.streams = false; // the reconnection gets 404: no stream for now
    proxy.dropStreams();
    proxy.statuses.set(SESSION_B, 'Approved');
    await screen.findByText('b: Approved');
    expect(proxy.decisionRequests(SESSION_B)).toBeGreaterThan(polls);
  });
});

/**
 * What a page shows with `useDecisionStreamLive`: a sibling of `Status`, so it re-renders through its
 * own subscription to the registry, not because the component with `useSessionDecision` did.
 */
function Mode({ id, label = 'mode' }: { id: string; label?: string }) {
  const live = useDecisionStreamLive(id);
  return <output aria-label={label}>{live ? 'live' : 'polling'}</output>;
}

/** Whether the page's decision query is kept fresh by the stream now, as `Mode` shows it. */
function live(label = 'mode'): boolean {
  return screen.getByLabelText(label).textContent === 'live';
}

describe('useSessionDecision with bounded streams (issue 21)', () => {
  it.each([
    [429, 'over the per-session cap'],
    [503, 'over the total cap'],
  ])('polls, and shows each change, when the stream is refused with %i and Retry-After (%s)', async (status) => {
    proxy.state.refuse = status;
    proxy.statuses.set(SESSION_A, 'Not Started');
    const { wrapper } = app();
    render(
      <>
        <Status id={SESSION_A} label="a" />
        <Mode id={SESSION_A} />
      </>,
      { wrapper },
    );
    await screen.findByText('a: Not Started');
    await waitFor(() => expect(proxy.eventRequests(SESSION_A)).toBe(1));
    const polls = proxy.decisionRequests(SESSION_A);

    proxy.statuses.set(SESSION_A, 'In Progress');
    await screen.findByText('a: In Progress');
    proxy.statuses.set(SESSION_A, 'Approved');
    await screen.findByText('a: Approved');
    expect(proxy.decisionRequests(SESSION_A)).toBeGreaterThanOrEqual(polls + 2);
    expect(live()).toBe(false);
    // Refused: not asked again at once (EventSource does not reconnect after a non-200; the hook
    // tries a new stream a minute later), so a capped session costs no stream request per poll.
    expect(proxy.eventRequests(SESSION_A)).toBe(1);
    expect(proxy.streams()).toHaveLength(0);
  });

  it('polls again when a stream ends (its lifetime) and its reconnection is refused with 429', async () => {
    proxy.state.retryMs = 10;
    proxy.publish(SESSION_B, 'Not Started');
    const { wrapper } = app();
    render(
      <>
        <Status id={SESSION_B} label="b" />
        <Mode id={SESSION_B} />
      </>,
      { wrapper },
    );
    await screen.findByText('b: Not Started');
    await waitFor(() => expect(live()).toBe(true));

    proxy.state.refuse = 429;
    proxy.endStreams();
    await waitFor(() => expect(proxy.eventRequests(SESSION_B)).toBe(2));
    expect(proxy.lastEventIds).toEqual([undefined, 'v1']);
    await waitFor(() => expect(live()).toBe(false));
    proxy.statuses.set(SESSION_B, 'In Review');
    await screen.findByText('b: In Review');
    expect(proxy.eventRequests(SESSION_B)).toBe(2);
  });

  it('after the server ends a stream (its lifetime), polls while EventSource reconnects, and stops once the stream is back, with nothing new to send', async () => {
    proxy.state.retryMs = 10;
    proxy.publish(SESSION_A, 'In Progress');
    const { wrapper } = app();
    render(
      <>
        <Status id={SESSION_A} label="a" />
        <Mode id={SESSION_A} />
      </>,
      { wrapper },
    );
    await screen.findByText('a: In Progress');
    await waitFor(() => expect(live()).toBe(true));
    expect(proxy.sent).toEqual([`${SESSION_A}@v1`]);

    // The lifetime cap: the stream ends; the reconnection is held back, and meanwhile the hook polls.
    proxy.state.hold = true;
    proxy.endStreams();
    await waitFor(() => expect(proxy.held()).toBe(1));
    expect(proxy.lastEventIds).toEqual([undefined, 'v1']);
    expect(live()).toBe(false);
    const polls = proxy.decisionRequests(SESSION_A);
    await waitFor(() => expect(proxy.decisionRequests(SESSION_A)).toBeGreaterThanOrEqual(polls + 2));

    // Back, resuming from v1, which is still the latest: the server sends nothing, and the stream
    // stands in for polling again.
    proxy.releaseStreams();
    await waitFor(() => expect(live()).toBe(true));
    await pause(POLL_MS); // a poll already on its way lands
    const settled = proxy.decisionRequests(SESSION_A);
    await pause(2 * POLL_MS);
    expect(proxy.decisionRequests(SESSION_A)).toBe(settled);
    expect(proxy.sent).toEqual([`${SESSION_A}@v1`]);
    expect(proxy.streams()).toHaveLength(1);

    // And the next change arrives on it.
    proxy.publish(SESSION_A, 'Approved');
    await screen.findByText('a: Approved');
    expect(proxy.decisionRequests(SESSION_A)).toBe(settled);
    expect(proxy.sent).toEqual([`${SESSION_A}@v1`, `${SESSION_A}@v2`]);
  });
});

describe('the stream registry (issue 22)', () => {
  it('changes of health write nothing to the query cache: the observer reads refetchInterval again', async () => {
    proxy.state.retryMs = 10;
    proxy.publish(SESSION_A, 'In Progress');
    const { wrapper, queryClient } = app();
    // A poll interval longer than the test: any write to the cache would be the stream's own.
    render(
      <>
        <Status id={SESSION_A} label="a" pollIntervalMs={60_000} />
        <Mode id={SESSION_A} />
      </>,
      { wrapper },
    );
    await screen.findByText('a: In Progress');
    await waitFor(() => expect(live()).toBe(true));
    const [query] = queryClient.getQueryCache().findAll({ queryKey: diditQueryKeys.all });
    const observer = query?.observers[0];
    expect(observer?.options.refetchInterval).toBe(false);
    const { dataUpdateCount, dataUpdatedAt } = query?.state ?? {};
    const updates: QueryCacheNotifyEvent[] = [];
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated') updates.push(event);
    });

    // The lifetime cap: the stream ends, its reconnection is held back: not live, so polling resumes.
    proxy.state.hold = true;
    proxy.endStreams();
    await waitFor(() => expect(live()).toBe(false));
    await waitFor(() => expect(observer?.options.refetchInterval).toBeTypeOf('function'));
    // Back, with nothing newer to send: live again, and polling pauses.
    proxy.releaseStreams();
    await waitFor(() => expect(live()).toBe(true));
    await waitFor(() => expect(observer?.options.refetchInterval).toBe(false));
    unsubscribe();

    expect(updates).toEqual([]);
    expect(query?.state.dataUpdateCount).toBe(dataUpdateCount);
    expect(query?.state.dataUpdatedAt).toBe(dataUpdatedAt);
    expect(proxy.sent).toEqual([`${SESSION_A}@v1`]);
  });

  it('a message the schema refuses is no delivery: it polls, and the reopened stream is not live until a valid decision', async () => {
    proxy.state.retryMs = 10;
    proxy.publish(SESSION_B, 'In Progress');
    const { wrapper } = app();
    render(
      <>
        <Status id={SESSION_B} label="b" />
        <Mode id={SESSION_B} />
      </>,
      { wrapper },
    );
    await screen.findByText('b: In Progress');
    await waitFor(() => expect(live()).toBe(true));

    proxy.publishInvalid(SESSION_B, '{"status":42}');
    await waitFor(() => expect(live()).toBe(false));
    const polls = proxy.decisionRequests(SESSION_B);
    await waitFor(() => expect(proxy.decisionRequests(SESSION_B)).toBeGreaterThanOrEqual(polls + 2));

    // The stream ends and reopens after the refused message (v2): nothing newer, so still not live.
    proxy.endStreams();
    await waitFor(() => expect(proxy.eventRequests(SESSION_B)).toBe(2));
    expect(proxy.lastEventIds).toEqual([undefined, 'v2']);
    await waitFor(() => expect(proxy.streams()).toHaveLength(1));
    await pause(3 * POLL_MS);
    expect(live()).toBe(false);
    expect(screen.getByText('b: In Progress')).toBeTruthy();

    // A valid decision: shown, and the stream is live again.
    proxy.publish(SESSION_B, 'In Review');
    await screen.findByText('b: In Review');
    await waitFor(() => expect(live()).toBe(true));
  });

  it('useDecisionStreamLive is false with realtime: "poll", for a session nobody follows, and on the server', async () => {
    proxy.statuses.set(SESSION_A, 'In Progress');
    proxy.statuses.set(SESSION_B, 'In Progress');
    const { wrapper, queryClient } = app();
    const client = new DiditClient({ apiVersion: 'v1', baseUrl: `${origin}/api/didit` });
    expect(
      renderToString(
        <Providers queryClient={queryClient} client={client}>
          <Status id={SESSION_A} label="a" />
          <Mode id={SESSION_A} />
        </Providers>,
      ),
    ).toContain('polling');

    render(
      <>
        <Status id={SESSION_A} label="a" realtime="poll" />
        <Mode id={SESSION_A} />
        <Mode id={SESSION_B} label="b mode" />
      </>,
      { wrapper },
    );
    await waitFor(() => expect(proxy.decisionRequests(SESSION_A)).toBeGreaterThanOrEqual(3));
    expect(live()).toBe(false);
    expect(live('b mode')).toBe(false);
    expect(proxy.eventRequests(SESSION_A)).toBe(0);
    expect(proxy.eventRequests(SESSION_B)).toBe(0);
  });

  it('opens one stream per QueryClient: two apps on one page each have their own', async () => {
    proxy.statuses.set(SESSION_A, 'In Progress');
    const first = app();
    const second = app();
    render(<Status id={SESSION_A} label="first" />, { wrapper: first.wrapper });
    render(<Status id={SESSION_A} label="second" />, { wrapper: second.wrapper });
    await screen.findByText('first: In Progress');
    await screen.findByText('second: In Progress');
    await waitFor(() => expect(proxy.streams()).toHaveLength(2));
    proxy.publish(SESSION_A, 'In Review');
    await screen.findByText('first: In Review');
    await screen.findByText('second: In Review');
    expect(proxy.eventRequests(SESSION_A)).toBe(2);
  });

  it('keeps its streams when the provider gets a new client object with the same settings', async () => {
    proxy.statuses.set(SESSION_A, 'In Progress');
    const queryClient = new QueryClient();
    // An app that builds its client while rendering (not in useState, as the docs show).
    const ui = () => (
      <Providers
        queryClient={queryClient}
        client={new DiditClient({ apiVersion: 'v1', baseUrl: `${origin}/api/didit`, maxRetries: 0 })}
      >
        <Status id={SESSION_A} label="a" />
      </Providers>
    );
    const { rerender } = render(ui());
    await screen.findByText('a: In Progress');
    await waitFor(() => expect(proxy.streams()).toHaveLength(1));
    rerender(ui());
    rerender(ui());
    await pause(2 * POLL_MS);
    expect(proxy.eventRequests(SESSION_A)).toBe(1);
    expect(proxy.streams()).toHaveLength(1);
  });
});
