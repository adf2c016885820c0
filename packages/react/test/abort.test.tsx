import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSessionDecision } from '../src/index.ts';
import { FakeDidit, SESSION_A, SESSION_B } from './support/fake-didit.ts';
import { advance, didit, snapshot, useFakeClock } from './support/render.tsx';

describe('useSessionDecision aborts what it no longer needs', () => {
  beforeEach(useFakeClock);

  it('aborts the request in flight when the component unmounts', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave('hang');
    const { wrapper } = didit(fake.fetch);
    const { unmount } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    const [inFlight] = fake.decisionRequests();
    expect(inFlight?.signal.aborted).toBe(false);

    unmount();
    await advance(0);
    expect(inFlight?.signal.aborted).toBe(true);
  });

  it('aborts the request for the old id when the id changes, and asks for the new one', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress', [SESSION_B]: 'Approved' });
    fake.behave('hang');
    const { wrapper } = didit(fake.fetch);
    const { result, rerender } = renderHook(({ id }) => snapshot(useSessionDecision(id)), {
      wrapper,
      initialProps: { id: SESSION_A },
    });
    await advance(0);
    const [first] = fake.decisionRequests(SESSION_A);
    expect(first?.signal.aborted).toBe(false);

    fake.behave('normal');
    rerender({ id: SESSION_B });
    await advance(0);
    expect(first?.signal.aborted).toBe(true);
    expect(fake.decisionRequests(SESSION_B)).toHaveLength(1);
    expect(result.current.data?.status).toBe('Approved');
    expect(result.current.data?.session_id).toBe(SESSION_B);
  });

  it("cancels the client's pending retries on unmount", async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 503 });
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { unmount } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(fake.decisionRequests()).toHaveLength(1);

    // The client is now waiting (backoff) before its first retry.
    unmount();
    await advance(60_000, 500);
    expect(fake.decisionRequests()).toHaveLength(1);
  });
});
