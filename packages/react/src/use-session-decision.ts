'use client';
import type { DiditError } from '@didit-kit/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useDiditContext } from './provider.tsx';
import type { RegisteredDecision as SessionDecision } from './register.ts';
import { type SessionDecisionOptions, sessionDecisionQueryOptions } from './session-decision-query-options.ts';

/**
 * A session's decision, polled until its status is final (slower while `In Review`, never after an
 * error). With `sessionId` undefined nothing is fetched.
 */
export function useSessionDecision(
  sessionId: string | undefined,
  options: SessionDecisionOptions = {},
): UseQueryResult<SessionDecision, DiditError> {
  const { client, keyScope } = useDiditContext();
  return useQuery(
    sessionDecisionQueryOptions(client, sessionId, { ...options, keyScope: options.keyScope ?? keyScope }),
  );
}
