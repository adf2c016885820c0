'use client';
import {
  type ApiVersion,
  type DiditError,
  isSessionId,
  isTerminalStatus,
  sessionDecisionSchema,
  v1,
} from '@didit-kit/core';
import { type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isStreamHealthy, subscribeDecisionStream } from './decision-stream.ts';
import { useDiditContext } from './provider.tsx';
import type { RegisteredDecision as SessionDecision } from './register.ts';
import { type SessionDecisionOptions, sessionDecisionQueryOptions } from './session-decision-query-options.ts';

/** Options of `useSessionDecision`: the query's, and how updates arrive. */
export type UseSessionDecisionOptions = SessionDecisionOptions & {
  /**
   * `'auto'` (default): follow the proxy's event stream (`createDiditProxy` with `'events'`) where the
   * browser has `EventSource`, and poll only while there is none (missing, refused, dropping: tried
   * again a minute later; reconnecting after a drop). `'poll'`: never open a stream. To never
   * poll, pass `pollIntervalMs: false`.
   */
  realtime?: 'auto' | 'poll' | undefined;
};

/**
 * A session's decision, polled until its status is final (slower while `In Review`; after a
 * transient error with backoff, never after one that would recur), or pushed by the proxy's event
 * stream where it offers one. With `sessionId` undefined nothing is fetched.
 */
export function useSessionDecision(
  sessionId: string | undefined,
  options: UseSessionDecisionOptions = {},
): UseQueryResult<SessionDecision, DiditError> {
  const { client, keyScope } = useDiditContext();
  const queryClient = useQueryClient();
  const { realtime, ...rest } = options;
  const query = sessionDecisionQueryOptions(client, sessionId, { ...rest, keyScope: rest.keyScope ?? keyScope });
  const id = JSON.stringify(query.queryKey);
  const poll = query.refetchInterval;
  const result = useQuery({
    ...query,
    refetchInterval: (q) => !isStreamHealthy(queryClient, id) && (poll instanceof Function ? poll(q) : poll),
  });
  const version = client.apiVersion as ApiVersion;
  // From the generation's table, the id checked: an id that is not a UUID opens no stream.
  const url = sessionId && isSessionId(sessionId) ? client.url(client.endpoints.events, { sessionId }) : '';
  const open =
    realtime !== 'poll' && url !== '' && typeof EventSource !== 'undefined' && !isTerminalStatus(result.data?.status);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `id` stands for the query key's content
  useEffect(() => {
    if (!open) return;
    const schema = version === 'v1' ? v1.sessionDecisionSchema : sessionDecisionSchema;
    return subscribeDecisionStream(queryClient, url, query.queryKey, id, schema);
  }, [open, queryClient, url, id, version]);
  return result;
}
