import { PermissionDeniedError, ResponseValidationError, ServerError } from '@didit-kit/core';
import { DiditClient } from '@didit-kit/core/v3';
import { DEFAULT_API_KEY } from '@didit-kit/mock-server';
import { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCreateSession, useSessionDecision } from '../src/index.ts';
import { type LiveApp, startLiveApp, WORKFLOW_ID } from './support/live-app.ts';
import { APP_PROXY, didit, Providers, snapshot } from './support/render.tsx';

const CREATED = {
  session_id: '11111111-2222-4333-8444-555555555555',
  session_token: 'st',
  url: 'https://verify.test/session/st',
  status: 'Not Started',
};

/** A proxy stand-in for the unit tests: records each request, answers with `answer`. */
function proxyStandIn(answer: () => Response) {
  const seen: { method: string; url: string; body: string }[] = [];
  const fetch = async (request: Request) => {
    seen.push({ method: request.method, url: request.url, body: await request.text() });
    return answer();
  };
  return { seen, fetch };
}

describe('useCreateSession (unit)', () => {
  it("POSTs {baseUrl}/v1/session/ with an empty JSON object for mutate() (a proxy may refuse anything but JSON), and gives the session's url and id", async () => {
    const proxy = proxyStandIn(() => Response.json(CREATED, { status: 201 }));
    const { wrapper } = didit(proxy.fetch);
    const { result } = renderHook(() => useCreateSession(), { wrapper });
    act(() => result.current.mutate(undefined));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.url).toBe(CREATED.url);
    expect(result.current.data?.session_id).toBe(CREATED.session_id);
    expect(proxy.seen).toEqual([{ method: 'POST', url: `${APP_PROXY}/v1/session/`, body: '{}' }]);
  });

  it('posts to /v3/session/ with a v3 client, sending variables as given', async () => {
    const proxy = proxyStandIn(() => Response.json(CREATED, { status: 201 }));
    const client = new DiditClient({ baseUrl: APP_PROXY, fetch: proxy.fetch });
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <Providers queryClient={new QueryClient()} client={client as never}>
        {children}
      </Providers>
    );
    const { result } = renderHook(() => useCreateSession(), { wrapper });
    await act(() => result.current.mutateAsync({ vendor_data: 'ignored by createDiditProxy' }));
    expect(proxy.seen[0]?.url).toBe(`${APP_PROXY}/v3/session/`);
    expect(JSON.parse(proxy.seen[0]?.body ?? '')).toEqual({ vendor_data: 'ignored by createDiditProxy' });
  });

  it('reports a refusal as a PermissionDeniedError, and a 500 after one request (a create is not repeated)', async () => {
    const refused = proxyStandIn(() => Response.json({ detail: 'No.' }, { status: 403 }));
    const a = renderHook(() => useCreateSession(), { wrapper: didit(refused.fetch).wrapper });
    act(() => a.result.current.mutate(undefined));
    await waitFor(() => expect(a.result.current.error).toBeInstanceOf(PermissionDeniedError));

    const failing = proxyStandIn(() => Response.json({ detail: 'Didit answered 500.' }, { status: 500 }));
    const b = renderHook(() => useCreateSession(), { wrapper: didit(failing.fetch, { maxRetries: 2 }).wrapper });
    act(() => b.result.current.mutate(undefined));
    await waitFor(() => expect(b.result.current.error).toBeInstanceOf(ServerError));
    expect(failing.seen).toHaveLength(1);
  });

  it('checks the answer against the schema: a session without a url is a ResponseValidationError', async () => {
    const proxy = proxyStandIn(() => Response.json({ session_id: CREATED.session_id }, { status: 201 }));
    const { result } = renderHook(() => useCreateSession(), { wrapper: didit(proxy.fetch).wrapper });
    act(() => result.current.mutate(undefined));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ResponseValidationError));
  });

  it('calls onSuccess with the created session', async () => {
    const proxy = proxyStandIn(() => Response.json(CREATED, { status: 201 }));
    const seen: string[] = [];
    const { result } = renderHook(() => useCreateSession({ onSuccess: (session) => void seen.push(session.url) }), {
      wrapper: didit(proxy.fetch).wrapper,
    });
    await act(() => result.current.mutateAsync(undefined));
    expect(seen).toEqual([CREATED.url]);
  });
});

function VerifyIdentity() {
  const create = useCreateSession();
  const decision = useSessionDecision(create.data?.session_id, { pollIntervalMs: 100 });
  if (create.error) return <p>error: {create.error.code}</p>;
  if (!create.data) {
    return (
      <button type="button" disabled={create.isPending} onClick={() => create.mutate(undefined)}>
        Verify identity
      </button>
    );
  }
  return (
    <>
      <a href={create.data.url}>Continue to Didit</a>
      <p>status: {decision.data?.status ?? 'loading'}</p>
    </>
  );
}

describe('useCreateSession against @didit-kit/mock-server, through a real proxy on 127.0.0.1', () => {
  let app: LiveApp;
  beforeAll(async () => {
    app = await startLiveApp();
  });
  afterAll(() => app.close());

  function browser(user: string) {
    const client = new DiditClient({ baseUrl: `${app.origin}/api/didit`, fetch: app.browserFetch(user) });
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <Providers queryClient={queryClient} client={client as never}>
        {children}
      </Providers>
    );
    return { wrapper };
  }

  it("starts a v3 session for the signed-in user, links to Didit's page, and shows its decision", async () => {
    render(<VerifyIdentity />, { wrapper: browser('user-42').wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Verify identity' }));
    const link = await screen.findByRole('link', { name: 'Continue to Didit' });
    await screen.findByText('status: Not Started');

    const [sessionId] = [...app.owners.keys()];
    expect(app.owners.get(sessionId ?? '')).toBe('user-42');
    expect(link.getAttribute('href')).toMatch(new RegExp(`^${app.mock.url}/`));
    // What reached Didit came from prepareCreate: the signed-in user and the server's workflow.
    const server = new DiditClient({ apiKey: DEFAULT_API_KEY, baseUrl: app.mock.url, dangerouslyAllowBrowser: true });
    const decision = await server.sessions.getDecision(sessionId ?? '');
    expect(decision).toMatchObject({ vendor_data: 'user-42', workflow_id: WORKFLOW_ID });
    expect(app.received).toContain('POST /api/didit/v3/session/');

    // Another user cannot read that session's decision.
    const other = renderHook(() => snapshot(useSessionDecision(sessionId)), { wrapper: browser('user-7').wrapper });
    await waitFor(() => expect(other.result.current.error).toBeInstanceOf(PermissionDeniedError));
  });
});
