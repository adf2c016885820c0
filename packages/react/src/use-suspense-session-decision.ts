'use client';
import type { DiditError } from '@didit-kit/core';
import { type UseSuspenseQueryOptions, type UseSuspenseQueryResult, useSuspenseQuery } from '@tanstack/react-query';
import { useDiditContext } from './provider.tsx';
import type { SessionDecisionQueryKey } from './query-keys.ts';
import type { RegisteredDecision as SessionDecision } from './register.ts';
import {
  type SessionDecisionOptions,
  type SuspenseSessionDecisionOptions,
  sessionDecisionQueryOptions,
} from './session-decision-query-options.ts';

/** `useSessionDecision` for `<Suspense>`: suspends until the first decision, errors go to an error boundary. */
export function useSuspenseSessionDecision(
  sessionId: string,
  options: SuspenseSessionDecisionOptions = {},
): UseSuspenseQueryResult<SessionDecision, DiditError> {
  const { client, keyScope } = useDiditContext();
  // The same query: with an id its query function is never skipToken, and these options are a
  // subset of the plain ones.
  const query = sessionDecisionQueryOptions(client, sessionId, {
    ...options,
    keyScope: options.keyScope ?? keyScope,
  } as SessionDecisionOptions);
  return useSuspenseQuery(
    query as UseSuspenseQueryOptions<SessionDecision, DiditError, SessionDecision, SessionDecisionQueryKey>,
  );
}
