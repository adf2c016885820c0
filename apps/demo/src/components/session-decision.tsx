import { isSessionId, isTerminalStatus } from '@didit-kit/core';
import type { ApiVersion } from '../api.ts';
import { DecisionView } from '../decision/decision-view.tsx';
import { DecisionViewV3 } from '../decision/decision-view-v3.tsx';
import { StatusBadge } from '../decision/status-badge.tsx';
import { ErrorState, LoadingState } from '../states.tsx';
import { useDecision } from './use-decision.ts';

/**
 * Faster than the SDK's default (10 s): this demo has one watcher per session and a proxy that
 * coalesces and caches, so it stays far below Didit's 100 decision requests a minute.
 */
export const DEMO_POLL_INTERVAL_MS = 2_000;

/** One session's decision (of either API generation), fetched through the proxy and polled until it is final. */
export function SessionDecision({ sessionId, apiVersion }: { sessionId: string; apiVersion: ApiVersion }) {
  const valid = isSessionId(sessionId);
  const decisionQuery = useDecision(valid ? sessionId : undefined, apiVersion, {
    pollIntervalMs: DEMO_POLL_INTERVAL_MS,
    reviewPollIntervalMs: 10_000,
  });
  const { query } = decisionQuery;

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
            <StatusBadge status={decision.status} />.{' '}
            <span data-updates={decisionQuery.live ? 'live' : 'polling'} data-updated-at={decisionQuery.updatedAt}>
              {decisionQuery.live
                ? 'Live: Didit’s webhook reaches this page through the server’s event stream.'
                : `Checking every ${DEMO_POLL_INTERVAL_MS / 1000} s (no live updates: the server has no event stream, or it dropped).`}
            </span>
          </>
        )}
      </p>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {decisionQuery.apiVersion === 'v1' && decisionQuery.query.data ? (
        <DecisionView decision={decisionQuery.query.data} />
      ) : decisionQuery.apiVersion === 'v3' && decisionQuery.query.data ? (
        <DecisionViewV3 decision={decisionQuery.query.data} />
      ) : null}
    </>
  );
}
