import { DiditVerification, type VerificationResult } from '@didit-kit/react/verification';
import { useState } from 'react';
import { navigate } from '../router.tsx';

interface EmbeddedVerificationProps {
  url: string;
  sessionId: string;
  /** The user closed the flow: back to the choice. */
  onCancel: () => void;
}

/**
 * The hosted page inside this page, through Didit's web SDK (loaded only now: the redirect flow
 * never downloads it). When the page reports the end, the result page shows the decision, which
 * comes from the API through the proxy, not from the page's message.
 */
export function EmbeddedVerification({ url, sessionId, onCancel }: EmbeddedVerificationProps) {
  const [failure, setFailure] = useState<string | undefined>();
  const [lastEvent, setLastEvent] = useState<string>('');

  function finished(result: VerificationResult) {
    if (result.type === 'completed') navigate(`/sessions/${encodeURIComponent(sessionId)}`);
    else if (result.type === 'cancelled') onCancel();
    else setFailure(result.error?.message ?? 'The verification could not be opened.');
  }

  return (
    <section className="card embedded-verification" aria-labelledby="embedded-heading" data-session-id={sessionId}>
      <h2 id="embedded-heading">Verify your identity</h2>
      <DiditVerification
        url={url}
        sessionId={sessionId}
        mode="embedded"
        className="embedded-frame"
        onComplete={finished}
        onEvent={(event) => setLastEvent(event.type)}
      />
      <p className="muted" data-last-event={lastEvent}>
        {lastEvent ? `Last event from the page: ${lastEvent}` : 'Opening the verification page…'}
      </p>
      {failure ? (
        <div className="state state-error" role="alert" data-state="embedded-failed">
          <p>{failure}</p>
        </div>
      ) : null}
    </section>
  );
}
