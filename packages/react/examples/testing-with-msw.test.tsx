// A component test in jsdom (Vitest + Testing Library), with Didit answered by MSW: no server,
// no credentials, no network. Needs msw 2, @testing-library/react and jsdom as dev dependencies.
import { DiditClient } from '@didit-kit/core';
import { diditHandlers, V3_FIXTURE_IDS } from '@didit-kit/mock-server/msw';
import { DiditProvider, useSessionDecision } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// The component under test (in your app it comes from its own file).
function VerificationStatus({ sessionId }: { sessionId: string }) {
  const { data, error } = useSessionDecision(sessionId);
  if (error) return <p>Could not load the verification ({error.code})</p>;
  return <p>Status: {data?.status ?? 'loading'}</p>;
}

// Your app's proxy route, answered by the mock: the handlers add the credentials your server would.
const API = 'http://localhost/api/didit';
const didit = diditHandlers({ baseUrl: API });
const server = setupServer(...didit.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => didit.reset()); // sessions back to the fixtures
afterAll(() => server.close());

function setUp() {
  const queryClient = new QueryClient();
  const client = new DiditClient({
    baseUrl: API,
    // On Node the client sends with undici, which MSW does not see; through global fetch, it does.
    fetch: (request) => fetch(request),
  });
  const renderWithDidit = (ui: ReactNode) =>
    render(
      <QueryClientProvider client={queryClient}>
        <DiditProvider client={client}>{ui}</DiditProvider>
      </QueryClientProvider>,
    );
  return { queryClient, client, renderWithDidit };
}

it('shows a finished verification from a fixture', async () => {
  const { renderWithDidit } = setUp();
  renderWithDidit(<VerificationStatus sessionId={V3_FIXTURE_IDS.approved} />);
  expect(await screen.findByText('Status: Approved')).toBeTruthy();
});

it('shows the result once the user has finished', async () => {
  const { client, queryClient, renderWithDidit } = setUp();
  const session = await client.sessions.create({
    workflow_id: 'd1d17000-0000-4000-8000-00000000f10a',
    vendor_data: 'user-1',
    sandbox_scenario: 'decline_face_match_low_similarity',
  });
  renderWithDidit(<VerificationStatus sessionId={session.session_id} />);
  expect(await screen.findByText('Status: Not Started')).toBeTruthy();

  // The user finishes Didit's page (the mock's admin route plays them), then the page refetches:
  // no waiting for the next poll and no fake timers.
  const advance = { method: 'POST', headers: { 'content-type': 'application/json' } };
  await didit.mock.request(`/__mock/v3/sessions/${session.session_id}/advance`, advance); // In Progress
  await didit.mock.request(`/__mock/v3/sessions/${session.session_id}/advance`, advance); // the scenario's
  await act(() => queryClient.invalidateQueries());
  expect(await screen.findByText('Status: Declined')).toBeTruthy();
});

it('shows an unknown session as an error', async () => {
  const { renderWithDidit } = setUp();
  renderWithDidit(<VerificationStatus sessionId="00000000-0000-4000-8000-000000000000" />);
  expect(await screen.findByText('Could not load the verification (not_found)')).toBeTruthy();
});
