import { isTerminalStatus, type SessionDecision } from '@didit-kit/core';
import { Fields, NotRun, Section } from './fields.tsx';
import { formatDate, formatDateTime, formatFlag, formatNumber, formatText } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

// A v3 decision has one array per feature (a workflow may run a feature more than once); this view
// shows the first item of each, and every warning of every feature.

type Item = { status?: string | null; warnings?: { short_description?: string | null; risk?: string | null }[] | null };

function FeatureStatus({ item }: { item: Item | undefined }) {
  return item ? <StatusBadge status={item.status} label="Feature status" /> : null;
}

/** Everything the demo shows of a v3 `SessionDecision`, section by section. */
export function DecisionViewV3({ decision }: { decision: SessionDecision }) {
  const terminal = isTerminalStatus(decision.status);
  const document = decision.id_verifications?.[0];
  const liveness = decision.liveness_checks?.[0];
  const face = decision.face_matches?.[0];
  const aml = decision.aml_screenings?.[0];
  const ip = decision.ip_analyses?.[0];
  const items: Item[] = [
    ...(decision.id_verifications ?? []),
    ...(decision.liveness_checks ?? []),
    ...(decision.face_matches ?? []),
    ...(decision.aml_screenings ?? []),
    ...(decision.ip_analyses ?? []),
  ];
  const warnings = items.flatMap((item) => item.warnings ?? []);
  return (
    <article
      className="decision"
      aria-labelledby="decision-heading"
      data-api-version="v3"
      data-session-id={decision.session_id}
      data-status={decision.status}
      data-terminal={terminal}
    >
      <header className="decision-header">
        <div>
          <h2 id="decision-heading">
            {document?.full_name || `Session ${formatNumber(decision.session_number)}`}{' '}
            <StatusBadge status={decision.status} label="Session status" />
          </h2>
          <Fields
            className="fields-compact"
            fields={[
              { label: 'Session ID', value: <code>{decision.session_id}</code> },
              { label: 'API', value: 'v3' },
              { label: 'Kind', value: formatText(decision.session_kind) },
              { label: 'Workflow', value: <code>{formatText(decision.workflow_id)}</code> },
              { label: 'Your reference (vendor data)', value: formatText(decision.vendor_data) },
              { label: 'Created', value: formatDateTime(decision.created_at) },
            ]}
          />
        </div>
      </header>
      <div className="sections">
        <Section id="kyc" title="Identity document" status={<FeatureStatus item={document} />}>
          {document ? (
            <Fields
              fields={[
                { label: 'Document', value: formatText(document.document_type) },
                { label: 'Number', value: formatText(document.document_number) },
                { label: 'Issuing state', value: formatText(document.issuing_state_name) },
                { label: 'Date of birth', value: formatDate(document.date_of_birth) },
                { label: 'Expires', value: formatDate(document.expiration_date) },
              ]}
            />
          ) : (
            <NotRun feature="Identity document verification" />
          )}
        </Section>
        <Section id="face" title="Face" status={<FeatureStatus item={face ?? liveness} />}>
          {face || liveness ? (
            <Fields
              fields={[
                { label: 'Face match', value: face ? `${formatNumber(face.score, ' %')} (${face.status})` : '-' },
                {
                  label: 'Liveness',
                  value: liveness ? `${formatNumber(liveness.score, ' %')} (${liveness.status})` : '-',
                },
              ]}
            />
          ) : (
            <NotRun feature="Face verification" />
          )}
        </Section>
        <Section id="aml" title="AML screening" status={<FeatureStatus item={aml} />}>
          {aml ? (
            <>
              <Fields
                fields={[
                  { label: 'Score', value: formatNumber(aml.score) },
                  { label: 'Hits', value: formatNumber(aml.total_hits) },
                ]}
              />
              {aml.hits?.length ? (
                <ul>
                  {aml.hits.map((hit) => (
                    <li key={hit.id ?? hit.caption}>{formatText(hit.caption)}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No matches on any watchlist.</p>
              )}
            </>
          ) : (
            <NotRun feature="AML screening" />
          )}
        </Section>
        <Section id="location" title="IP and device" status={<FeatureStatus item={ip} />}>
          {ip ? (
            <Fields
              fields={[
                { label: 'IP country', value: formatText(ip.ip_country) },
                { label: 'VPN or Tor', value: formatFlag(ip.is_vpn_or_tor) },
                { label: 'Device', value: formatText([ip.device_brand, ip.device_model].filter(Boolean).join(' ')) },
              ]}
            />
          ) : (
            <NotRun feature="IP analysis" />
          )}
        </Section>
        <Section id="warnings" title={`Warnings (${warnings.length})`}>
          {warnings.length === 0 ? (
            <p className="muted">No warnings.</p>
          ) : (
            <ul>
              {warnings.map((warning, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id, and the list never reorders
                <li key={index}>
                  {formatText(warning.short_description)} <code>{formatText(warning.risk)}</code>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </article>
  );
}
