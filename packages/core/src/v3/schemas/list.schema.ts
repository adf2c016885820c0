import * as z from 'zod/mini';
import type { PageBody } from '../../pagination.ts';
import { oneOf } from '../../schemas/checks.ts';
import { bool, type JsonObject, list, num, obj, open, str, strList, typed } from '../../schemas/kit.ts';
import type { OpenEnum } from '../../schemas/open-enum.ts';
import {
  type DecisionFeature,
  type DecisionReview,
  type DocumentType,
  decisionReviewSchema,
  sessionStatus,
} from './decision.schema.ts';
import { intIn, uuid } from './session.schema.ts';
import {
  type FeatureStatus,
  type KnownFeatureStatus,
  type KnownSessionKind,
  type KnownSessionStatus,
  SESSION_STATUSES,
  type SessionKind,
  type SessionStatus,
} from './statuses.ts';

// ---------------------------------------------------------------------------------------------
// Pages: `{ count, next, previous, results }`, limit/offset pagination, newest first

/** One page of a list, as Didit sends it (the client's own page type). */
export type { PageBody };

/** The schema of a page of `item`s. */
export function pageBodySchema<T>(item: z.ZodMiniType<T, unknown>): z.ZodMiniType<PageBody<T>, unknown> {
  return z.looseObject({
    count: z.nullable(z.number()),
    next: z.nullable(z.string()),
    previous: z.nullable(z.string()),
    results: z.array(item),
  });
}

// ---------------------------------------------------------------------------------------------
// List sessions: `GET /v3/sessions/`

/** A standalone API service, for the `api_service` filter. */
export type ApiService =
  | 'ID_VERIFICATION'
  | 'FACE_MATCH'
  | 'AGE_ESTIMATION'
  | 'FACE_SEARCH'
  | 'POA'
  | 'AML'
  | 'KYB_REGISTRY'
  | 'PASSIVE_LIVENESS'
  | 'DATABASE_VALIDATION'
  | 'PHONE_VERIFICATION'
  | 'EMAIL_VERIFICATION';

/**
 * The query of `GET /v3/sessions/`. Filters marked "comma list" take several values joined with
 * commas; unknown values match nothing. Filters marked KYC apply to user sessions only.
 */
export interface ListSessionsParams {
  /** `user` (default), `business`, or `all` (both kinds' pages, concatenated). */
  session_kind?: OpenEnum<KnownSessionKind | 'all'>;
  /** Rows per page (per kind with `all`), at least 1. Default 50. */
  limit?: number;
  /** Rows to skip. Default 0. */
  offset?: number;
  /** Comma list of statuses, case-sensitive: `Approved,In Review`. */
  status?: string;
  /** Exactly your `vendor_data`. */
  vendor_data?: string;
  /** Free text: a session id, a number prefix, an email, a name, ... */
  search?: string;
  /** Comma list of workflow UUIDs. */
  workflow_id?: string;
  /** Created on or after this day (UTC), `YYYY-MM-DD`. */
  date_from?: string;
  /** Created up to this day (UTC), `YYYY-MM-DD`. */
  date_to?: string;
  /** Comma list: ISO alpha-3 of the ID document (KYC), or the registry's country (KYB). */
  country?: string;
  /** KYC, comma list of document codes: `P`, `ID`, `DL`, `RP`, ... */
  document_type?: string;
  /** KYC: exact document names (comma list when several). */
  document_name?: string;
  /** KYC, comma list: the document's region or state. */
  region?: string;
  /** KYC: every session of one verified person (a UUID). */
  didit_internal_id?: string;
  /** KYC, comma list: `API`, `HOSTED`, `MIGRATED` (`ALL` = no filter). */
  session_type?: string;
  /** KYC: standalone API sessions of this service. */
  api_service?: OpenEnum<ApiService>;
  /** KYC: a name in AML or database-validation screened data. */
  screened_full_name?: string;
  /** Comma list of warning risk codes. */
  warning?: string;
  /** KYC: only sessions whose decision first landed `In Review`. */
  status_initialized_as_in_review?: boolean;
  /** KYC: document verification flagged (or not) for manual review. */
  is_kyc_to_be_reviewed?: boolean;
  /** KYC: the end user's euuid (a UUID). */
  euuid?: string;
  /** Comma list of organization names. */
  organization_name?: string;
}

/**
 * Checks the types of the query (and the formats Didit would refuse with a 400); other keys pass.
 * Built in a pure function call, so a bundle that does not use it drops it.
 */
export const listSessionsParamsSchema = /* @__PURE__ */ (() => {
  const optStr = z.optional(z.string());
  const optBool = z.optional(z.boolean());
  /** `YYYY-MM-DD`. */
  const date = z.optional(
    z.string().check(z.refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'must be a date as YYYY-MM-DD')),
  );
  return typed<ListSessionsParams>()(
    z.looseObject({
      session_kind: z.optional(open<KnownSessionKind | 'all'>()),
      limit: z.optional(intIn(1)),
      offset: z.optional(intIn(0)),
      status: optStr,
      vendor_data: optStr,
      search: optStr,
      workflow_id: optStr,
      date_from: date,
      date_to: date,
      country: optStr,
      document_type: optStr,
      document_name: optStr,
      region: optStr,
      didit_internal_id: z.optional(uuid),
      session_type: optStr,
      api_service: z.optional(open<ApiService>()),
      screened_full_name: optStr,
      warning: optStr,
      status_initialized_as_in_review: optBool,
      is_kyc_to_be_reviewed: optBool,
      euuid: z.optional(uuid),
      organization_name: optStr,
    }),
  );
})();

/** A feature of a listed KYC session, and how it went. */
export interface SessionListFeature {
  feature?: OpenEnum<DecisionFeature> | null;
  status?: FeatureStatus | null;
}

export interface ListedPhoneNumber {
  number?: string | null;
  is_verified?: boolean | null;
}

export interface ListedEmailAddress {
  email?: string | null;
  is_verified?: boolean | null;
}

/**
 * A row of `GET /v3/sessions/`: a KYC (`session_kind: "user"`) or KYB (`"business"`) session.
 * Fields only one kind has are marked; media URLs are short-lived and null without media access.
 */
export interface SessionListItem {
  session_id: string;
  status: SessionStatus;
  session_kind?: SessionKind | null;
  session_number?: number | null;
  vendor_data?: string | null;
  created_at?: string | null;
  /** KYC: the ID document's issuing state (alpha-3); KYB: the registry's country. */
  country?: string | null;
  /** KYC. */
  session_url?: string | null;
  /** KYC. */
  portrait_image?: string | null;
  /** KYC. */
  document_type?: OpenEnum<DocumentType> | null;
  /** KYC. */
  full_name?: string | null;
  /** KYC: Didit's id for the verified person, shared by all their sessions. */
  didit_internal_id?: string | null;
  /** KYC. */
  features?: SessionListFeature[] | null;
  /** KYC. */
  phone_number?: ListedPhoneNumber | null;
  /** KYC. */
  email_address?: ListedEmailAddress | null;
  /** KYC: a summary per feature (AML hits, liveness and face-match scores, ...). */
  additional_details?: JsonObject | null;
  /** KYB. */
  workflow_id?: string | null;
  /** KYB. */
  workflow_type?: string | null;
  /** KYB. */
  workflow_label?: string | null;
  /** KYB. */
  company_name?: string | null;
  /** KYB. */
  registration_number?: string | null;
}

export const sessionListItemSchema = typed<SessionListItem>()(
  z.looseObject({
    session_id: z.string(),
    status: sessionStatus,
    session_kind: z.nullish(open<KnownSessionKind>()),
    session_number: num,
    vendor_data: str,
    created_at: str,
    country: str,
    session_url: str,
    portrait_image: str,
    document_type: z.nullish(open<DocumentType>()),
    full_name: str,
    didit_internal_id: str,
    features: list(
      z.looseObject({ feature: z.nullish(open<DecisionFeature>()), status: z.nullish(open<KnownFeatureStatus>()) }),
    ),
    phone_number: z.nullish(z.looseObject({ number: str, is_verified: bool })),
    email_address: z.nullish(z.looseObject({ email: str, is_verified: bool })),
    additional_details: obj,
    workflow_id: str,
    workflow_type: str,
    workflow_label: str,
    company_name: str,
    registration_number: str,
  }),
);

// ---------------------------------------------------------------------------------------------
// Reviews: `GET` and `POST /v3/sessions/{session_id}/reviews/` (KYC only)

export type ReviewActivityType =
  | 'COMMENT'
  | 'STATUS_UPDATED'
  | 'KYC_DATA_UPDATED'
  | 'POA_DATA_UPDATED'
  | 'FILE_ADDED'
  | 'FILE_REMOVED'
  | 'AML_ONGOING_MATCH'
  | 'AML_STATUS_UPDATED'
  | 'AML_HIT_STATUS_UPDATED'
  | 'KYB_DATA_UPDATED'
  | 'KYB_DOCUMENT_UPLOADED'
  | 'TAG_ADDED'
  | 'TAG_REMOVED';

/** An entry of a session's review trail (activity feed). */
export interface ReviewItem {
  uuid?: string | null;
  activity_type?: OpenEnum<ReviewActivityType> | null;
  /** `API Client`, a console user's name, or `Unknown`. */
  actor_display?: string | null;
  actor_email?: string | null;
  actor_type?: OpenEnum<'API_KEY' | 'CONSOLE_USER' | 'SYSTEM'> | null;
  new_status?: SessionStatus | null;
  previous_status?: SessionStatus | null;
  comment?: string | null;
  mentioned_emails?: string[] | null;
  /** What changed, before: e.g. `{ status: 'In Review' }`. */
  previous_value?: JsonObject | null;
  /** What changed, after. */
  new_value?: JsonObject | null;
  changed_fields?: string[] | null;
  /** Context of system entries, e.g. `{ system_event: 'DETAIL_VIEWED' }`. */
  metadata?: JsonObject | null;
  created_at?: string | null;
}

export const reviewItemSchema = typed<ReviewItem>()(
  z.looseObject({
    uuid: str,
    activity_type: z.nullish(open<ReviewActivityType>()),
    actor_display: str,
    actor_email: str,
    actor_type: z.nullish(open<'API_KEY' | 'CONSOLE_USER' | 'SYSTEM'>()),
    new_status: z.nullish(sessionStatus),
    previous_status: z.nullish(sessionStatus),
    comment: str,
    mentioned_emails: strList,
    previous_value: obj,
    new_value: obj,
    changed_fields: strList,
    metadata: obj,
    created_at: str,
  }),
);

/** The query of `GET /v3/sessions/{session_id}/reviews/`. */
export interface ListReviewsParams {
  /** Default 50. */
  limit?: number;
  offset?: number;
  /** `-created_at` (newest first, default) or `created_at`. */
  ordering?: OpenEnum<'created_at' | '-created_at'>;
}

/** Built in a pure function call, so a bundle that does not use it drops it. */
export const listReviewsParamsSchema = /* @__PURE__ */ (() =>
  typed<ListReviewsParams>()(
    z.looseObject({
      limit: z.optional(intIn(1)),
      offset: z.optional(intIn(0)),
      ordering: z.optional(open<'created_at' | '-created_at'>()),
    }),
  ))();

/**
 * The body of `POST /v3/sessions/{session_id}/reviews/`: a note on the trail. It does not change
 * the session's status (use update-status for that) and sends no webhook. `{}` is accepted.
 */
export interface CreateReviewRequest {
  /** A status label for the note (any of the ten, exactly spelt). */
  new_status?: KnownSessionStatus | null;
  comment?: string | null;
}

export const createReviewRequestSchema = typed<CreateReviewRequest>()(
  z.looseObject({
    new_status: z.optional(z.nullable(oneOf(SESSION_STATUSES))),
    comment: z.optional(z.nullable(z.string())),
  }),
);

/** The `201` body of `POST /v3/sessions/{session_id}/reviews/` (`user` is always `Unknown`). */
export type CreatedReview = DecisionReview;

export const createdReviewSchema: z.ZodMiniType<CreatedReview, unknown> = decisionReviewSchema;
