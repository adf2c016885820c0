// <VerificationStatus> in jsdom, with Didit answered by the mock server's MSW handlers at this app's proxy route:
// no server, no credentials, no network.
import { DiditClient } from '@didit-kit/core';
import { diditHandlers, V3_FIXTURE_IDS } from '@didit-kit/mock-server/msw';
import { DiditProvider } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { VerificationStatus } from '@/app/verification-status';

// The handlers play the proxy route too: they add the mock's API key, as app/api/didit/[...path] adds yours.
const API = 'http://localhost:3000/api/didit';
const didit = diditHandlers({ baseUrl: API });
const server = setupServer(...didit.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup(); // unmount what the test rendered
  didit.reset(); // sessions back to the fixtures
});
afterAll(() => server.close());

function setUp() {
  const queryClient = new QueryClient();
  // On Node the client sends with undici, which MSW does not see; through global fetch, it does.
  const client = new DiditClient({ baseUrl: API, fetch: (request) => fetch(request) });
  const renderStatus = (sessionId: string) =>
    render(
      <QueryClientProvider client={queryClient}>
        <DiditProvider client={client}>
          <VerificationStatus sessionId={sessionId} />
        </DiditProvider>
      </QueryClientProvider>,
    );
  return { client, queryClient, renderStatus };
}

it('shows a finished verification', async () => {
  setUp().renderStatus(V3_FIXTURE_IDS.approved);
  expect((await screen.findByTestId('status')).textContent).toBe('Approved');
  // jsdom has no EventSource, so the page polls, and says so.
  expect(screen.getByTestId('updates').textContent).toBe('Checking for updates every 10 s.');
});

it('follows a new session to its outcome', async () => {
  const { client, queryClient, renderStatus } = setUp();
  const session = await client.sessions.create({
    workflow_id: 'd1d17000-0000-4000-8000-0000000e1a3e',
    vendor_data: 'alice',
    sandbox_scenario: 'decline_aml_hit',
  });
  renderStatus(session.session_id);
  expect(await screen.findByText('Not Started')).toBeTruthy();

  // The user finishes Didit's page (the mock's admin route plays them); the page then refetches.
  const advance = { method: 'POST', headers: { 'content-type': 'application/json' } };
  await didit.mock.request(`/__mock/v3/sessions/${session.session_id}/advance`, advance);
  await didit.mock.request(`/__mock/v3/sessions/${session.session_id}/advance`, advance);
  await act(() => queryClient.invalidateQueries());
  expect(await screen.findByText('Declined')).toBeTruthy();
});

it('says when there is no such session', async () => {
  setUp().renderStatus('00000000-0000-4000-8000-000000000000');
  expect((await screen.findByRole('alert')).textContent).toBe('No such verification session.');
});
