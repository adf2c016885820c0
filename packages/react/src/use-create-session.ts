'use client';
import type { DiditError } from '@didit-kit/core';
import { type UseMutationOptions, type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useDiditContext } from './provider.tsx';
import { diditQueryKeys } from './query-keys.ts';
import type { RegisteredCreatedSession as CreatedSession, RegisteredCreateSessionRequest } from './register.ts';

/**
 * What `mutate` may take: sent as the body, but `createDiditProxy` never reads it (its
 * `prepareCreate` builds the session from the signed-in user), so `mutate()` is enough.
 */
export type CreateSessionVariables = Partial<RegisteredCreateSessionRequest> | undefined;

/** TanStack's `useMutation` options, but `mutationFn`; the mutation key is `diditQueryKeys.createSession(scope)`. */
export type UseCreateSessionOptions = Omit<
  UseMutationOptions<CreatedSession, DiditError, CreateSessionVariables>,
  'mutationFn'
>;

/**
 * Starts a verification: `POST {baseUrl}/{v3|v1}/session/` through your proxy route
 * (`createDiditProxy` with `allow: ['create']`). On success, `data.url` is the hosted page to
 * send the user to (or to embed) and `data.session_id` the id for `useSessionDecision`. Not
 * repeated on failure unless Didit provably did not process it: a repeated create makes a second session.
 */
export function useCreateSession(
  options: UseCreateSessionOptions = {},
): UseMutationResult<CreatedSession, DiditError, CreateSessionVariables> {
  const { client, keyScope } = useDiditContext();
  return useMutation({
    mutationKey: diditQueryKeys.createSession(keyScope ?? client),
    ...options,
    // The table's entry (method, path, retry safety, the reader with the generation's schema), not
    // `client.sessions.create`, which checks the body a proxy ignores (a v3 body needs a workflow_id
    // the browser need not know). Always a JSON body, so a proxy can refuse what a cross-site form
    // could send (not JSON).
    mutationFn: (variables) => client.request({ ...client.endpoints.create, body: variables ?? {} }),
  });
}
