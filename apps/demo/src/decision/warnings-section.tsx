import type { DecisionWarning } from '@didit-kit/core/v1';
import { Section } from './fields.tsx';
import { formatText } from './format.ts';

export function WarningsSection({ warnings }: { warnings: DecisionWarning[] }) {
  return (
    <Section id="warnings" title={`Warnings (${warnings.length})`}>
      {warnings.length === 0 ? (
        <p className="muted">No warnings.</p>
      ) : (
        <ul className="warnings">
          {warnings.map((warning) => (
            <li
              key={`${warning.feature}:${warning.risk}:${warning.short_description}`}
              className={`warning warning-${warning.log_type ?? 'warning'}`}
            >
              <p className="warning-title">
                <code className="risk">{warning.risk}</code>
                {warning.feature ? <span className="tag">{warning.feature}</span> : null}
                {warning.log_type ? <span className="tag">{warning.log_type}</span> : null}
              </p>
              <p>
                <strong>{formatText(warning.short_description)}</strong>
              </p>
              {warning.long_description ? <p className="muted">{warning.long_description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
