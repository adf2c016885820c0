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
      <p role="alert" className="error">
        {message}
      </p>
    );
  }
  if (!data) return <p>Loading the verification…</p>;
  return (
    <div className="status" data-session-id={sessionId}>
      <p>
        Status: <strong data-testid="status">{data.status}</strong>
      </p>
      <p className="muted" data-testid="updates" data-updated-at={dataUpdatedAt}>
        {live ? 'Live: updates arrive as Didit sends them.' : 'Checking for updates every 10 s.'}
      </p>
    </div>
  );
}
