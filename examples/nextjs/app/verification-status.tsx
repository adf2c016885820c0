'use client';
import { NotFoundError, PermissionDeniedError } from '@didit-kit/core';
import { diditQueryKeys, useDiditClient, useSessionDecision } from '@didit-kit/react';
import { isDecisionStreamLive } from '@didit-kit/react/stream-status';
import { useQueryClient } from '@tanstack/react-query';

/**
 * A session's status, as it changes: useSessionDecision follows the proxy's event stream (fed by Didit's webhook)
 * and polls only where there is none. The decision comes from Didit through this app's server, never from the
 * hosted page's redirect or message.
 */
export function VerificationStatus({ sessionId }: { sessionId: string }) {
  const { data, error, dataUpdatedAt } = useSessionDecision(sessionId);
  const live = isDecisionStreamLive(useQueryClient(), diditQueryKeys.decision(useDiditClient(), sessionId));

  if (error && !data) {
    let message = `Could not load the verification (${error.code}).`;
    if (error instanceof NotFoundError) message = 'No such verification session.';
    if (error instanceof PermissionDeniedError)
      message = 'This verification belongs to someone else: sign in as its owner.';
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        {message}
      </p>
    );
  }
  if (!data) return <p>Loading the verification…</p>;
  return (
    <div className="rounded-md border border-zinc-300 p-4 dark:border-zinc-700" data-session-id={sessionId}>
      <p className="text-lg">
        Status: <strong data-testid="status">{data.status}</strong>
      </p>
      <p
        className="mt-1 text-sm text-zinc-600 dark:text-zinc-400"
        data-testid="updates"
        data-updated-at={dataUpdatedAt}
      >
        {live ? 'Live: updates arrive as Didit sends them.' : 'Checking for updates every 10 s.'}
      </p>
    </div>
  );
}
