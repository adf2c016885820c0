// useSessionDecision over the proxy's event stream (issue 16's wire contract), against a tiny real
// SSE server on 127.0.0.1. jsdom has no EventSource: the `eventsource` package's class stands in
// for the browser's, set on globalThis for this file only.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiditClient } from '@didit-kit/core/v1';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { EventSource as NodeEventSource } from 'eventsource';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSessionDecision } from '../src/index.ts';
import { decision, SESSION_A, SESSION_B } from './support/fake-didit.ts';
import { Providers } from './support/render.tsx';

const POLL_MS = 50;

/** The app's proxy, reduced to what the hook uses: `/decision/`, and `/events/` when `streams` is on. */
function startSseProxy() {
  const statuses = new Map<string, string>();
  const open = new Set<ServerResponse>();
  const seen: string[] = [];
  let version = 0;
  const state = { streams: true };
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
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    (res as ServerResponse & { sessionId?: string }).sessionId = id;
    open.add(res);
    res.on('close', () => open.delete(res));
    send(res, id, status);
  });
  function send(res: ServerResponse, id: string, status: string) {
    res.write(`event: decision\nid: v${++version}\ndata: ${JSON.stringify(decision(id, status))}\n\n`);
  }
  return {
    server,
    seen,
    state,
    statuses,
    /** Streams connected now. */
    streams: () => [...open],
    /** A webhook arrived: every stream of that session gets the new decision. */
    publish(id: string, status: string) {
      statuses.set(id, status);
      for (const res of open) if ((res as { sessionId?: string }).sessionId === id) send(res, id, status);
    },
    decisionRequests: (id: string) => seen.filter((p) => p.endsWith(`/${id}/decision/`)).length,
    eventRequests: (id: string) => seen.filter((p) => p.endsWith(`/${id}/events/`)).length,
    dropStreams() {
      for (const res of open) res.destroy();
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
  proxy.state.streams = true;
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

function Status({ id, label, realtime }: { id: string; label: string; realtime?: 'auto' | 'poll' }) {
  const { data } = useSessionDecision(id, { pollIntervalMs: POLL_MS, realtime });
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
