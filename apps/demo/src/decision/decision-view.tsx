import { isKnownSessionStatus, isTerminalStatus, type SessionDecision } from '@didit-kit/core/v1';
import { AmlSection } from './aml-section.tsx';
import { FaceSection } from './face-section.tsx';
import { Fields } from './fields.tsx';
import { formatDateTime, formatNumber, formatText } from './format.ts';
import { KycSection } from './kyc-section.tsx';
import { LocationSection } from './location-section.tsx';
import { ReviewsSection } from './reviews-section.tsx';
import { StatusBadge } from './status-badge.tsx';
import { WarningsSection } from './warnings-section.tsx';

/** Where the browser downloads a session's PDF report: through the app's own proxy route. */
export function pdfUrl(sessionId: string): string {
  return `/api/didit/v1/session/${encodeURIComponent(sessionId)}/generate-pdf/`;
}

/** Everything in a `SessionDecision`, section by section. Used by the session page and the gallery. */
export function DecisionView({ decision }: { decision: SessionDecision }) {
  const known = isKnownSessionStatus(decision.status);
  const terminal = isTerminalStatus(decision.status);
  return (
    <article
      className="decision"
      aria-labelledby="decision-heading"
      data-session-id={decision.session_id}
      data-status={decision.status}
      data-terminal={terminal}
    >
      <header className="decision-header">
        <div>
          <h2 id="decision-heading">
            {decision.kyc?.full_name || `Session ${formatNumber(decision.session_number)}`}{' '}
            <StatusBadge status={decision.status} label="Session status" />
          </h2>
          <Fields
            className="fields-compact"
            fields={[
              { label: 'Session ID', value: <code>{decision.session_id}</code> },
              { label: 'Session number', value: formatNumber(decision.session_number) },
              { label: 'Features', value: formatText(decision.features) },
              { label: 'Your reference (vendor data)', value: formatText(decision.vendor_data) },
              { label: 'Created', value: formatDateTime(decision.created_at) },
            ]}
          />
        </div>
        <a className="button" href={pdfUrl(decision.session_id)} download={`session_${decision.session_id}.pdf`}>
          Download PDF<span className="visually-hidden"> report of this session</span>
        </a>
      </header>
      {known ? null : (
        <p className="callout callout-warn" role="status">
          Didit reported a status this demo does not know: <strong>{decision.status}</strong>. It is shown as sent; the
          SDK keeps unknown statuses as plain strings, so a new status never breaks the page.
        </p>
      )}
      <div className="sections">
        <KycSection kyc={decision.kyc} />
        <AmlSection aml={decision.aml} />
        <FaceSection face={decision.face} />
        <LocationSection location={decision.location} kyc={decision.kyc} />
        <WarningsSection warnings={decision.warnings} />
        <ReviewsSection reviews={decision.reviews} />
      </div>
    </article>
  );
}
