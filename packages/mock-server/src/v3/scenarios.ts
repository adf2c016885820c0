import { V3_FIXTURE_IDS } from './fixtures.ts';

// Didit's sandbox scenarios: what a v3 session ends with when the user finishes the hosted page.

export type V3Kind = 'user' | 'business';

/** A sandbox scenario: the status and fixture a session ends with when the user finishes. */
export interface V3Scenario {
  readonly status: string;
  readonly templateId: string;
  readonly kind: V3Kind;
}

export const V3_SCENARIOS: Readonly<Record<string, V3Scenario>> = {
  approve: { status: 'Approved', templateId: V3_FIXTURE_IDS.approved, kind: 'user' },
  decline_document_expired: { status: 'Declined', templateId: V3_FIXTURE_IDS.declinedDocumentExpired, kind: 'user' },
  decline_face_match_low_similarity: { status: 'Declined', templateId: V3_FIXTURE_IDS.declinedFaceMatch, kind: 'user' },
  decline_aml_hit: { status: 'Declined', templateId: V3_FIXTURE_IDS.inReviewAml, kind: 'user' },
  review_aml_possible_match: { status: 'In Review', templateId: V3_FIXTURE_IDS.inReviewAml, kind: 'user' },
  decline_kyb_registry_mismatch: {
    status: 'Declined',
    templateId: V3_FIXTURE_IDS.kybDeclinedRegistry,
    kind: 'business',
  },
};

/** What a session finishes with when no scenario is armed. */
export const DEFAULT_SCENARIO: Readonly<Record<V3Kind, V3Scenario>> = {
  user: V3_SCENARIOS.approve!,
  business: { status: 'In Review', templateId: V3_FIXTURE_IDS.kybAwaitingUser, kind: 'business' },
};

/** Statuses in which create with the same `vendor_data` returns the session again, and the hosted page is open. */
export const UNFINISHED: ReadonlySet<string> = new Set(['Not Started', 'In Progress', 'Resubmitted', 'Awaiting User']);

/** The fixture whose content a session takes with a status set by hand (the admin routes), by kind. */
export const STATUS_TEMPLATES: Readonly<Record<V3Kind, Readonly<Record<string, string>>>> = {
  user: {
    Approved: V3_FIXTURE_IDS.approved,
    Declined: V3_FIXTURE_IDS.declinedDocumentExpired,
    'In Review': V3_FIXTURE_IDS.inReviewAml,
    Resubmitted: V3_FIXTURE_IDS.resubmitted,
    Expired: V3_FIXTURE_IDS.expired,
    Abandoned: V3_FIXTURE_IDS.abandoned,
  },
  business: {
    Declined: V3_FIXTURE_IDS.kybDeclinedRegistry,
    'In Review': V3_FIXTURE_IDS.kybAwaitingUser,
    'Awaiting User': V3_FIXTURE_IDS.kybAwaitingUser,
  },
};
