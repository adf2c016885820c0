// Issue 17: polling stopped for good after one failed request, so the page kept showing the error
// after the server was back. Here the app's real server on 127.0.0.1 goes away (a crash, a deploy)
// and comes back, then answers 503 for a while: the page recovers each time, by itself.
import { DiditClient } from '@didit-kit/core/v3';
import { DEFAULT_API_KEY } from '@didit-kit/mock-server';
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSessionDecision } from '../src/index.ts';
import { type LiveApp, startLiveApp, WORKFLOW_ID } from './support/live-app.ts';
import { Providers } from './support/render.tsx';

const POLL_MS = 40;

function Status({ sessionId }: { sessionId: string }) {
  const { data, error } = useSessionDecision(sessionId, { pollIntervalMs: POLL_MS });
  return (
    <>
      <p>status: {data?.status ?? 'loading'}</p>
      <p>error: {error ? error.name : 'none'}</p>
    </>
  );
}

describe('polling recovers when the server comes back (real servers on 127.0.0.1)', () => {
  let app: LiveApp;
  beforeAll(async () => {
    app = await startLiveApp();
  });
  afterAll(() => app.close());

  /** The mock's admin route: `Not Started` → `In Progress` → the outcome (Approved by default). */
  async function advance(sessionId: string) {
    const response = await fetch(`${app.mock.url}/__mock/v3/sessions/${sessionId}/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
  }

  it('shows the error while the server is down or failing, then the new status once it is back', async () => {
    const server = new DiditClient({ apiKey: DEFAULT_API_KEY, baseUrl: app.mock.url, dangerouslyAllowBrowser: true });
    const { session_id: id } = await server.sessions.create({ workflow_id: WORKFLOW_ID, vendor_data: 'user-1' });
    app.owners.set(id, 'user-1');
    // maxRetries 0: each failing poll is one request, so the test follows the hook's own backoff.
    const client = new DiditClient({
      baseUrl: `${app.origin}/api/didit`,
      maxRetries: 0,
      fetch: app.browserFetch('user-1'),
    });
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <Providers queryClient={queryClient} client={client as never}>
        {children}
      </Providers>
    );
    render(<Status sessionId={id} />, { wrapper });
    await screen.findByText('status: Not Started');

    await app.stop();
    await screen.findByText('error: ConnectionError');
    // Polling goes on (with backoff) while the server is away.
    const failuresWhileDown = () => queryClient.getQueryCache().getAll()[0]?.state.errorUpdateCount ?? 0;
    await waitFor(() => expect(failuresWhileDown()).toBeGreaterThanOrEqual(2));
    await advance(id);
    await app.restart();
    await screen.findByText('status: In Progress', undefined, { timeout: 5_000 });
    expect(screen.getByText('error: none')).toBeTruthy();

    app.failWith(503);
    await screen.findByText('error: ServerError');
    await advance(id);
    app.failWith(undefined);
    await screen.findByText('status: Approved', undefined, { timeout: 5_000 });
    expect(screen.getByText('error: none')).toBeTruthy();

    // Terminal: no more polls.
    const count = app.received.length;
    await new Promise((resolve) => setTimeout(resolve, 5 * POLL_MS));
    expect(app.received.length).toBe(count);
  });
});
