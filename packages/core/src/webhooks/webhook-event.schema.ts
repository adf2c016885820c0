import * as z from 'zod/mini';
import { sessionDecisionSchema } from '../schemas/decision.schema.ts';
import { openEnum } from '../schemas/open-enum.ts';
import type { KnownSessionStatus } from '../schemas/statuses.ts';

/** `webhook_type` values seen so far; the list is open. */
export const WEBHOOK_TYPES = ['status.updated'] as const;

/**
 * The body of a v1 webhook delivery. Loose like every schema here: fields Didit adds later
 * are kept, and a status string this version does not know still parses.
 */
export const webhookEventSchema = z.looseObject({
  session_id: z.string(),
  status: openEnum<KnownSessionStatus>(),
  /** When the session was created, Unix seconds. */
  created_at: z.nullish(z.number()),
  /** When this delivery was made, Unix seconds. */
  timestamp: z.number(),
  /** Your own identifier, as given when the session was created. */
  vendor_data: z.nullish(z.string()),
  /** For example `status.updated`; older v1 bodies may not carry it. */
  webhook_type: z.optional(openEnum<(typeof WEBHOOK_TYPES)[number]>()),
  /** The decision, as `GET /v1/session/{sessionId}/decision/` returns it; sent with Approved, Declined, In Review, Abandoned. */
  decision: z.nullish(sessionDecisionSchema),
});

/** A verified webhook delivery, as `verifyWebhook` returns it. */
export type WebhookEvent = z.output<typeof webhookEventSchema>;
