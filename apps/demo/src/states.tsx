import { type DiditError, isDiditError } from '@didit-kit/core/v1';
import type { ReactNode } from 'react';

/** A polite live region: screen readers announce it without interrupting. */
export function LoadingState({ children }: { children: ReactNode }) {
  return (
    <div className="state" role="status" data-state="loading">
      <span className="spinner" aria-hidden="true" />
      {children}
    </div>
  );
}

interface ErrorDescription {
  state: 'not-found' | 'forbidden' | 'network' | 'rate-limited' | 'invalid' | 'error';
  title: string;
  detail: string;
  retry: boolean;
}

/** What went wrong, in words a user (and a developer reading the demo) can act on. */
export function describeError(error: unknown): ErrorDescription {
  const err: DiditError | undefined = isDiditError(error) ? error : undefined;
  switch (err?.code) {
    case 'not_found':
      return {
        state: 'not-found',
        title: 'Session not found',
        detail: 'Didit has no verification session with this ID. Check the link, or start a new verification.',
        retry: false,
      };
    case 'permission_denied':
      return {
        state: 'forbidden',
        title: 'Not your session',
        detail: 'This server only shows sessions it created itself (the proxy’s authorize check refused this one).',
        retry: false,
      };
    case 'connection_error':
    case 'timeout':
      return {
        state: 'network',
        title: 'Network failure',
        detail: 'The demo server could not be reached. Check that it is still running, then try again.',
        retry: true,
      };
    case 'server_error':
      return {
        state: 'network',
        title: 'Network failure',
        detail: `The verification service could not be reached (HTTP ${err.status}). It may be down; try again in a moment.`,
        retry: true,
      };
    case 'rate_limited':
      return {
        state: 'rate-limited',
        title: 'Too many requests',
        detail: 'Didit’s rate limit was reached. Wait a little and try again.',
        retry: true,
      };
    case 'invalid_argument':
      return {
        state: 'invalid',
        title: 'Not a session ID',
        detail: 'Session IDs look like 11111111-2222-3333-4444-555555555555.',
        retry: false,
      };
    case 'response_validation':
      return {
        state: 'error',
        title: 'Unexpected response',
        detail: 'The answer did not have the shape of a Didit decision.',
        retry: true,
      };
    default:
      return {
        state: 'error',
        title: 'Something went wrong',
        detail: error instanceof Error ? error.message : String(error),
        retry: true,
      };
  }
}

/** An assertive live region: the page failed to do what the user asked. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { state, title, detail, retry } = describeError(error);
  const requestId = isDiditError(error) ? error.requestId : undefined;
  return (
    <div className="state state-error" role="alert" data-state={state}>
      <h2>{title}</h2>
      <p>{detail}</p>
      {requestId ? (
        <p className="muted">
          Request ID: <code>{requestId}</code>
        </p>
      ) : null}
      {retry && onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
