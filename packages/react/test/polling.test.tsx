import {
  AuthenticationError,
  ConfigurationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '@didit-kit/core';
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_REVIEW_POLL_INTERVAL_MS,
  MAX_ERROR_POLL_INTERVAL_MS,
  useSessionDecision,
} from '../src/index.ts';
import { FakeDidit, SESSION_A } from './support/fake-didit.ts';
import { advance, didit, snapshot, useFakeClock } from './support/render.tsx';

const MINUTE = 60_000;

describe('useSessionDecision polling', () => {
  beforeEach(useFakeClock);

  it('polls every pollIntervalMs until a terminal status, then sends nothing more', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'Not Started' });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });

    await advance(0);
    expect(result.current.data?.status).toBe('Not Started');
    expect(fake.decisionRequests()).toHaveLength(1);

    fake.setStatus(SESSION_A, 'In Progress');
    await advance(DEFAULT_POLL_INTERVAL_MS - 100);
    expect(fake.decisionRequests()).toHaveLength(1);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(2);
    expect(result.current.data?.status).toBe('In Progress');

    fake.setStatus(SESSION_A, 'Declined');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(3);
    expect(result.current.data?.status).toBe('Declined');

    await advance(10 * MINUTE, 1000);
    expect(fake.decisionRequests()).toHaveLength(3);
  });

  it.each(['Approved', 'Expired', 'Abandoned', 'Kyc Expired'])('stops polling on %s', async (terminal) => {
    const fake = new FakeDidit({ [SESSION_A]: terminal });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(5 * MINUTE, 1000);
    expect(result.current.data?.status).toBe(terminal);
    expect(fake.decisionRequests()).toHaveLength(1);
  });

  it('keeps polling after a transient error, twice as long after each failure in a row, normally after a success', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(result.current.data?.status).toBe('In Progress');

    fake.behave({ status: 500 });
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(2);
    expect(result.current.error).toBeInstanceOf(ServerError);
    // The last good decision stays available next to the error.
    expect(result.current.data?.status).toBe('In Progress');

    await advance(2 * DEFAULT_POLL_INTERVAL_MS - 100);
    expect(fake.decisionRequests()).toHaveLength(2);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(3);

    fake.behave('normal');
    fake.setStatus(SESSION_A, 'Approved');
    await advance(4 * DEFAULT_POLL_INTERVAL_MS - 100);
    expect(fake.decisionRequests()).toHaveLength(3);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(4);
    expect(result.current.error).toBeNull();
    expect(result.current.data?.status).toBe('Approved');
  });

  it('goes back to the normal interval after a success', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 503 });
    const { wrapper } = didit(fake.fetch);
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    await advance(2 * DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(2);

    fake.behave('normal');
    await advance(4 * DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(3);
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(4);
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(5);
  });

  it('caps the wait between failing polls at MAX_ERROR_POLL_INTERVAL_MS', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 502 });
    const { wrapper } = didit(fake.fetch);
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    // 20 s, 40 s, 80 s, 160 s, then 300 s each: requests at 0, 20, 60, 140, 300, 600, 900 s.
    await advance(15 * MINUTE - 100, 1000);
    expect(fake.decisionRequests()).toHaveLength(6);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(7);
    expect(MAX_ERROR_POLL_INTERVAL_MS).toBe(5 * MINUTE);
  });

  it("waits for a 429's Retry-After when it is longer than the backoff", async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 429, headers: { 'retry-after': '120' } });
    // maxRetries 0: the client does not wait it out itself.
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(result.current.error).toBeInstanceOf(RateLimitError);
    await advance(2 * MINUTE - 100, 1000);
    expect(fake.decisionRequests()).toHaveLength(1);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(2);
  });

  it.each([
    ['a 404', 404, {}, NotFoundError],
    ['a 401', 401, {}, AuthenticationError],
    ['a 403', 403, {}, PermissionDeniedError],
    [
      "the proxy's 502 for refused credentials",
      502,
      { detail: 'The server could not authenticate with Didit.', code: 'didit_credentials_refused' },
      ConfigurationError,
    ],
    [
      "the proxy's 500 for missing credentials",
      500,
      { detail: 'The verification service is not configured.', code: 'didit_not_configured' },
      ConfigurationError,
    ],
  ])('stops polling after %s, after one request', async (_name, status, body, type) => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    fake.behave({ status, body });
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(result.current.error).toBeInstanceOf(type);
    expect(fake.decisionRequests()).toHaveLength(2);

    fake.behave('normal');
    await advance(30 * MINUTE, 1000);
    expect(fake.decisionRequests()).toHaveLength(2);
  });

  it('resumes polling when a refetch succeeds after an error that stopped it', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 403 });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(MINUTE, 1000);
    expect(fake.decisionRequests()).toHaveLength(1);

    fake.behave('normal');
    await advance(0);
    await result.current.refetch();
    await advance(0);
    expect(result.current.data?.status).toBe('In Progress');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(3);
  });

  it('polls every reviewPollIntervalMs while In Review, and at the normal pace again after it', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Review' });
    const { wrapper } = didit(fake.fetch);
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(fake.decisionRequests()).toHaveLength(1);

    await advance(DEFAULT_REVIEW_POLL_INTERVAL_MS - 100, 500);
    expect(fake.decisionRequests()).toHaveLength(1);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(2);

    fake.setStatus(SESSION_A, 'Some Future Status');
    await advance(DEFAULT_REVIEW_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(3);
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(4);
  });

  it('takes custom intervals', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch);
    renderHook(() => snapshot(useSessionDecision(SESSION_A, { pollIntervalMs: 2_000, reviewPollIntervalMs: 7_000 })), {
      wrapper,
    });
    await advance(6_000);
    expect(fake.decisionRequests()).toHaveLength(4);

    fake.setStatus(SESSION_A, 'In Review');
    await advance(2_000);
    expect(fake.decisionRequests()).toHaveLength(5);
    await advance(6_900);
    expect(fake.decisionRequests()).toHaveLength(5);
    await advance(100);
    expect(fake.decisionRequests()).toHaveLength(6);
  });

  it('does not poll with pollIntervalMs: false (and not in review either, unless asked)', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A, { pollIntervalMs: false })), {
      wrapper,
    });
    await advance(5 * MINUTE, 1000);
    expect(result.current.data?.status).toBe('In Progress');
    expect(fake.decisionRequests()).toHaveLength(1);
  });

  it('stops polling in review with reviewPollIntervalMs: false', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Review' });
    const { wrapper } = didit(fake.fetch);
    renderHook(() => snapshot(useSessionDecision(SESSION_A, { reviewPollIntervalMs: false })), { wrapper });
    await advance(5 * MINUTE, 1000);
    expect(fake.decisionRequests()).toHaveLength(1);
  });

  it('renders a status string it does not know, and keeps polling', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'Pending Liveness Recheck' });
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(result.current.error).toBeNull();
    expect(result.current.data?.status).toBe('Pending Liveness Recheck');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(fake.decisionRequests()).toHaveLength(2);
  });

  it('sends no request while the session id is undefined, and fetches once it is known', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch);
    const { result, rerender } = renderHook(({ id }: { id: string | undefined }) => snapshot(useSessionDecision(id)), {
      wrapper,
      initialProps: { id: undefined as string | undefined },
    });
    await advance(5 * MINUTE, 1000);
    expect(fake.requests).toHaveLength(0);
    expect(result.current.status).toBe('pending');
    expect(result.current.fetchStatus).toBe('idle');

    rerender({ id: SESSION_A });
    await advance(0);
    expect(fake.decisionRequests()).toHaveLength(1);
    expect(result.current.data?.status).toBe('In Progress');
  });

  it('reports a missing session as a NotFoundError', async () => {
    const fake = new FakeDidit({});
    const { wrapper } = didit(fake.fetch);
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.error?.status).toBe(404);
  });
});
