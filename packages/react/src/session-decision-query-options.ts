import type { DiditError } from '@didit-kit/core';
import { queryOptions, skipToken, type UseQueryOptions, type UseSuspenseQueryOptions } from '@tanstack/react-query';
import { decisionRefetchInterval, type SessionDecisionPollingOptions } from './polling.ts';
import { diditQueryKeys, type SessionDecisionQueryKey } from './query-keys.ts';
import { type DecisionRetry, decisionRetry } from './query-retry.ts';
import type { RegisteredClient, RegisteredDecision as SessionDecision } from './register.ts';

interface KeyScopeOption {
  /** Replaces `client.baseUrl` in the query key: the same string on two clients that must share a cache. */
  keyScope?: string | undefined;
}

/** Options of `useSessionDecision` and `sessionDecisionQueryOptions`. */
export type SessionDecisionOptions = SessionDecisionPollingOptions &
  KeyScopeOption & {
    /**
     * `useSessionDecision` only. `'auto'` (default): follow the proxy's event stream
     * (`createDiditProxy` with `'events'`) where the browser has `EventSource`, and poll only while
     * there is none (missing, refused, dropping: tried again a minute later; reconnecting after a
     * drop). `'poll'`: never open a stream. To never poll, pass `pollIntervalMs: false`.
     */
    realtime?: 'auto' | 'poll' | undefined;
  } & Omit<
    UseQueryOptions<SessionDecision, DiditError, SessionDecision, SessionDecisionQueryKey>,
    'queryKey' | 'queryFn' | 'select' | 'retry'
  > & { retry?: DecisionRetry | undefined };

/** Options of `useSuspenseSessionDecision`. */
export type SuspenseSessionDecisionOptions = SessionDecisionPollingOptions &
  KeyScopeOption &
  Omit<
    UseSuspenseQueryOptions<SessionDecision, DiditError, SessionDecision, SessionDecisionQueryKey>,
    'queryKey' | 'queryFn' | 'select' | 'retry'
  > & { retry?: DecisionRetry | undefined };

/**
 * What `sessionDecisionQueryOptions` returns: TanStack's `queryOptions()` result, whose `queryKey`
 * carries the `SessionDecision` type (for `getQueryData`). Spelled through `queryOptions` itself so
 * it follows the installed TanStack version.
 */
export type SessionDecisionQuery = ReturnType<
  typeof queryOptions<SessionDecision, DiditError, SessionDecision, SessionDecisionQueryKey>
>;

/**
 * The session-decision query as a TanStack `queryOptions()` object: for `useQuery`, `prefetchQuery`,
 * `useQueries`, `getQueryData`, or a server that renders before the browser. With no `sessionId`,
 * the query function is `skipToken` and nothing is fetched.
 */
export function sessionDecisionQueryOptions(
  client: RegisteredClient,
  sessionId: string | undefined,
  options: SessionDecisionOptions = {},
): SessionDecisionQuery {
  const { pollIntervalMs, reviewPollIntervalMs, keyScope, retry, refetchInterval, realtime, ...query } = options;
  // Built (and validated) even when the caller brings its own refetchInterval.
  const polling = decisionRefetchInterval(options);
  return queryOptions({
    ...query,
    queryKey: diditQueryKeys.decision(keyScope ?? client, sessionId),
    // TanStack's signal reaches the client: an unmount or a new id aborts the request in flight.
    queryFn: sessionId === undefined ? skipToken : ({ signal }) => client.sessions.getDecision(sessionId, { signal }),
    refetchInterval: refetchInterval ?? polling,
    retry: decisionRetry(retry),
  });
}
