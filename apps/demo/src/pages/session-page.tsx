import type { ApiVersion } from '../api.ts';
import { SessionDecision } from '../components/session-decision.tsx';
import { Link } from '../router.tsx';
import { LoadingState } from '../states.tsx';
import { useServerInfo } from '../use-server-info.ts';

/**
 * `/callback?verificationSessionId=…&status=…` (Didit's redirect) and `/sessions/{id}` (`?api=v1`
 * for a v1 session on a v3 server). A session is of the API this server creates with, unless told.
 */
export function SessionPage({
  sessionId,
  reportedStatus,
  apiVersion,
}: {
  sessionId: string;
  reportedStatus?: string | null;
  apiVersion?: ApiVersion | undefined;
}) {
  const info = useServerInfo();
  const version = apiVersion ?? info.data?.apiVersion ?? (info.isError ? 'v3' : undefined);
  return (
    <>
      <h1>Verification result</h1>
      {reportedStatus ? (
        <p className="muted">
          The hosted page reported <strong>{reportedStatus}</strong> in the redirect. That query string is not trusted:
          what follows comes from the API, through this app’s server.
        </p>
      ) : null}
      {version ? (
        <SessionDecision key={sessionId} sessionId={sessionId} apiVersion={version} />
      ) : (
        <LoadingState>Loading the decision…</LoadingState>
      )}
      <p>
        <Link href="/">Start another verification</Link>
      </p>
    </>
  );
}
