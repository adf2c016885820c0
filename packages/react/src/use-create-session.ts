'use client';
import { type ApiVersion, createdSessionSchema, type DiditError, readJson, v1 } from '@didit-kit/core';
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
  // Widened: the registered generation narrows it at compile time, the client decides at run time.
  const version = client.apiVersion as ApiVersion;
  return useMutation({
    mutationKey: diditQueryKeys.createSession(keyScope ?? client),
    ...options,
    // Not `client.sessions.create`, which checks the body a proxy ignores (a v3 body needs a
    // workflow_id the browser need not know); the answer is still checked against the schema.
    mutationFn: (variables) =>
      client.request({
        method: 'POST',
        path: client.endpoints.create.path,
        // Always a JSON body, so a proxy can refuse what a cross-site form could send (not JSON).
        body: variables ?? {},
        read: readJson<unknown>(version === 'v1' ? v1.createdSessionSchema : createdSessionSchema),
      }) as Promise<CreatedSession>,
  });
}
