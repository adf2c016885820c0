import type { DiditError } from '@didit-kit/core';
import { queryOptions, skipToken, type UseQueryOptions, type UseSuspenseQueryOptions } from '@tanstack/react-query';
import { decisionRefetchInterval, type SessionDecisionPollingOptions } from './polling.ts';
import { type DiditKeyScope, diditQueryKeys, type SessionDecisionQueryKey } from './query-keys.ts';
import { type DecisionRetry, decisionRetry } from './query-retry.ts';
import type { RegisteredClient, RegisteredDecision as SessionDecision } from './register.ts';

interface KeyScopeOption {
  /** Replaces `client.baseUrl` in the query key: the same string on two clients that must share a cache. */
  keyScope?: string | undefined;
}

/** Options of `useSessionDecision` and `sessionDecisionQueryOptions`. */
export type SessionDecisionOptions = SessionDecisionPollingOptions &
  KeyScopeOption &
  Omit<
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

/** What both the plain and the suspense query are made of. */
function decisionQueryParts(
  client: RegisteredClient,
  sessionId: string | undefined,
  options: SessionDecisionPollingOptions & KeyScopeOption & { retry?: DecisionRetry | undefined },
) {
  const scope: DiditKeyScope = options.keyScope ?? client;
  return {
    queryKey: diditQueryKeys.decision(scope, sessionId),
    // Built (and validated) even when the caller brings its own refetchInterval.
    refetchInterval: decisionRefetchInterval(options),
    retry: decisionRetry(options.retry),
    // TanStack's signal reaches the client: an unmount or a new id aborts the request in flight.
    fetchDecision:
      (id: string) =>
      ({ signal }: { signal: AbortSignal }): Promise<SessionDecision> =>
        client.sessions.getDecision(id, { signal }) as Promise<SessionDecision>,
  };
}

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
  const { pollIntervalMs, reviewPollIntervalMs, keyScope, retry, refetchInterval, ...query } = options;
  const parts = decisionQueryParts(client, sessionId, { pollIntervalMs, reviewPollIntervalMs, keyScope, retry });
  return queryOptions({
    ...query,
    queryKey: parts.queryKey,
    queryFn: sessionId === undefined ? skipToken : parts.fetchDecision(sessionId),
    refetchInterval: refetchInterval ?? parts.refetchInterval,
    retry: parts.retry,
  });
}

/** The same query for `useSuspenseQuery`, which needs an id (a suspense query cannot be skipped). */
export function suspenseSessionDecisionQueryOptions(
  client: RegisteredClient,
  sessionId: string,
  options: SuspenseSessionDecisionOptions = {},
): UseSuspenseQueryOptions<SessionDecision, DiditError, SessionDecision, SessionDecisionQueryKey> {
  const { pollIntervalMs, reviewPollIntervalMs, keyScope, retry, refetchInterval, ...query } = options;
  const parts = decisionQueryParts(client, sessionId, { pollIntervalMs, reviewPollIntervalMs, keyScope, retry });
  return {
    ...query,
    queryKey: parts.queryKey,
    queryFn: parts.fetchDecision(sessionId),
    refetchInterval: refetchInterval ?? parts.refetchInterval,
    retry: parts.retry,
  };
}
