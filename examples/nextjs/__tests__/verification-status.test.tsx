// <VerificationStatus> and <StartVerification> in jsdom, with Didit answered by the mock server's MSW handlers at
// this app's proxy route: no server, no credentials, no network.
import { DiditClient } from '@didit-kit/core';
import { diditHandlers, V3_FIXTURE_IDS } from '@didit-kit/mock-server/msw';
import { DiditProvider } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { StartVerification } from '@/app/start-verification';
import { VerificationStatus } from '@/app/verification-status';

const API = 'http://localhost:3000/api/didit';
// The user the test plays: who lib/demo-auth.ts would read from the sign-in cookie.
let signedIn: string | undefined = 'alice';

// The handlers play the proxy route too: they add the mock's API key, as app/api/didit/[...path] adds yours, and
// create the session lib/didit.ts's prepareCreate would build for the signed-in user (null: 403).
const didit = diditHandlers({
  baseUrl: API,
  prepareCreate: () =>
    signedIn === undefined
      ? null
      : {
          workflow_id: 'd1d17000-0000-4000-8000-0000000e1a3e',
          vendor_data: signedIn,
          callback: 'http://localhost:3000/verification',
        },
});
const server = setupServer(...didit.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup(); // unmount what the test rendered
  didit.reset(); // sessions back to the fixtures
  vi.unstubAllGlobals();
  signedIn = 'alice';
});
afterAll(() => server.close());

function setUp() {
  const queryClient = new QueryClient();
  // On Node the client sends with undici, which MSW does not see; through global fetch, it does.
  const client = new DiditClient({ baseUrl: API, fetch: (request) => fetch(request) });
  const renderWithDidit = (ui: ReactNode) =>
    render(
      <QueryClientProvider client={queryClient}>
        <DiditProvider client={client}>{ui}</DiditProvider>
      </QueryClientProvider>,
    );
  return { queryClient, renderWithDidit };
}

/** The session the mock holds for `user` (the one the Verify button created). */
function sessionOf(user: string) {
  const session = didit.mock.store.list().find((stored) => stored.decision.vendor_data === user);
  if (!session) throw new Error(`no session for ${user}`);
  return session;
}

it('shows a finished verification', async () => {
  setUp().renderWithDidit(<VerificationStatus sessionId={V3_FIXTURE_IDS.approved} />);
  expect((await screen.findByTestId('status')).textContent).toBe('Approved');
  // jsdom has no EventSource, so the page polls, and says so.
  expect(screen.getByTestId('updates').textContent).toBe('Checking for updates every 10 s.');
});

it("Verify identity creates a session for the signed-in user and sends the browser to Didit's hosted page", async () => {
  // jsdom cannot leave the page: the test catches where the button sends it.
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign });
  setUp().renderWithDidit(<StartVerification />);
  fireEvent.click(screen.getByRole('button', { name: 'Verify identity' }));

  await vi.waitFor(() => expect(assign).toHaveBeenCalledOnce());
  const { status, decision } = sessionOf('alice');
  expect(status).toBe('Not Started');
  // The session's hosted page, at Didit's address (the mock's, in npm run dev).
  expect(decision.session_url).toMatch(/^https:\/\/verification\.didit\.me\/session\/[\w-]+$/);
  expect(assign).toHaveBeenCalledWith(decision.session_url);
  expect(screen.getByRole('button', { name: 'Verify identity' })).toHaveProperty('disabled', true);
});

it("Verify in this page opens Didit's page in a frame, and the status below follows it to the outcome", async () => {
  const { queryClient, renderWithDidit } = setUp();
  renderWithDidit(<StartVerification />);
  fireEvent.click(screen.getByRole('button', { name: 'Verify in this page' }));

  expect(await screen.findByText('Not Started')).toBeTruthy();
  const session = sessionOf('alice');
  const frame = await vi.waitFor(() => {
    const found = document.querySelector('iframe');
    if (!found) throw new Error('no frame yet');
    return found;
  });
  expect(frame.src).toBe(session.decision.session_url);

  // The user finishes Didit's page (the mock's admin route plays them); the page then refetches.
  const advance = { method: 'POST', headers: { 'content-type': 'application/json' } };
  await didit.mock.request(`/__mock/v3/sessions/${session.sessionId}/advance`, advance); // In Progress
  await didit.mock.request(`/__mock/v3/sessions/${session.sessionId}/advance`, advance); // Approved: no scenario
  await act(() => queryClient.invalidateQueries());
  expect(await screen.findByText('Approved')).toBeTruthy();
});

it('says why no verification starts when the proxy refuses (no one signed in)', async () => {
  signedIn = undefined;
  const sessions = didit.mock.store.list().length;
  setUp().renderWithDidit(<StartVerification />);
  fireEvent.click(screen.getByRole('button', { name: 'Verify identity' }));
  expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not start the verification: /);
  expect(didit.mock.store.list()).toHaveLength(sessions);
});

it('says when there is no such session', async () => {
  setUp().renderWithDidit(<VerificationStatus sessionId="00000000-0000-4000-8000-000000000000" />);
  expect((await screen.findByRole('alert')).textContent).toBe('No such verification session.');
});
