'use client';
import type { DiditError } from '@didit-kit/core';
import { type UseSuspenseQueryResult, useSuspenseQuery } from '@tanstack/react-query';
import { useDiditContext } from './provider.tsx';
import type { RegisteredDecision as SessionDecision } from './register.ts';
import {
  type SuspenseSessionDecisionOptions,
  suspenseSessionDecisionQueryOptions,
} from './session-decision-query-options.ts';

/** `useSessionDecision` for `<Suspense>`: suspends until the first decision, errors go to an error boundary. */
export function useSuspenseSessionDecision(
  sessionId: string,
  options: SuspenseSessionDecisionOptions = {},
): UseSuspenseQueryResult<SessionDecision, DiditError> {
  const { client, keyScope } = useDiditContext();
  return useSuspenseQuery(
    suspenseSessionDecisionQueryOptions(client, sessionId, { ...options, keyScope: options.keyScope ?? keyScope }),
  );
}
