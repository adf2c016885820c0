import type { Aml, AmlHit } from '@didit-kit/core/v1';
import { Fields, NotRun, Section } from './fields.tsx';
import { formatDateTime, formatFlag, formatFraction, formatNumber, humanize } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

export function AmlSection({ aml }: { aml: Aml | null | undefined }) {
  if (!aml) {
    return (
      <Section id="aml" title="Anti-money-laundering screening (AML)">
        <NotRun feature="AML screening" />
      </Section>
    );
  }
  const score = typeof aml.score === 'number' ? aml.score : null;
  return (
    <Section
      id="aml"
      title="Anti-money-laundering screening (AML)"
      status={<StatusBadge status={aml.status} label="AML status" />}
    >
      <Fields
        fields={[
          {
            label: 'Overall score',
            value:
              score === null ? (
                formatNumber(score)
              ) : (
                <span className="score">
                  <meter
                    min={0}
                    max={100}
                    low={30}
                    high={70}
                    optimum={0}
                    value={score}
                    aria-label="AML overall score"
                  />
                  {formatNumber(score)} / 100
                </span>
              ),
          },
          { label: 'Total hits', value: formatNumber(aml.total_hits ?? aml.hits.length) },
        ]}
      />
      {aml.hits.length === 0 ? (
        <p className="muted">No matches on any watchlist.</p>
      ) : (
        <ol className="hits" aria-label="AML hits">
          {aml.hits.map((hit, index) => (
            <li key={hit.id}>
              <AmlHitCard hit={hit} index={index} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function AmlHitCard({ hit, index }: { hit: AmlHit; index: number }) {
  const headingId = `aml-hit-${index}`;
  const properties = Object.entries(hit.properties ?? {}).filter(([, values]) => values && values.length > 0);
  const features = Object.entries(hit.features ?? {});
  return (
    <article className="hit" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {hit.caption || 'Unnamed entry'} <span className="hit-score">score {formatFraction(hit.score)}</span>
      </h4>
      <Fields
        className="fields-compact"
        fields={[
          { label: 'Score', value: formatFraction(hit.score) },
          { label: 'Confirmed match', value: formatFlag(hit.match) },
          { label: 'Target entity', value: formatFlag(hit.target) },
          { label: 'First seen', value: formatDateTime(hit.first_seen) },
          { label: 'Last seen', value: formatDateTime(hit.last_seen) },
          { label: 'Last changed', value: formatDateTime(hit.last_change) },
        ]}
      />
      {hit.datasets && hit.datasets.length > 0 ? (
        <>
          <h5>Datasets</h5>
          <ul className="tags" aria-label={`Datasets for ${hit.caption ?? 'this hit'}`}>
            {hit.datasets.map((dataset) => (
              <li key={dataset}>
                <code>{dataset}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {properties.length > 0 ? (
        <table className="table">
          <caption>Properties of the listed entry</caption>
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Values</th>
            </tr>
          </thead>
          <tbody>
            {properties.map(([key, values]) => (
              <tr key={key}>
                <th scope="row">{humanize(key)}</th>
                <td>
                  {(values ?? []).length === 1 ? (
                    values?.[0]
                  ) : (
                    <ul className="plain-list">
                      {(values ?? []).map((value) => (
                        <li key={value}>{value}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {features.length > 0 ? (
        <table className="table">
          <caption>How the name matched</caption>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {features.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{humanize(key)}</th>
                <td>{formatNumber(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
