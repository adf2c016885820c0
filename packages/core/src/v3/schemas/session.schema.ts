import * as z from 'zod/mini';
import { oneOf } from '../../schemas/checks.ts';
import { anything, type JsonObject, num, obj, objList, open, str, typed } from '../../schemas/kit.ts';
import type { OpenEnum } from '../../schemas/open-enum.ts';
import { decisionShape, type SessionDecision, sessionStatus } from './decision.schema.ts';
import {
  type FeatureUpdateStatus,
  type KnownSandboxScenario,
  type KnownSessionKind,
  type SandboxScenario,
  type SessionKind,
  type SessionStatus,
  UPDATE_STATUSES,
  type UpdateStatus,
} from './statuses.ts';

// Requests are typed exactly (a misspelt field in a literal is a compile error) but pass unknown
// fields through at run time, because Didit adds fields. Responses are lenient, as in the decision.

// ---------------------------------------------------------------------------------------------
// Checks shared with list.schema.ts

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @internal A UUID string, any case. */
export const uuid = z.string().check(z.refine((v) => UUID.test(v), 'must be a UUID'));

/** @internal A whole number from `min` to `max`. */
export const intIn = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number()
    .check(
      z.refine(
        (v) => Number.isInteger(v) && v >= min && v <= max,
        `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`,
      ),
    );

/**
 * An absolute URL (`https://example.com/done`) or an app link with a custom scheme
 * (`myapp://done`), which Didit supports for mobile callbacks; never a script or data URL.
 */
const callbackUrl = z.string().check(
  z.refine((v) => {
    try {
      return /^[a-z][\w+.-]*:\/\/\S/i.test(v) && !/^(javascript|data|vbscript|file):$/i.test(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an absolute URL or an app link (myapp://done)'),
);

/** Decoded size of `portrait_image` that Didit accepts. */
const MAX_PORTRAIT_BYTES = 2 * 1024 * 1024;
const portraitImage = z
  .string()
  .check(
    z.refine(
      (v) =>
        v.length % 4 === 0 &&
        /^[A-Za-z\d+/]*={0,2}$/.test(v) &&
        (v.length / 4) * 3 - (v.length - v.replace(/=+$/, '').length) <= MAX_PORTRAIT_BYTES,
      'must be a base64 image (no data: prefix) of at most 2 MB',
    ),
  );

// ---------------------------------------------------------------------------------------------
// Create: `POST /v3/session/`

export type CallbackMethod = 'initiator' | 'completer' | 'both';

/** An ID document type code for `expected_details.expected_document_types`. */
export type ExpectedDocumentType = 'P' | 'ID' | 'DL' | 'RP' | 'HIC' | 'TC' | 'SSC';

/** Who Didit can email about the session. */
export interface CreateSessionContactDetails {
  email?: string;
  /** Email the user about the session's progress. Default `false`. */
  send_notification_emails?: boolean;
  /** The language of those emails (the same codes as `language`). */
  email_lang?: string;
  /** E.164 (`+14155552671`); an invalid number is ignored, and KYB ignores it. */
  phone?: string;
}

/**
 * What you already know about the user (or company): Didit compares it with what it reads and
 * warns on mismatches. KYB uses `company_name`, `registry_country` and `registration_number` only.
 */
export interface CreateSessionExpectedDetails {
  first_name?: string;
  last_name?: string;
  /** `YYYY-MM-DD`. */
  date_of_birth?: string;
  gender?: 'M' | 'F' | null;
  /** ISO 3166-1 alpha-3, like the other country fields. */
  nationality?: string;
  country?: string;
  id_country?: string;
  poa_country?: string;
  /** Needs `country` or `poa_country`. */
  address?: string;
  identification_number?: string;
  ip_address?: string;
  expected_document_types?: OpenEnum<ExpectedDocumentType>[];
  company_name?: string;
  /** ISO 3166-1 alpha-2, or a subdivision (`US-DE`). */
  registry_country?: string;
  registration_number?: string;
}

/** The body of `POST /v3/session/`. */
export interface CreateSessionRequest {
  /** The workflow (UUID) that decides the steps, and KYC or KYB. */
  workflow_id: string;
  /**
   * Your id for the user or company. Groups their sessions, excludes their own sessions from
   * duplicate detection, and makes create idempotent: an unfinished session of the same user on
   * the current workflow version is returned again.
   */
  vendor_data?: string;
  /**
   * Where the user goes when done (`https://...` or an app link `myapp://...`); Didit appends
   * `?verificationSessionId=...&status=...`. Default: the workflow's.
   */
  callback?: string;
  /** Who is redirected to `callback`: the device that started (`initiator`, default), the one that finished, or both. */
  callback_method?: CallbackMethod;
  /** Any JSON, stored with the session and echoed in responses and webhooks. */
  metadata?: unknown;
  /** The hosted page's language: `en`, `es`, `pt-BR`, `zh-TW`, ... (54 codes; default: the browser's). */
  language?: string;
  contact_details?: CreateSessionContactDetails;
  expected_details?: CreateSessionExpectedDetails;
  /** Base64 portrait (at most 2 MB) for workflows that match a face before reading a document. */
  portrait_image?: string;
  /** Sandbox applications only: the outcome the session will have. */
  sandbox_scenario?: SandboxScenario;
}

const optStr = z.optional(z.string());

export const createSessionRequestSchema = typed<CreateSessionRequest>()(
  z.looseObject({
    workflow_id: uuid,
    vendor_data: optStr,
    callback: z.optional(callbackUrl),
    callback_method: z.optional(oneOf(['initiator', 'completer', 'both'] as const)),
    metadata: anything,
    language: optStr,
    contact_details: z.optional(
      z.looseObject({
        email: optStr,
        send_notification_emails: z.optional(z.boolean()),
        email_lang: optStr,
        phone: optStr,
      }),
    ),
    expected_details: z.optional(
      z.looseObject({
        first_name: optStr,
        last_name: optStr,
        date_of_birth: optStr,
        gender: z.optional(z.nullable(oneOf(['M', 'F'] as const))),
        nationality: optStr,
        country: optStr,
        id_country: optStr,
        poa_country: optStr,
        address: optStr,
        identification_number: optStr,
        ip_address: optStr,
        expected_document_types: z.optional(z.array(open<ExpectedDocumentType>())),
        company_name: optStr,
        registry_country: optStr,
        registration_number: optStr,
      }),
    ),
    portrait_image: z.optional(portraitImage),
    sandbox_scenario: z.optional(open<KnownSandboxScenario>()),
  }),
);

/** The `201` body of `POST /v3/session/` (also when an unfinished session is returned again). */
export interface CreatedSession {
  session_id: string;
  /** Authenticates the hosted page and the client-side calls for this session: keep it secret. */
  session_token: string;
  /** The hosted verification page to send the user to. */
  url: string;
  /** `Not Started` for a new session; the real status for one returned again. */
  status: SessionStatus;
  session_number?: number | null;
  vendor_data?: string | null;
  /** Your `metadata`, or null. */
  metadata?: unknown;
  workflow_id?: string | null;
  workflow_version?: number | null;
  callback?: string | null;
}

export const createdSessionSchema = typed<CreatedSession>()(
  z.looseObject({
    session_id: z.string(),
    session_token: z.string(),
    url: z.string(),
    status: sessionStatus,
    session_number: num,
    vendor_data: str,
    metadata: anything,
    workflow_id: str,
    workflow_version: num,
    callback: str,
  }),
);

// ---------------------------------------------------------------------------------------------
// Update status: `PATCH /v3/session/{sessionId}/update-status/`

/**
 * A feature type for `nodes_to_resubmit` (`ID_VERIFICATION`, `POA`, `PHONE`, `EMAIL` are aliases
 * Didit normalizes; KYB features are refused).
 */
export type ResubmitFeature =
  | 'OCR'
  | 'OCR_BACK'
  | 'NFC'
  | 'AML'
  | 'FACE'
  | 'LIVENESS'
  | 'FACE_MATCH'
  | 'IP_ANALYSIS'
  | 'AGE_ESTIMATION'
  | 'PROOF_OF_ADDRESS'
  | 'PHONE_VERIFICATION'
  | 'EMAIL_VERIFICATION'
  | 'FACE_SEARCH'
  | 'DATABASE_VALIDATION'
  | 'QUESTIONNAIRE'
  | 'DOCUMENT_AI'
  | 'ID_VERIFICATION'
  | 'POA'
  | 'PHONE'
  | 'EMAIL';

/** A step to redo, from the decision: an item's `node_id` and its feature. */
export interface NodeToResubmit {
  node_id: string;
  feature: OpenEnum<ResubmitFeature>;
}

/** The body of `PATCH /v3/session/{sessionId}/update-status/`. */
export interface UpdateStatusRequest {
  /**
   * `Approved` or `Declined`; or `Resubmitted` to have the user redo steps at the same URL
   * (those in `nodes_to_resubmit`, or, without it, every attempted step that was not approved).
   */
  new_status: UpdateStatus;
  /** Why; kept in the session's `reviews`. */
  comment?: string;
  nodes_to_resubmit?: NodeToResubmit[];
  /** Email the user a link to continue (with `Resubmitted`). Needs `email_address`. */
  send_email?: boolean;
  /** Required when `send_email` is true. */
  email_address?: string;
  /** The email's language; unsupported codes fall back to `en`. */
  email_language?: string;
}

export const updateStatusRequestSchema = typed<UpdateStatusRequest>()(
  z
    .looseObject({
      new_status: oneOf(UPDATE_STATUSES),
      comment: optStr,
      nodes_to_resubmit: z.optional(z.array(z.looseObject({ node_id: z.string(), feature: open<ResubmitFeature>() }))),
      send_email: z.optional(z.boolean()),
      email_address: optStr,
      email_language: optStr,
    })
    .check(
      z.refine((v) => v.send_email !== true || !!v.email_address, {
        error: 'is required when send_email is true',
        path: ['email_address'],
      }),
    ),
);

/** The `200` body of `PATCH /v3/session/{sessionId}/update-status/`. */
export interface UpdateStatusResponse {
  session_id: string;
}

export const updateStatusResponseSchema = typed<UpdateStatusResponse>()(z.looseObject({ session_id: z.string() }));

// ---------------------------------------------------------------------------------------------
// One feature's status: `PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/`

/** The body of `PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/`. */
export interface UpdateFeatureStatusRequest {
  /** Must differ from the feature's current status. The session's status does not change. */
  new_status: FeatureUpdateStatus;
  comment?: string;
}

export const updateFeatureStatusRequestSchema = typed<UpdateFeatureStatusRequest>()(
  z.looseObject({ new_status: oneOf(['Approved', 'Declined', 'In Review'] as const), comment: optStr }),
);

/** The `200` body of the per-feature update-status. */
export interface UpdateFeatureStatusResponse {
  session_id: string;
  node_id?: string | null;
  /** Didit's model name of the feature: `KYC`, `Face`, `FaceMatch`, `AML`, `POA`, ... */
  feature_type?: string | null;
  new_status?: string | null;
}

export const updateFeatureStatusResponseSchema = typed<UpdateFeatureStatusResponse>()(
  z.looseObject({ session_id: z.string(), node_id: str, feature_type: str, new_status: str }),
);

// ---------------------------------------------------------------------------------------------
// Batch delete: `POST /v3/sessions/delete/` (KYC only)

/** Delete these sessions (their `session_number`s, as digit strings). Unknown numbers are skipped. */
export interface BatchDeleteByNumbers {
  session_numbers: string[];
  delete_all?: false;
}

/** Delete every KYC session of the application. Irreversible. */
export interface BatchDeleteAll {
  delete_all: true;
}

/** The body of `POST /v3/sessions/delete/`. */
export type BatchDeleteRequest = BatchDeleteByNumbers | BatchDeleteAll;

const isDigits = (v: unknown) => typeof v === 'string' && /^\d+$/.test(v);

export const batchDeleteRequestSchema = typed<BatchDeleteRequest>()(
  z.custom<BatchDeleteRequest>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      ('delete_all' in v && v.delete_all === true
        ? true
        : 'session_numbers' in v &&
          Array.isArray(v.session_numbers) &&
          v.session_numbers.length > 0 &&
          v.session_numbers.every(isDigits)),
    { error: 'must be { session_numbers: [digit strings] } or { delete_all: true }' },
  ),
);

/**
 * What `POST /v3/sessions/delete/` answered: `{}` for a 204 (Didit's spec), `{ results }` for a
 * 200, or `{ job_id, ... }` for a 202 when more than 20 sessions match (newer docs).
 */
export interface BatchDeleteResponse {
  /** 200: one outcome per session. */
  results?: JsonObject[] | null;
  /** 202: the deletion job, to poll at `GET /v3/sessions/delete/{job_id}/`. */
  job_id?: string | null;
  /** `PENDING`, `PROCESSING`, `COMPLETED` or `FAILED`. */
  status?: OpenEnum<'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED'> | null;
  total?: number | null;
  processed?: number | null;
  outcomes?: JsonObject | null;
  error?: unknown;
}

export const batchDeleteResponseSchema = typed<BatchDeleteResponse>()(
  z.looseObject({
    results: objList,
    job_id: str,
    status: z.nullish(open<'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED'>()),
    total: num,
    processed: num,
    outcomes: obj,
    error: anything,
  }),
);

// ---------------------------------------------------------------------------------------------
// Share and import: `POST /v3/session/{sessionId}/share/`, `POST /v3/session/import-shared/`

/** The body of `POST /v3/session/{sessionId}/share/` (only `Approved`, `Declined` or `In Review` sessions). */
export interface ShareSessionRequest {
  /** The Didit application (UUID) that may import it; not your own. */
  for_application_id: string;
  /** How long the token is valid: 60 to 86400 seconds, default 3600. */
  ttl_in_seconds?: number;
}

export const shareSessionRequestSchema = typed<ShareSessionRequest>()(
  z.looseObject({ for_application_id: uuid, ttl_in_seconds: z.optional(intIn(60, 86400)) }),
);

/** The `200` body of `POST /v3/session/{sessionId}/share/`. */
export interface SharedSession {
  /** A JWT to hand to the other application, for `import-shared`. */
  share_token: string;
  for_application_id?: string | null;
  session_kind?: SessionKind | null;
}

export const sharedSessionSchema = typed<SharedSession>()(
  z.looseObject({
    share_token: z.string(),
    for_application_id: str,
    session_kind: z.nullish(open<KnownSessionKind>()),
  }),
);

/** The body of `POST /v3/session/import-shared/`. */
export interface ImportSharedRequest {
  share_token: string;
  /** `true` keeps the sharer's review outcome; `false` puts the copy `In Review`. */
  trust_review: boolean;
  /** One of your workflows (UUID), of the same kind as the shared session. */
  workflow_id: string;
  vendor_data?: string | null;
}

export const importSharedRequestSchema = typed<ImportSharedRequest>()(
  z.looseObject({
    share_token: z.string(),
    trust_review: z.boolean(),
    workflow_id: uuid,
    vendor_data: z.optional(z.nullable(z.string())),
  }),
);

/**
 * The `201` body of `POST /v3/session/import-shared/`: the copy, with a new `session_id`. For a
 * business session it is the v3 decision; for a user session it is Didit's V2 decision, with one
 * object per feature under singular keys (`id_verification`, `liveness`, `aml`, ...) instead of
 * the v3 arrays, and no `session_kind`.
 */
export interface ImportedSession extends Omit<SessionDecision, 'status'> {
  status?: SessionStatus | null;
  /** V2 (user sessions): the ID document. */
  id_verification?: JsonObject | null;
  /** V2 (user sessions): the liveness check. */
  liveness?: JsonObject | null;
  /** V2 (user sessions): the AML screening. */
  aml?: JsonObject | null;
}

export const importedSessionSchema = typed<ImportedSession>()(
  z.looseObject({
    ...decisionShape,
    status: z.nullish(sessionStatus),
    id_verification: obj,
    liveness: obj,
    aml: obj,
  }),
);

// ---------------------------------------------------------------------------------------------
// Sandbox: `POST /v3/session/{sessionId}/sandbox/arm/` (with the session's token)

/** The body of `POST /v3/session/{sessionId}/sandbox/arm/`, while the session is `Not Started`. */
export interface ArmSandboxRequest {
  /** A scenario slug, such as `approve` or `decline_aml_hit` (see `SANDBOX_SCENARIOS`). */
  scenario: SandboxScenario;
}

export const armSandboxRequestSchema = typed<ArmSandboxRequest>()(
  z.looseObject({ scenario: open<KnownSandboxScenario>() }),
);

/** The `200` body of the sandbox arm. */
export interface ArmedSandbox {
  session_id: string;
  scenario?: string | null;
  status?: SessionStatus | null;
}

export const armedSandboxSchema = typed<ArmedSandbox>()(
  z.looseObject({ session_id: z.string(), scenario: str, status: z.nullish(sessionStatus) }),
);
