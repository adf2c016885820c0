type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'muted' | 'unknown';

const TONES: Record<string, Tone> = {
  Approved: 'ok',
  Declined: 'bad',
  'In Review': 'warn',
  'Not Started': 'info',
  'In Progress': 'info',
  'Not Finished': 'info',
  Expired: 'muted',
  Abandoned: 'muted',
  'Kyc Expired': 'muted',
};

export function statusTone(status: string | null | undefined): Tone {
  return (status && TONES[status]) || 'unknown';
}

/** A status as a coloured label; the text carries the meaning, the colour only repeats it. */
export function StatusBadge({ status, label }: { status: string | null | undefined; label?: string }) {
  const text = status ?? 'Unknown';
  return (
    <span className={`badge badge-${statusTone(status)}`} data-status={text}>
      {label ? <span className="visually-hidden">{label}: </span> : null}
      {text}
    </span>
  );
}
