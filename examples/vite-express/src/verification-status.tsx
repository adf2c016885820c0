import { type DiditError, NotFoundError, PermissionDeniedError } from '@didit-kit/core';
import { useDecisionStreamLive, useSessionDecision } from '@didit-kit/react';

/**
 * A session's status, as it changes: useSessionDecision follows the proxy's event stream (fed by Didit's webhook)
 * and polls only where there is none. The decision comes from Didit through this app's server, never from the
 * hosted page's redirect or message.
 */
export function VerificationStatus({ sessionId }: { sessionId: string }) {
  const { data, error } = useSessionDecision(sessionId);
  // Whether the stream keeps it fresh right now (the component re-renders when that changes).
  const live = useDecisionStreamLive(sessionId);

  if (error && !data) {
    return (
      <p role="alert" className="error">
        {describe(error)}
      </p>
    );
  }
  if (!data) return <p>Loading the verification…</p>;
  return (
    <div className="status" data-session-id={sessionId}>
      <p>
        Status: <strong data-testid="status">{data.status}</strong>
      </p>
      <p className="muted" data-testid="updates">
        {live ? 'Live: updates arrive as Didit sends them.' : 'Checking for updates every 10 s.'}
      </p>
    </div>
  );
}

function describe(error: DiditError): string {
  if (error instanceof NotFoundError) return 'No such verification session.';
  if (error instanceof PermissionDeniedError) return 'This verification belongs to someone else: sign in as its owner.';
  return `Could not load the verification (${error.code}).`;
}
