import { DiditClient, InvalidArgumentError, type SessionDecision } from '@didit-kit/core/v1';
import { QueryClient, skipToken } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { diditQueryKeys, sessionDecisionQueryOptions, useDiditClient, useSessionDecision } from '../src/index.ts';
import { FakeDidit, SESSION_A } from './support/fake-didit.ts';
import {
  APP_PROXY,
  advance,
  didit,
  Providers,
  silenceRenderErrors,
  snapshot,
  useFakeClock,
} from './support/render.tsx';

const client = new DiditClient({ baseUrl: 'https://verification.didit.me' });

describe('diditQueryKeys', () => {
  it('has a documented, hierarchical shape that includes the base URL', () => {
    expect(diditQueryKeys.all).toEqual(['didit']);
    expect(diditQueryKeys.scope(client)).toEqual(['didit', 'https://verification.didit.me']);
    expect(diditQueryKeys.session(client, SESSION_A)).toEqual([
      'didit',
      'https://verification.didit.me',
      'session',
      SESSION_A,
    ]);
    expect(diditQueryKeys.decision(client, SESSION_A)).toEqual([
      'didit',
      'https://verification.didit.me',
      'session',
      SESSION_A,
      'decision',
    ]);
    expect(diditQueryKeys.updateStatus('staging')).toEqual(['didit', 'staging', 'update-status']);
  });
});

describe('sessionDecisionQueryOptions', () => {
  it('keys the query by base URL and session id, or by keyScope when given', () => {
    expect(sessionDecisionQueryOptions(client, SESSION_A).queryKey).toEqual(diditQueryKeys.decision(client, SESSION_A));
    expect(sessionDecisionQueryOptions(client, SESSION_A, { keyScope: 'prod' }).queryKey).toEqual(
      diditQueryKeys.decision('prod', SESSION_A),
    );
  });

  it('uses skipToken when there is no session id', () => {
    expect(sessionDecisionQueryOptions(client, undefined).queryFn).toBe(skipToken);
    expect(sessionDecisionQueryOptions(client, SESSION_A).queryFn).toBeTypeOf('function');
  });

  it('does not retry by default (the client retries), and polls by a rule', () => {
    const options = sessionDecisionQueryOptions(client, SESSION_A);
    expect(options.retry).toBe(false);
    expect(options.refetchInterval).toBeTypeOf('function');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a poll interval of %s', (bad) => {
    expect(() => sessionDecisionQueryOptions(client, SESSION_A, { pollIntervalMs: bad })).toThrow(InvalidArgumentError);
    expect(() => sessionDecisionQueryOptions(client, SESSION_A, { reviewPollIntervalMs: bad })).toThrow(
      /reviewPollIntervalMs must be a number of milliseconds > 0, or false/,
    );
  });

  it('works with prefetchQuery and types getQueryData', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'Approved' });
    const proxied = new DiditClient({ baseUrl: APP_PROXY, fetch: fake.fetch });
    const queryClient = new QueryClient();
    const options = sessionDecisionQueryOptions(proxied, SESSION_A);
    await queryClient.prefetchQuery(options);
    const cached = queryClient.getQueryData(options.queryKey);
    expectTypeOf(cached).toEqualTypeOf<SessionDecision | undefined>();
    expect(cached?.status).toBe('Approved');
    expect(fake.decisionRequests()).toHaveLength(1);
  });
});

describe('cache separation between clients', () => {
  beforeEach(useFakeClock);

  it('gives clients with different base URLs different cache entries', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { queryClient, wrapper } = didit(fake.fetch, { baseUrl: 'http://staging.test/api/didit' });
    const production = new DiditClient({ baseUrl: 'http://production.test/api/didit', fetch: fake.fetch });
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), {
      wrapper: ({ children }) => (
        <Providers queryClient={queryClient} client={production}>
          {children}
        </Providers>
      ),
    });
    await advance(0);
    expect(fake.decisionRequests()).toHaveLength(2);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(2);
  });

  it('lets two clients share an entry through the same keyScope', async () => {
    const fake = new FakeDidit({ [SESSION_A]: 'In Progress' });
    const { queryClient, wrapper } = didit(fake.fetch, { baseUrl: 'http://one.test/api/didit', keyScope: 'prod' });
    const other = new DiditClient({ baseUrl: 'http://two.test/api/didit', fetch: fake.fetch });
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), { wrapper });
    renderHook(() => snapshot(useSessionDecision(SESSION_A)), {
      wrapper: ({ children }) => (
        <Providers queryClient={queryClient} client={other} keyScope="prod">
          {children}
        </Providers>
      ),
    });
    await advance(0);
    expect(fake.decisionRequests()).toHaveLength(1);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(1);
  });
});

describe('DiditProvider and useDiditClient', () => {
  it("returns the provider's client", () => {
    const { wrapper, client: provided } = didit(new FakeDidit().fetch);
    const { result } = renderHook(() => useDiditClient(), { wrapper });
    expect(result.current).toBe(provided);
  });

  it('explains what is missing when there is no provider', () => {
    silenceRenderErrors();
    expect(() => renderHook(() => useDiditClient())).toThrow(/wrap the component in <DiditProvider client=/);
  });
});
