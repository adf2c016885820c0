import * as z from 'zod/mini';
import { httpUrl, oneOf, stringOfLength } from '../../schemas/checks.ts';
import { typed } from '../../schemas/kit.ts';
import { openEnum } from '../../schemas/open-enum.ts';
import {
  type KnownSessionStatus,
  REVIEW_STATUSES,
  type ReviewStatus,
  SESSION_FEATURES,
  type SessionFeatures,
  type SessionStatus,
} from './statuses.ts';

// Interfaces written out rather than inferred, for the reasons in decision.schema.ts. The
// request schemas are loose too: Didit adds request fields (`document_types`, `language`,
// ...) that a caller may send before this SDK types them, so unknown keys go through as
// they are; the known ones are still checked, and the TypeScript types stay exact.

/** The body of `POST /v1/session/`. */
export interface CreateSessionRequest {
  /**
   * Where Didit sends the user after the hosted page, with `?verificationSessionId=...&status=...`.
   * Optional: integrations that embed the page in an iframe leave it out.
   */
  callback?: string;
  /** Your own identifier for the user (for example your user id). */
  vendor_data: string;
  /** Omit to use the features set in Didit's console. */
  features?: SessionFeatures;
}

/** The `201` body of `POST /v1/session/`. Extra fields Didit returns are kept. */
export interface CreatedSession {
  session_id: string;
  session_token: string;
  /** The hosted verification page to send the user to. */
  url: string;
  session_number?: number | null;
  status?: SessionStatus | null;
  vendor_data?: string | null;
  callback?: string | null;
  features?: string | null;
}

/** The body of `PATCH /v1/session/{session_id}/update-status/`. */
export interface UpdateStatusRequest {
  new_status: ReviewStatus;
  comment?: string;
}

/** The `200` body of `PATCH /v1/session/{session_id}/update-status/`. */
export interface UpdateStatusResponse {
  session_id: string;
}

const createSessionRequest = z.looseObject({
  callback: z.optional(httpUrl()),
  vendor_data: stringOfLength(0, 1024),
  features: z.optional(oneOf(SESSION_FEATURES)),
});

const createdSession = z.looseObject({
  session_id: z.string(),
  session_token: z.string(),
  url: z.string(),
  session_number: z.nullish(z.number()),
  status: z.nullish(openEnum<KnownSessionStatus>()),
  vendor_data: z.nullish(z.string()),
  callback: z.nullish(z.string()),
  features: z.nullish(z.string()),
});

const updateStatusRequest = z.looseObject({
  new_status: oneOf(REVIEW_STATUSES),
  comment: z.optional(stringOfLength(0, 2000)),
});

const updateStatusResponse = z.looseObject({
  session_id: z.string(),
});

/** The body of `POST /v1/session/`. Unknown fields are sent as they are. */
export const createSessionRequestSchema: z.ZodMiniType<CreateSessionRequest, CreateSessionRequest> =
  createSessionRequest;
/** The `201` body of `POST /v1/session/`. */
export const createdSessionSchema = typed<CreatedSession>()(createdSession);
/** The body of `PATCH /v1/session/{session_id}/update-status/`. Unknown fields are sent as they are. */
export const updateStatusRequestSchema: z.ZodMiniType<UpdateStatusRequest, UpdateStatusRequest> = updateStatusRequest;
/** The `200` body of `PATCH /v1/session/{session_id}/update-status/`. */
export const updateStatusResponseSchema = typed<UpdateStatusResponse>()(updateStatusResponse);

/**
 * @internal The schemas above as zod infers them, before they are typed with their
 * interfaces: only for the type test that holds each interface to what its schema checks.
 */
export interface InferredSessionSchemas {
  createSessionRequest: typeof createSessionRequest;
  createdSession: typeof createdSession;
  updateStatusRequest: typeof updateStatusRequest;
  updateStatusResponse: typeof updateStatusResponse;
}
