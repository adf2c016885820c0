import { useCreateSession } from '@didit-kit/react';
import { DiditVerification } from '@didit-kit/react/verification';
import { useState } from 'react';
import { VerificationStatus } from './verification-status.tsx';

type Flow = 'redirect' | 'embedded';

/**
 * "Verify identity": POST /api/didit/v3/session/ through the proxy, which creates the session for the signed-in
 * user. Then either Didit's hosted page (the browser leaves, and Didit sends it back to /verification), or the
 * same page inside this one (`<DiditVerification>`), with the result shown below it as it arrives.
 */
export function StartVerification() {
  const create = useCreateSession();
  const [flow, setFlow] = useState<Flow>('redirect');
  // Once the embedded flow has ended: its outcome, or why it could not run.
  const [ended, setEnded] = useState<{ failure?: string } | undefined>();

  function start(next: Flow) {
    setFlow(next);
    setEnded(undefined);
    create.mutate(undefined, {
      onSuccess: (session) => {
        if (next === 'redirect') window.location.assign(session.url);
      },
    });
  }

  const embedded = flow === 'embedded' ? create.data : undefined;
  const busy = create.isPending || (flow === 'redirect' && create.isSuccess);

  return (
    <section className="verify">
      <div className="actions">
        <button
          type="button"
          onClick={() => start('redirect')}
          disabled={busy || embedded !== undefined}
          className="primary"
        >
          Verify identity
        </button>
        <button type="button" onClick={() => start('embedded')} disabled={busy || embedded !== undefined}>
          Verify in this page
        </button>
      </div>
      {create.error ? (
        <p role="alert" className="error">
          Could not start the verification: {create.error.message}
        </p>
      ) : null}
      {embedded ? (
        <>
          {ended ? null : (
            <DiditVerification
              url={embedded.url}
              sessionId={embedded.session_id}
              mode="embedded"
              className="verification-frame"
              onComplete={(result) => {
                if (result.type === 'cancelled') create.reset();
                else setEnded(result.type === 'failed' ? { failure: result.error?.message ?? 'unknown error' } : {});
              }}
            />
          )}
          {ended?.failure ? (
            <p role="alert" className="error">
              The verification could not be opened: {ended.failure}
            </p>
          ) : null}
          <VerificationStatus sessionId={embedded.session_id} />
        </>
      ) : null}
    </section>
  );
}
