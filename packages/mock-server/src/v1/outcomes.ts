import { FIXTURE_SESSION_IDS } from './fixtures.ts';

/** A result a developer can pick on the hosted page (or set through the admin routes). */
export interface Outcome {
  readonly id: string;
  readonly status: string;
  readonly label: string;
  readonly description: string;
  /** The fixture whose decision content (KYC, AML, face, location, warnings) the session takes. */
  readonly templateId: string;
}

export const OUTCOMES: readonly Outcome[] = [
  {
    id: 'approved',
    status: 'Approved',
    label: 'Approved',
    description: 'German identity card read over NFC, clean AML screening, face match 94%.',
    templateId: FIXTURE_SESSION_IDS.approved,
  },
  {
    id: 'declined-aml',
    status: 'Declined',
    label: 'Declined: possible AML match',
    description: "Didit's documented example: a Spanish passport whose holder resembles a person on a watchlist.",
    templateId: FIXTURE_SESSION_IDS.declinedAml,
  },
  {
    id: 'declined-face-match',
    status: 'Declined',
    label: 'Declined: face does not match',
    description: 'The selfie does not match the passport portrait (similarity 28%).',
    templateId: FIXTURE_SESSION_IDS.declinedFaceMatch,
  },
  {
    id: 'in-review',
    status: 'In Review',
    label: 'In Review: VPN detected',
    description: 'A French residence permit, verified from a VPN in another country: waits for a person.',
    templateId: FIXTURE_SESSION_IDS.inReview,
  },
  {
    id: 'abandoned',
    status: 'Abandoned',
    label: 'Abandoned',
    description: 'The user scanned the document, then left before the selfie.',
    templateId: FIXTURE_SESSION_IDS.abandoned,
  },
  {
    id: 'expired',
    status: 'Expired',
    label: 'Expired',
    description: 'The session link timed out before the user finished.',
    templateId: FIXTURE_SESSION_IDS.expired,
  },
  {
    id: 'kyc-expired',
    status: 'Kyc Expired',
    label: 'Kyc Expired',
    description: 'A past approval whose passport has since expired.',
    templateId: FIXTURE_SESSION_IDS.kycExpired,
  },
];

/** The fixture that supplies the content of a session in a given status. */
export const STATUS_TEMPLATES: Readonly<Record<string, string>> = {
  'Not Started': FIXTURE_SESSION_IDS.notStarted,
  'In Progress': FIXTURE_SESSION_IDS.inProgress,
  'In Review': FIXTURE_SESSION_IDS.inReview,
  Approved: FIXTURE_SESSION_IDS.approved,
  Declined: FIXTURE_SESSION_IDS.declinedAml,
  Expired: FIXTURE_SESSION_IDS.expired,
  Abandoned: FIXTURE_SESSION_IDS.abandoned,
  'Kyc Expired': FIXTURE_SESSION_IDS.kycExpired,
};

export function findOutcome(id: string): Outcome | undefined {
  return OUTCOMES.find((outcome) => outcome.id === id);
}
