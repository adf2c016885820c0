import { SessionDecision } from '../components/session-decision.tsx';
import { Link } from '../router.tsx';

/** `/callback?verificationSessionId=…&status=…` (Didit's redirect) and `/sessions/{id}`. */
export function SessionPage({ sessionId, reportedStatus }: { sessionId: string; reportedStatus?: string | null }) {
  return (
    <>
      <h1>Verification result</h1>
      {reportedStatus ? (
        <p className="muted">
          The hosted page reported <strong>{reportedStatus}</strong> in the redirect. That query string is not trusted:
          what follows comes from the API, through this app’s server.
        </p>
      ) : null}
      <SessionDecision key={sessionId} sessionId={sessionId} />
      <p>
        <Link href="/">Start another verification</Link>
      </p>
    </>
  );
}
