// Display helpers shared by the decision sections. Dates are shown in UTC with a fixed
// locale, so the view reads the same on every machine (and in the tests).

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export const EMPTY = '—';

/** `2024-07-18T13:29:00.366811Z` → `18 Jul 2024, 13:29 UTC`; anything unparsable is shown as sent. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return EMPTY;
  // Didit sends some timestamps without a zone (AML `first_seen`); they are UTC.
  const parsed = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(parsed.getTime()) ? value : `${dateTime.format(parsed)} UTC`;
}

/** Dates of birth, issue and expiry are calendar dates: shown as sent (`1990-01-01`). */
export function formatDate(value: string | null | undefined): string {
  return value || EMPTY;
}

export function formatNumber(value: number | null | undefined, unit = ''): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${number.format(value)}${unit}` : EMPTY;
}

/** A 0–1 score as a percentage: `0.7034` → `70.35 %`. */
export function formatFraction(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${number.format(value * 100)} %` : EMPTY;
}

export function formatText(value: string | null | undefined): string {
  return value?.trim() ? value : EMPTY;
}

export function formatFlag(value: boolean | null | undefined): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  return EMPTY;
}

/** `person_name_jaro_winkler` → `Person name jaro winkler`. */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
