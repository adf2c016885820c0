import type { OpenEnum } from '../../schemas/open-enum.ts';

/**
 * Every v3 session status, exactly as Didit sends it (case-sensitive; note the single capital
 * in `Kyc Expired`). `Awaiting User` is KYB only; `Resubmitted` means the user redoes some steps
 * at the same URL.
 */
export const SESSION_STATUSES = [
  'Not Started',
  'In Progress',
  'Awaiting User',
  'In Review',
  'Approved',
  'Declined',
  'Resubmitted',
  'Expired',
  'Kyc Expired',
  'Abandoned',
] as const;

/**
 * The statuses after which polling stops: nothing changes any more without someone acting
 * (a reviewer, `update-status`, or a document expiring). `In Review` is not one of them: a
 * reviewer is expected to move it on.
 */
export const TERMINAL_SESSION_STATUSES = ['Approved', 'Declined', 'Expired', 'Kyc Expired', 'Abandoned'] as const;

/**
 * Statuses of one feature item in a decision (`id_verifications[].status`, ...). `Expired` is
 * used by ID, phone and email verification, `Resub Requested` by the others.
 */
export const FEATURE_STATUSES = [
  'Not Finished',
  'Approved',
  'Declined',
  'In Review',
  'Expired',
  'Resub Requested',
] as const;

/** What `PATCH /v3/session/{sessionId}/update-status/` can set. */
export const UPDATE_STATUSES = ['Approved', 'Declined', 'Resubmitted'] as const;

/** What `PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/` can set. */
export const FEATURE_UPDATE_STATUSES = ['Approved', 'Declined', 'In Review'] as const;

/**
 * The sandbox scenarios Didit documents. Its catalog (`GET /v1/sandbox/scenarios/`) is the
 * source of truth and has more, so a scenario field takes any string.
 */
export const SANDBOX_SCENARIOS = [
  'approve',
  'decline_document_expired',
  'decline_aml_hit',
  'decline_kyb_registry_mismatch',
  'review_aml_possible_match',
] as const;

/** `user` (KYC) or `business` (KYB). */
export const SESSION_KINDS = ['user', 'business'] as const;

export type KnownSessionStatus = (typeof SESSION_STATUSES)[number];
/** A session status: one of {@link SESSION_STATUSES}, or a newer string Didit may add. */
export type SessionStatus = OpenEnum<KnownSessionStatus>;
export type TerminalSessionStatus = (typeof TERMINAL_SESSION_STATUSES)[number];
export type KnownFeatureStatus = (typeof FEATURE_STATUSES)[number];
/** A feature item's status: one of {@link FEATURE_STATUSES}, or a newer string. */
export type FeatureStatus = OpenEnum<KnownFeatureStatus>;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];
export type FeatureUpdateStatus = (typeof FEATURE_UPDATE_STATUSES)[number];
export type KnownSandboxScenario = (typeof SANDBOX_SCENARIOS)[number];
/** A sandbox scenario slug: a documented one, or any other from Didit's catalog. */
export type SandboxScenario = OpenEnum<KnownSandboxScenario>;
export type KnownSessionKind = (typeof SESSION_KINDS)[number];
export type SessionKind = OpenEnum<KnownSessionKind>;

/** True for a status this version of the SDK knows: narrows an open `SessionStatus` for an exhaustive `switch`. */
export function isKnownSessionStatus(status: string | null | undefined): status is KnownSessionStatus {
  return (SESSION_STATUSES as readonly unknown[]).includes(status);
}

const terminal: ReadonlySet<string> = new Set(TERMINAL_SESSION_STATUSES);

/** True when a session with this status will not change again without manual action: polling stops. */
export function isTerminalStatus(status: string | null | undefined): status is TerminalSessionStatus {
  return typeof status === 'string' && terminal.has(status);
}
