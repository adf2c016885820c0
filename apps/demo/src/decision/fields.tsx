import type { ReactNode } from 'react';

export interface Field {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list, the semantic element for them. */
export function Fields({ fields, className }: { fields: Field[]; className?: string }) {
  return (
    <dl className={className ? `fields ${className}` : 'fields'}>
      {fields.map((field) => (
        <div className="field" key={field.label}>
          <dt>{field.label}</dt>
          <dd>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A section of the decision view: a labelled region with its own heading. */
export function Section({
  id,
  title,
  status,
  children,
}: {
  id: string;
  title: string;
  status?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <div className="card-header">
        <h3 id={headingId}>{title}</h3>
        {status}
      </div>
      {children}
    </section>
  );
}

/** For a feature the session did not run: Didit sends the block as null or leaves it out. */
export function NotRun({ feature }: { feature: string }) {
  return <p className="muted">{feature} was not part of this session.</p>;
}
