import { DiditError, NotFoundError } from '@didit-kit/core';
import { render, screen } from '@testing-library/react';
import { Component, type ReactNode, Suspense } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVAL_MS, useSuspenseSessionDecision } from '../src/index.ts';
import { FakeDidit, SESSION_A } from './support/fake-didit.ts';
import { advance, didit, silenceRenderErrors, useFakeClock } from './support/render.tsx';

class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: undefined as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return <p>caught: {error instanceof DiditError ? `${error.name} ${error.status}` : String(error)}</p>;
  }
}

function Status() {
  const { data } = useSuspenseSessionDecision(SESSION_A);
  // `data` is always defined in a suspense query.
  return <p>status: {data.status}</p>;
}

function App() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<p>loading</p>}>
        <Status />
      </Suspense>
    </ErrorBoundary>
  );
}

describe('useSuspenseSessionDecision', () => {
  beforeEach(useFakeClock);

  it('suspends until the first decision, then polls like useSessionDecision', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { wrapper } = didit(fake.fetch);
    render(<App />, { wrapper });
    expect(screen.getByText('loading')).toBeTruthy();

    await advance(0);
    expect(screen.getByText('status: In Progress')).toBeTruthy();

    fake.setStatus(SESSION_A, 'Approved');
    await advance(DEFAULT_POLL_INTERVAL_MS);
    expect(screen.getByText('status: Approved')).toBeTruthy();
    await advance(10 * DEFAULT_POLL_INTERVAL_MS, 1000);
    expect(fake.decisionRequests()).toHaveLength(2);
  });

  it('hands an error to the nearest error boundary, after a single request', async () => {
    silenceRenderErrors();
    const fake = new FakeDidit({});
    const { wrapper, queryClient } = didit(fake.fetch, { maxRetries: 2 });
    render(<App />, { wrapper });
    await advance(60_000, 500);
    expect(screen.getByText(`caught: NotFoundError 404`)).toBeTruthy();
    expect(fake.decisionRequests()).toHaveLength(1);
    const error = queryClient.getQueryCache().getAll()[0]?.state.error;
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
