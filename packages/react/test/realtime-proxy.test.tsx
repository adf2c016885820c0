// The hook against the real createDiditProxy event stream ('events' with a MemoryDecisionHub),
// mounted on 127.0.0.1 in front of @didit-kit/mock-server: a publish (what the webhook handler
// does) reaches the page with no decision poll in between.
import { MemoryDecisionHub } from '@didit-kit/core/server';
import { DiditClient } from '@didit-kit/core/v3';
import { DEFAULT_API_KEY } from '@didit-kit/mock-server';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { EventSource as NodeEventSource } from 'eventsource';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSessionDecision } from '../src/index.ts';
import { type LiveApp, startLiveApp, WORKFLOW_ID } from './support/live-app.ts';
import { Providers } from './support/render.tsx';

const POLL_MS = 50;
const hub = new MemoryDecisionHub();
let app: LiveApp;

beforeAll(async () => {
  app = await startLiveApp({ allow: ['decision', 'create', 'events'], events: hub });
});
afterAll(() => app.close());
beforeEach(() => {
  (globalThis as { EventSource?: unknown }).EventSource = NodeEventSource;
});
afterEach(() => {
  delete (globalThis as { EventSource?: unknown }).EventSource;
});

function Status({ sessionId }: { sessionId: string }) {
  const { data } = useSessionDecision(sessionId, { pollIntervalMs: POLL_MS });
  return <p>status: {data?.status ?? 'loading'}</p>;
}

describe('useSessionDecision through createDiditProxy with events', () => {
  it('shows a published decision at once, without polling, and only to the session owner', async () => {
    const server = new DiditClient({ apiKey: DEFAULT_API_KEY, baseUrl: app.mock.url, dangerouslyAllowBrowser: true });
    const { session_id: id } = await server.sessions.create({ workflow_id: WORKFLOW_ID, vendor_data: 'user-5' });
    app.owners.set(id, 'user-5');
    const client = new DiditClient({ baseUrl: `${app.origin}/api/didit`, fetch: app.browserFetch('user-5') });
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <Providers queryClient={new QueryClient()} client={client as never}>
        {children}
      </Providers>
    );
    // The platform EventSource sends the page's cookies; this one is given the user's cookie.
    const WithCookie = class extends NodeEventSource {
      constructor(url: string | URL) {
        super(url, { fetch: (input, init) => app.browserFetch('user-5')(new Request(input, init)) });
      }
    };
    (globalThis as { EventSource?: unknown }).EventSource = WithCookie;
    render(<Status sessionId={id} />, { wrapper });
    await screen.findByText('status: Not Started');
    const events = `GET /api/didit/v3/session/${id}/events/`;
    const decisions = `GET /api/didit/v3/session/${id}/decision/`;
    await waitFor(() => expect(app.received).toContain(events));
    await new Promise((resolve) => setTimeout(resolve, 4 * POLL_MS));
    const polls = app.received.filter((line) => line === decisions).length;

    const current = await server.sessions.getDecision(id);
    await hub.publish(id, JSON.stringify({ ...current, status: 'Approved' }));
    await screen.findByText('status: Approved');
    expect(app.received.filter((line) => line === decisions).length).toBe(polls);

    // Another user's stream is refused (403): no data reaches them.
    const refused = await app.browserFetch('user-6')(new Request(`${app.origin}/api/didit/v3/session/${id}/events/`));
    expect(refused.status).toBe(403);
  });
});
