import * as z from 'zod/mini';
import { httpUrl, oneOf, stringOfLength } from './checks.ts';
import { openEnum } from './open-enum.ts';
import { REVIEW_STATUSES, SESSION_FEATURES, SESSION_STATUSES } from './statuses.ts';

/** The body of `POST /v1/session/`. */
export const createSessionRequestSchema = z.strictObject({
  /** Where Didit sends the user after the hosted page, with `?verificationSessionId=...&status=...`. */
  callback: httpUrl(),
  /** Your own identifier for the user (for example your user id). */
  vendor_data: stringOfLength(0, 1024),
  /** Omit to use the features set in Didit's console. */
  features: z.optional(oneOf(SESSION_FEATURES)),
});

/** The `201` body of `POST /v1/session/`. Extra fields Didit returns are kept. */
export const createdSessionSchema = z.looseObject({
  session_id: z.string(),
  session_token: z.string(),
  /** The hosted verification page to send the user to. */
  url: z.string(),
  session_number: z.nullish(z.number()),
  status: z.nullish(openEnum(SESSION_STATUSES)),
  vendor_data: z.nullish(z.string()),
  callback: z.nullish(z.string()),
  features: z.nullish(z.string()),
});

/** The body of `PATCH /v1/session/{session_id}/update-status/`. */
export const updateStatusRequestSchema = z.strictObject({
  new_status: oneOf(REVIEW_STATUSES),
  comment: z.optional(stringOfLength(0, 2000)),
});

/** The `200` body of `PATCH /v1/session/{session_id}/update-status/`. */
export const updateStatusResponseSchema = z.looseObject({
  session_id: z.string(),
});

export type CreateSessionRequest = z.input<typeof createSessionRequestSchema>;
export type CreatedSession = z.output<typeof createdSessionSchema>;
export type UpdateStatusRequest = z.input<typeof updateStatusRequestSchema>;
export type UpdateStatusResponse = z.output<typeof updateStatusResponseSchema>;
