import { InvalidArgumentError, NotFoundError, ResponseValidationError, ServerError } from '@didit-kit/core';
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVAL_MS, useSessionDecision } from '../src/index.ts';
import { FakeDidit, SESSION_A } from './support/fake-didit.ts';
import { advance, didit, snapshot, useFakeClock } from './support/render.tsx';

const MINUTE = 60_000;

describe('query retries, coordinated with the client', () => {
  beforeEach(useFakeClock);

  it.each([400, 401, 403, 404, 422])('never retries a %i, even when the caller asks for retries', async (status) => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status });
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A, { retry: 3 })), { wrapper });
    await advance(MINUTE, 250);
    expect(fake.decisionRequests()).toHaveLength(1);
    expect(result.current.error?.status).toBe(status);
  });

  it('sends one request for a 404 by default and reports a NotFoundError', async () => {
    const fake = new FakeDidit({});
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(MINUTE, 250);
    expect(fake.decisionRequests()).toHaveLength(1);
    expect(result.current.error).toBeInstanceOf(NotFoundError);
  });

  it('sends nothing for an id that is not a UUID, and reports an InvalidArgumentError', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision('../../admin', { retry: 3 })), { wrapper });
    await advance(MINUTE, 250);
    expect(fake.requests).toHaveLength(0);
    expect(result.current.error).toBeInstanceOf(InvalidArgumentError);
  });

  it('never retries a response that fails validation', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 200, body: { session_id: 42 } });
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A, { retry: 3 })), { wrapper });
    await advance(MINUTE, 250);
    expect(fake.decisionRequests()).toHaveLength(1);
    expect(result.current.error).toBeInstanceOf(ResponseValidationError);
  });

  it.each([0, 1, 2, 4])(
    'makes at most maxRetries + 1 requests for a failing first fetch (maxRetries %i)',
    async (maxRetries) => {
      const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
      fake.behave({ status: 503 });
      const { wrapper } = didit(fake.fetch, { maxRetries });
      const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
      // The client's backoff (0.5 + 1 + 2 + 4 s at most) is over before the next poll (20 s later).
      await advance(DEFAULT_POLL_INTERVAL_MS, 250);
      expect(fake.decisionRequests()).toHaveLength(maxRetries + 1);
      expect(result.current.error).toBeInstanceOf(ServerError);
    },
  );

  it('makes at most maxRetries + 1 requests for one failing poll, and the next poll waits twice as long', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch, { maxRetries: 2 });
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    await advance(0);
    expect(fake.decisionRequests()).toHaveLength(1);

    fake.behave({ status: 502 });
    await advance(DEFAULT_POLL_INTERVAL_MS + 15_000, 250);
    expect(fake.decisionRequests()).toHaveLength(1 + 3);
    expect(result.current.error).toBeInstanceOf(ServerError);
    await advance(2 * DEFAULT_POLL_INTERVAL_MS, 250);
    expect(fake.decisionRequests()).toHaveLength(1 + 3 + 3);
  });

  it('honours a caller-supplied retry for errors worth retrying', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    fake.behave({ status: 503 });
    const { wrapper } = didit(fake.fetch, { maxRetries: 0 });
    const { result } = renderHook(() => snapshot(useSessionDecision(SESSION_A, { retry: 1, retryDelay: 1_000 })), {
      wrapper,
    });
    await advance(DEFAULT_POLL_INTERVAL_MS, 250);
    expect(fake.decisionRequests()).toHaveLength(2);
    expect(result.current.error).toBeInstanceOf(ServerError);
  });
});
