import type { OpenEnum } from '../../schemas/open-enum.ts';

/** Every session status Didit documents for v1, exactly as sent (case-sensitive). */
export const SESSION_STATUSES = [
  'Not Started',
  'In Progress',
  'In Review',
  'Approved',
  'Declined',
  'Expired',
  'Abandoned',
  'Kyc Expired',
] as const;

/** Statuses after which a session does not change without manual action. */
export const TERMINAL_SESSION_STATUSES = ['Approved', 'Declined', 'Expired', 'Abandoned', 'Kyc Expired'] as const;

/** Statuses of a feature block (`kyc.status`, `aml.status`, `face.*_status`, `location.status`). */
export const FEATURE_STATUSES = ['Approved', 'Declined', 'In Review', 'Not Finished', 'Expired'] as const;

/** The features a session can run, as `POST /v1/session/` accepts them. */
export const SESSION_FEATURES = [
  'OCR',
  'OCR + NFC',
  'OCR + AML',
  'OCR + NFC + AML',
  'OCR + FACE',
  'OCR + NFC + FACE',
  'OCR + FACE + AML',
  'OCR + NFC + FACE + AML',
] as const;

/** The statuses a reviewer can set with `PATCH /v1/session/{sessionId}/update-status/`. */
export const REVIEW_STATUSES = ['Approved', 'Declined'] as const;

export const DOCUMENT_TYPES = ['Passport', 'Identity Card', "Driver's License", 'Residence Permit'] as const;

export type KnownSessionStatus = (typeof SESSION_STATUSES)[number];
/** A session status: one of {@link SESSION_STATUSES}, or a newer string Didit may add. */
export type SessionStatus = OpenEnum<KnownSessionStatus>;
export type TerminalSessionStatus = (typeof TERMINAL_SESSION_STATUSES)[number];
export type FeatureStatus = OpenEnum<(typeof FEATURE_STATUSES)[number]>;
export type SessionFeatures = (typeof SESSION_FEATURES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type DocumentType = OpenEnum<(typeof DOCUMENT_TYPES)[number]>;

const terminal: ReadonlySet<string> = new Set(TERMINAL_SESSION_STATUSES);

/** True when a session with this status will not change again without manual action. */
export function isTerminalStatus(status: string | null | undefined): status is TerminalSessionStatus {
  return typeof status === 'string' && terminal.has(status);
}

/** True for a status string this version of the SDK knows. */
export function isKnownSessionStatus(status: string): status is KnownSessionStatus {
  return (SESSION_STATUSES as readonly string[]).includes(status);
}
