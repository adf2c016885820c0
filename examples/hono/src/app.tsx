import { Account } from './account.tsx';
import { VerificationStatus } from './verification-status.tsx';

/** Two pages: the start, and /verification, where Didit's hosted page sends the user back. */
export function App() {
  if (window.location.pathname === '/verification') return <VerificationPage />;
  return (
    <main>
      <h1>Verify your identity</h1>
      <p className="lead">
        Your server creates a Didit session for the signed-in user; you verify on Didit&apos;s page or inside this one;
        Didit&apos;s webhook brings the result back, and this page shows it as it arrives.
      </p>
      <Account />
    </main>
  );
}

/**
 * The session's `callback`: Didit appends ?verificationSessionId=...&status=... The status in the address is not
 * trusted: the page shows the decision from Didit, through the proxy.
 */
function VerificationPage() {
  const sessionId = new URLSearchParams(window.location.search).get('verificationSessionId');
  return (
    <main>
      <h1>Your verification</h1>
      {sessionId ? <VerificationStatus sessionId={sessionId} /> : <p>No verification session in the address.</p>}
      <p>
        <a href="/">Back to the start</a>
      </p>
    </main>
  );
}
