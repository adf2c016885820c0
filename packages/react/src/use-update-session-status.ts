'use client';
import type { DiditError } from '@didit-kit/core';
import { type UseMutationOptions, type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useDiditContext } from './provider.tsx';
import { diditQueryKeys } from './query-keys.ts';
import type {
  RegisteredUpdateStatusRequest as UpdateStatusRequest,
  RegisteredUpdateStatusResponse as UpdateStatusResponse,
} from './register.ts';

/** What `mutate` takes: the session, and the body of `PATCH /{v3|v1}/session/{id}/update-status/`. */
export type UpdateSessionStatusVariables = UpdateStatusRequest & { sessionId: string };

export type UseUpdateSessionStatusOptions = Omit<
  UseMutationOptions<UpdateStatusResponse, DiditError, UpdateSessionStatusVariables>,
  'mutationFn'
> & {
  /** Replaces `client.baseUrl` in the keys; defaults to the provider's `keyScope`. */
  keyScope?: string | undefined;
};

/**
 * Approves or declines a session (manual review). On success it invalidates that session's queries,
 * so a mounted `useSessionDecision` refetches; the mutation stays pending until that refetch is done.
 */
export function useUpdateSessionStatus(
  options: UseUpdateSessionStatusOptions = {},
): UseMutationResult<UpdateStatusResponse, DiditError, UpdateSessionStatusVariables> {
  const context = useDiditContext();
  const queryClient = useQueryClient();
  const { keyScope, onSuccess, ...mutation } = options;
  const scope = keyScope ?? context.keyScope ?? context.client;
  return useMutation({
    mutationKey: diditQueryKeys.updateStatus(scope),
    ...mutation,
    // The registered generation decides both types; the client of that generation takes this body.
    mutationFn: ({ sessionId, ...body }) => context.client.sessions.updateStatus(sessionId, body),
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: diditQueryKeys.session(scope, args[1].sessionId) });
      return onSuccess?.(...args);
    },
  });
}
