import { NotFoundError } from '@didit-kit/core';
import { FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import { act, render, renderHook, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVAL_MS, useSessionDecision, useUpdateSessionStatus } from '../src/index.ts';
import { mockDidit } from './support/mock-didit.ts';
import { advance, didit, snapshot, useFakeClock } from './support/render.tsx';

function VerificationResult({ sessionId }: { sessionId: string }) {
  const { data, error } = useSessionDecision(sessionId);
  if (error) return <p>error: {error.code}</p>;
  return <p>status: {data?.status ?? 'loading'}</p>;
}

describe('against @didit-kit/mock-server, through createDiditProxy', () => {
  beforeEach(useFakeClock);

  it('follows a session from Not Started through In Progress to Declined, then stops asking', async () => {
    const mock = mockDidit();
    const created = await mock.server.sessions.create({ callback: 'https://app.test/done', vendor_data: 'user-42' });
    const { wrapper } = didit(mock.appFetch);
    render(<VerificationResult sessionId={created.session_id} />, { wrapper });
    expect(screen.getByText('status: loading')).toBeTruthy();

    await advance(0);
    expect(screen.getByText('status: Not Started')).toBeTruthy();

    await mock.setStatus(created.session_id, 'In Progress');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(screen.getByText('status: In Progress')).toBeTruthy();

    await mock.setStatus(created.session_id, 'Declined');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(screen.getByText('status: Declined')).toBeTruthy();
    expect(mock.decisionRequests()).toHaveLength(3);

    await advance(10 * 60_000, 1000);
    expect(mock.decisionRequests()).toHaveLength(3);
  });

  it("shows the documented example's decision, fields and all", async () => {
    const mock = mockDidit();
    const { wrapper } = didit(mock.appFetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(FIXTURE_SESSION_IDS.declinedAml)), { wrapper });
    await advance(0);
    expect(result.current.data?.status).toBe('Declined');
    expect(result.current.data?.aml?.hits[0]?.caption).toBe('Kozlov Sergey Alexandrovich');
  });

  it('reports an unknown session as a NotFoundError after one request, and stops', async () => {
    const mock = mockDidit();
    const { wrapper } = didit(mock.appFetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision('00000000-0000-4000-8000-000000000000')), {
      wrapper,
    });
    await advance(5 * 60_000, 500);
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(mock.decisionRequests()).toHaveLength(1);
  });

  it('approves a session in review through the proxy and shows it at once, despite the proxy cache', async () => {
    // createDiditProxy keeps a decision for cacheMs (2 s by default); a review through it drops
    // that session's cached decision, so the refetch after the mutation sees the new status.
    const mock = mockDidit();
    const id = FIXTURE_SESSION_IDS.inReview;
    const { wrapper } = didit(mock.appFetch);
    const { result } = renderHook(
      () => ({ decision: snapshot(useSessionDecision(id)), update: useUpdateSessionStatus() }),
      { wrapper },
    );
    await advance(0);
    expect(result.current.decision.data?.status).toBe('In Review');

    act(() => result.current.update.mutate({ sessionId: id, new_status: 'Approved', comment: 'Checked by hand' }));
    await advance(0);
    expect(result.current.update.isSuccess).toBe(true);
    expect(result.current.decision.data?.status).toBe('Approved');
    expect(result.current.decision.data?.reviews.at(-1)).toMatchObject({
      new_status: 'Approved',
      comment: 'Checked by hand',
    });
    expect(mock.upstream).toContain(`PATCH /v1/session/${id}/update-status/`);
  });
});
