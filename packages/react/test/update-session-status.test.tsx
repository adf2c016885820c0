import { NotFoundError } from '@didit-kit/core';
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { diditQueryKeys, useSessionDecision, useUpdateSessionStatus } from '../src/index.ts';
import { FakeDidit, SESSION_A, SESSION_B } from './support/fake-didit.ts';
import { advance, didit, snapshot, useFakeClock } from './support/render.tsx';

describe('useUpdateSessionStatus', () => {
  beforeEach(useFakeClock);

  it("sends the review, then refetches that session's decision before it settles", async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Review', [SESSION_B]: 'In Review' });
    const { wrapper } = didit(fake.fetch);
    const decisionRequestsWhenCallerNotified: number[] = [];
    const { result } = renderHook(
      () => ({
        a: snapshot(useSessionDecision(SESSION_A)),
        b: snapshot(useSessionDecision(SESSION_B)),
        update: useUpdateSessionStatus({
          onSuccess: () => {
            decisionRequestsWhenCallerNotified.push(fake.decisionRequests(SESSION_A).length);
          },
        }),
      }),
      { wrapper },
    );
    await advance(0);
    expect(result.current.a.data?.status).toBe('In Review');

    act(() => result.current.update.mutate({ sessionId: SESSION_A, new_status: 'Approved', comment: 'Looks fine' }));
    await advance(0);

    expect(result.current.update.isSuccess).toBe(true);
    expect(result.current.update.data).toEqual({ session_id: SESSION_A });
    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe(`/api/didit/v1/session/${SESSION_A}/update-status/`);
    // Shown at once, not at the next (slow, In Review) poll.
    expect(result.current.a.data?.status).toBe('Approved');
    expect(result.current.a.data?.reviews).toEqual([
      expect.objectContaining({ new_status: 'Approved', comment: 'Looks fine' }),
    ]);
    expect(decisionRequestsWhenCallerNotified).toEqual([2]);
    // The other session was left alone.
    expect(fake.decisionRequests(SESSION_B)).toHaveLength(1);
    expect(result.current.b.data?.status).toBe('In Review');
  });

  it('reports a failure as a DiditError and refetches nothing', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Review' });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => useUpdateSessionStatus(), { wrapper });
    act(() => result.current.mutate({ sessionId: SESSION_B, new_status: 'Declined' }));
    await advance(0);
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(fake.decisionRequests()).toHaveLength(0);
  });

  it('uses the update-status mutation key', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Review' });
    const { wrapper, queryClient, client } = didit(fake.fetch);
    const { result } = renderHook(() => useUpdateSessionStatus(), { wrapper });
    act(() => result.current.mutate({ sessionId: SESSION_A, new_status: 'Approved' }));
    expect(queryClient.isMutating({ mutationKey: diditQueryKeys.updateStatus(client) })).toBe(1);
    await advance(0);
    expect(queryClient.isMutating()).toBe(0);
  });
});
