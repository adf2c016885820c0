import { isSessionId, isTerminalStatus } from '@didit-kit/core/v1';
import { useSessionDecision } from '@didit-kit/react';
import { DecisionView } from '../decision/decision-view.tsx';
import { StatusBadge } from '../decision/status-badge.tsx';
import { ErrorState, LoadingState } from '../states.tsx';

/**
 * Faster than the SDK's default (10 s): this demo has one watcher per session and a proxy that
 * coalesces and caches, so it stays far below Didit's 100 decision requests a minute.
 */
export const DEMO_POLL_INTERVAL_MS = 2_000;

/** One session's decision, fetched through the proxy and polled until it is final. */
export function SessionDecision({ sessionId }: { sessionId: string }) {
  const valid = isSessionId(sessionId);
  const query = useSessionDecision(valid ? sessionId : undefined, {
    pollIntervalMs: DEMO_POLL_INTERVAL_MS,
    reviewPollIntervalMs: 10_000,
  });

  if (!valid) {
    return (
      <div className="state state-error" role="alert" data-state="invalid">
        <h2>Not a session ID</h2>
        <p>
          <code>{sessionId || '(empty)'}</code> is not a Didit session ID; they look like
          11111111-2222-3333-4444-555555555555.
        </p>
      </div>
    );
  }
  if (query.isPending) return <LoadingState>Loading the decision…</LoadingState>;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const decision = query.data;
  if (!decision) return null;
  const terminal = isTerminalStatus(decision.status);
  return (
    <>
      <p className={terminal ? 'live live-final' : 'live'} role="status" data-live={terminal ? 'final' : 'polling'}>
        {terminal ? (
          <>
            Final decision: <StatusBadge status={decision.status} />
          </>
        ) : (
          <>
            <span className="spinner" aria-hidden="true" /> Waiting for the final decision. Current status:{' '}
            <StatusBadge status={decision.status} />. This page updates by itself.
          </>
        )}
      </p>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      <DecisionView decision={decision} />
    </>
  );
}
