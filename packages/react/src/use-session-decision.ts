'use client';
import { type DiditError, isSessionId, isTerminalStatus, sessionDecisionSchema, v1 } from '@didit-kit/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDiditContext } from './provider.tsx';
import type { RegisteredDecision as SessionDecision } from './register.ts';
import { type SessionDecisionOptions, sessionDecisionQueryOptions } from './session-decision-query-options.ts';
import { useDecisionStreamLive } from './use-decision-stream-live.ts';

/** Options of `useSessionDecision`: `SessionDecisionOptions`, whose `realtime` only this hook reads. */
export type UseSessionDecisionOptions = SessionDecisionOptions;

/** A streamed decision is checked with the schema of the client's generation, as a fetched one is. */
const decisionSchemas = { v1: v1.sessionDecisionSchema, v3: sessionDecisionSchema };

/**
 * A session's decision, polled until its status is final (slower while `In Review`; after a
 * transient error with backoff, never after one that would recur), or pushed by the proxy's event
 * stream where it offers one. With `sessionId` undefined nothing is fetched.
 */
export function useSessionDecision(
  sessionId: string | undefined,
  options: UseSessionDecisionOptions = {},
): UseQueryResult<SessionDecision, DiditError> {
  const { client, keyScope, streams } = useDiditContext();
  const query = sessionDecisionQueryOptions(client, sessionId, { ...options, keyScope: options.keyScope ?? keyScope });
  // The registry's state, read as TanStack reads its observer: a change re-renders, and the new
  // options make the observer evaluate refetchInterval again (polling pauses or resumes).
  const live = useDecisionStreamLive(sessionId, options);
  const result = useQuery({ ...query, refetchInterval: !live && query.refetchInterval });
  // The stream to follow, if any: from the generation's table, the id checked (an id that is not a
  // UUID opens none), while the decision is not final.
  const url =
    options.realtime !== 'poll' &&
    typeof EventSource !== 'undefined' &&
    !isTerminalStatus(result.data?.status) &&
    isSessionId(sessionId) &&
    client.url(client.endpoints.events, { sessionId });
  // The key's content is its scope and the id, which the URL holds (with the generation).
  const scope = query.queryKey[1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: `url` and `scope` stand for the query key and the client
  useEffect(() => {
    if (!url) return;
    return streams.follow(url, query.queryKey, decisionSchemas[client.apiVersion]);
  }, [url, streams, scope]);
  return result;
}
