import { DiditClient } from '@didit-kit/core/v1';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '@didit-kit/mock-server';
import { diditHandlers } from '@didit-kit/mock-server/msw';
import type { VerificationEvent, VerificationResult } from '@didit-protocol/sdk-web';
import { act, render, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useSessionDecision } from '../src/index.ts';
import { DiditVerification } from '../src/verification/index.ts';
import { didit } from './support/render.tsx';

// <DiditVerification> over the real @didit-protocol/sdk-web in jsdom. jsdom does not load the
// iframe's page, so the tests play its part: they post the `didit:*` messages Didit's page (and
// the mock's) posts, from the iframe's window and the page's origin, which is all the SDK checks.

function Status({ sessionId }: { sessionId: string }) {
  // Polling far apart: only the component's refresh can show a change within the test.
  const { data } = useSessionDecision(sessionId, { pollIntervalMs: 60 * 60_000 });
  return <p>status: {data?.status ?? 'loading'}</p>;
}

// Didit (the mock, through MSW) behind the app's proxy route, as the browser sees it; the app
// server's own client creates the sessions.
const APP_PROXY = 'http://app.test/api/didit';
const handlers = diditHandlers({ baseUrl: [APP_PROXY, 'https://verification.didit.me', 'https://apx.didit.me'] });
const msw = setupServer(...handlers.handlers);
const decisionRequests: string[] = [];
msw.events.on('request:start', ({ request }) => {
  if (request.url.endsWith('/decision/')) decisionRequests.push(request.url);
});
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  handlers.reset();
  decisionRequests.length = 0;
});
afterAll(() => msw.close());

const appServer = new DiditClient({
  clientId: DEFAULT_CLIENT_ID,
  clientSecret: DEFAULT_CLIENT_SECRET,
  dangerouslyAllowBrowser: true, // jsdom looks like a browser; this client plays the app server
  fetch: (request) => fetch(request),
});

async function setStatus(sessionId: string, status: string) {
  const res = await handlers.mock.request(`/__mock/sessions/${sessionId}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  if (!res.ok) throw new Error(`the mock refused ${status}: ${res.status} ${await res.text()}`);
}

async function setUp() {
  const created = await newSession('user-9');
  const { wrapper } = didit((request) => fetch(request), { baseUrl: APP_PROXY });
  return { created, wrapper };
}

const newSession = (vendorData: string) =>
  appServer.sessions.create({ callback: 'https://app.test/done', vendor_data: vendorData });

function iframes(): HTMLIFrameElement[] {
  return [...document.querySelectorAll<HTMLIFrameElement>('iframe.didit-verification-iframe')];
}

async function theIframe(): Promise<HTMLIFrameElement> {
  await waitFor(() => expect(iframes()).toHaveLength(1));
  return iframes()[0]!;
}

/** What the hosted page in `frame` posts to its parent. */
function post(frame: HTMLIFrameElement, type: string, data: Record<string, unknown> = {}) {
  act(() => {
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { type, data, timestamp: Date.now() },
        origin: new URL(frame.src).origin,
        source: frame.contentWindow,
      }),
    );
  });
}

describe('<DiditVerification>', () => {
  it('opens the session url in the modal and, on didit:completed, refreshes the decision query', async () => {
    const { created, wrapper } = await setUp();
    const onComplete = vi.fn<(result: VerificationResult) => void>();
    render(
      <>
        <Status sessionId={created.session_id} />
        <DiditVerification url={created.url} onComplete={onComplete} />
      </>,
      { wrapper },
    );
    const frame = await theIframe();
    expect(frame.src).toBe(created.url);
    expect(frame.closest('[role="dialog"]')).not.toBeNull();
    await screen.findByText('status: Not Started');

    await setStatus(created.session_id, 'Declined');
    post(frame, 'didit:completed', { sessionId: created.session_id, status: 'Declined' });

    expect(onComplete).toHaveBeenCalledWith({
      type: 'completed',
      session: { sessionId: created.session_id, status: 'Declined' },
    });
    await screen.findByText('status: Declined');
    expect(decisionRequests).toHaveLength(2);
  });

  it('refreshes the session given as a prop, whatever the page reports', async () => {
    const { created, wrapper } = await setUp();
    render(
      <>
        <Status sessionId={created.session_id} />
        <DiditVerification url={created.url} sessionId={created.session_id} />
      </>,
      { wrapper },
    );
    const frame = await theIframe();
    await screen.findByText('status: Not Started');
    await setStatus(created.session_id, 'Approved');
    post(frame, 'didit:completed', {});
    await screen.findByText('status: Approved');
  });

  it('embeds the iframe in its own element and passes every event and state change on', async () => {
    const { created, wrapper } = await setUp();
    const events: VerificationEvent[] = [];
    const states: string[] = [];
    const { container } = render(
      <DiditVerification
        url={created.url}
        mode="embedded"
        className="verify-box"
        onEvent={(event) => events.push(event)}
        onStateChange={(state) => states.push(state)}
      />,
      { wrapper },
    );
    const frame = await theIframe();
    expect(container.querySelector('.verify-box')?.contains(frame)).toBe(true);
    expect(document.querySelector('[role="dialog"]')).toBeNull();

    post(frame, 'didit:ready', { sessionId: created.session_id });
    post(frame, 'didit:step_started', { step: 'document', sessionId: created.session_id });
    expect(events.map((event) => event.type)).toEqual(['didit:started', 'didit:ready', 'didit:step_started']);
    expect(events[2]?.data).toEqual({ step: 'document', sessionId: created.session_id });
    expect(states).toEqual(['loading']);
  });

  it('ignores messages from another window or another site', async () => {
    const { created, wrapper } = await setUp();
    const onComplete = vi.fn();
    render(<DiditVerification url={created.url} onComplete={onComplete} />, { wrapper });
    const frame = await theIframe();
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'didit:completed' },
          origin: 'https://evil.test',
          source: frame.contentWindow,
        }),
      );
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'didit:completed' },
          origin: new URL(created.url).origin,
          source: window,
        }),
      );
    });
    expect(onComplete).not.toHaveBeenCalled();
  });

  it('removes the modal and stops listening on unmount', async () => {
    const { created, wrapper } = await setUp();
    const onComplete = vi.fn();
    const { unmount } = render(<DiditVerification url={created.url} onComplete={onComplete} />, { wrapper });
    const frame = await theIframe();
    unmount();
    expect(iframes()).toHaveLength(0);
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    post(frame, 'didit:completed', { sessionId: created.session_id, status: 'Approved' });
    expect(onComplete).not.toHaveBeenCalled();
  });

  it('starts one flow under StrictMode (mount, unmount, mount) and cleans it up after', async () => {
    const { created, wrapper } = await setUp();
    const started = vi.fn();
    const { unmount } = render(
      <StrictMode>
        <DiditVerification
          url={created.url}
          mode="embedded"
          onEvent={(event) => event.type === 'didit:started' && started()}
        />
      </StrictMode>,
      { wrapper },
    );
    await theIframe();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(iframes()).toHaveLength(1);
    expect(started).toHaveBeenCalledTimes(1);
    unmount();
    expect(iframes()).toHaveLength(0);
  });

  it('calls the latest callbacks without restarting the flow, and restarts for a new url', async () => {
    const { created, wrapper } = await setUp();
    const first = vi.fn();
    const second = vi.fn();
    const started = vi.fn();
    const onEvent = (event: VerificationEvent) => event.type === 'didit:started' && started();
    const { rerender } = render(<DiditVerification url={created.url} onComplete={first} onEvent={onEvent} />, {
      wrapper,
    });
    const frame = await theIframe();
    rerender(<DiditVerification url={created.url} onComplete={second} onEvent={onEvent} />);
    post(frame, 'didit:completed', { sessionId: created.session_id, status: 'Approved' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(started).toHaveBeenCalledTimes(1);

    const other = await newSession('user-10');
    rerender(<DiditVerification url={other.url} onComplete={second} onEvent={onEvent} />);
    await waitFor(() => expect(iframes()[0]?.src).toBe(other.url));
    expect(iframes()).toHaveLength(1);
    expect(started).toHaveBeenCalledTimes(2);
  });

  it('a component unmounting after another took the SDK over leaves the other’s flow open', async () => {
    const { created, wrapper } = await setUp();
    const other = await newSession('user-11');
    const first = render(<DiditVerification url={created.url} />, { wrapper });
    await theIframe();
    render(<DiditVerification url={other.url} />, { wrapper });
    await waitFor(() => expect(iframes()[0]?.src).toBe(other.url));
    first.unmount();
    expect(iframes().map((frame) => frame.src)).toEqual([other.url]);
  });
});
