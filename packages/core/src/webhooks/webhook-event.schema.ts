import * as z from 'zod/mini';
import { anything, type JsonObject, num, obj, open, str, typed } from '../schemas/kit.ts';
import type { OpenEnum } from '../schemas/open-enum.ts';
import {
  type SessionDecision as V1SessionDecision,
  sessionDecisionSchema as v1SessionDecisionSchema,
} from '../v1/schemas/decision.schema.ts';
import {
  type Environment,
  type SessionDecision,
  sessionDecisionSchema,
  sessionStatus,
  V3_FEATURE_ARRAYS,
} from '../v3/schemas/decision.schema.ts';
import type { KnownSessionKind, SessionKind, SessionStatus } from '../v3/schemas/statuses.ts';

// The body of a webhook delivery, as `verifyWebhook` returns it: one union, discriminated by
// `webhook_type`, with a variant per v3 event type, one for v1/v2 deliveries and an open one for
// a type this version does not know. Lenient like every schema here: fields Didit adds later are
// kept at run time (`rawFields(event)` reads them), and open enums accept any string.

/** Every `webhook_type` a v3 destination can subscribe to (Didit's OpenAPI `WebhookEvent`). */
export const WEBHOOK_TYPES = [
  'status.updated',
  'data.updated',
  'user.status.updated',
  'user.data.updated',
  'business.status.updated',
  'business.data.updated',
  'activity.created',
  'transaction.created',
  'transaction.status.updated',
  'travel_rule.status.updated',
] as const;

export type KnownWebhookType = (typeof WEBHOOK_TYPES)[number];
/** A webhook type: one of {@link WEBHOOK_TYPES}, or a newer string Didit may add. */
export type WebhookType = OpenEnum<KnownWebhookType>;

/** What every v3 delivery carries, whatever its type. */
export interface WebhookEnvelope {
  /** The event's id, the same on every retry of it: deduplicate on it. */
  event_id: string;
  /** When this delivery was made, Unix seconds. Signed by all three signatures; `verifyWebhook` checks it is recent. */
  timestamp: number;
  /** When the event happened, Unix seconds. */
  created_at?: number | null;
  application_id?: string | null;
  environment?: OpenEnum<Environment> | null;
}

/** The fields of a session event (`status.updated`, `data.updated`). */
export interface SessionWebhookFields {
  session_id: string;
  status: SessionStatus;
  /** `business` for a KYB session. */
  session_kind?: SessionKind | null;
  workflow_id?: string | null;
  workflow_version?: number | null;
  /** Your own identifier, as given when the session was created. */
  vendor_data?: string | null;
  /** What you sent as `metadata` at creation (any JSON). */
  metadata?: unknown;
  /** KYB. */
  business_session_id?: string | null;
  /** KYB (undocumented). */
  vendor_business_id?: string | null;
  /**
   * The decision, as `GET /v3/session/{sessionId}/decision/` returns it; sent with Approved,
   * Declined, In Review and Abandoned. Never count on it: fetch the decision when it is absent.
   */
  decision?: SessionDecision | null;
  /**
   * A `decision` that is not a v3 decision (another shape, or missing `session_id`/`status`):
   * kept as sent, unchecked, instead of `decision`, rather than refusing a signed delivery.
   */
  unparsed_decision?: unknown;
  /** With `Resubmitted`: which steps the user redoes (shape undocumented). */
  resubmit_info?: JsonObject | null;
}

/** `status.updated`: a session started or changed status (also after an API update). */
export interface SessionStatusUpdatedEvent extends WebhookEnvelope, SessionWebhookFields {
  webhook_type: 'status.updated';
}

/** `data.updated`: a session's data was edited, or one of its features' status was updated. */
export interface SessionDataUpdatedEvent extends WebhookEnvelope, SessionWebhookFields {
  webhook_type: 'data.updated';
}

/**
 * The fields Didit documents nowhere for the User, Business, activity, transaction and Travel
 * Rule events: typed loosely, all optional. The rest of the body is kept; read it with
 * `rawFields(event)`.
 */
export interface EntityWebhookFields {
  vendor_data?: string | null;
  status?: string | null;
  metadata?: unknown;
}

/** `user.status.updated`: a User (an end user across sessions) changed status. */
export interface UserStatusUpdatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'user.status.updated';
}

/** `user.data.updated`: a User's data changed. */
export interface UserDataUpdatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'user.data.updated';
}

/** `business.status.updated`: a Business changed status. */
export interface BusinessStatusUpdatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'business.status.updated';
}

/** `business.data.updated`: a Business's data changed. */
export interface BusinessDataUpdatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'business.data.updated';
}

/** `activity.created`: an activity was recorded on a User or Business. */
export interface ActivityCreatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'activity.created';
}

/** `transaction.created`: a transaction was submitted for monitoring. */
export interface TransactionCreatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'transaction.created';
}

/** `transaction.status.updated`: a transaction changed status. */
export interface TransactionStatusUpdatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'transaction.status.updated';
}

/** `travel_rule.status.updated`: a Travel Rule transfer changed status. */
export interface TravelRuleStatusUpdatedEvent extends WebhookEnvelope, EntityWebhookFields {
  webhook_type: 'travel_rule.status.updated';
}

/** A v3 delivery of a type this version knows. `switch (event.webhook_type)` narrows it to one variant. */
export type V3WebhookEvent =
  | SessionStatusUpdatedEvent
  | SessionDataUpdatedEvent
  | UserStatusUpdatedEvent
  | UserDataUpdatedEvent
  | BusinessStatusUpdatedEvent
  | BusinessDataUpdatedEvent
  | ActivityCreatedEvent
  | TransactionCreatedEvent
  | TransactionStatusUpdatedEvent
  | TravelRuleStatusUpdatedEvent;

/**
 * A v1 or v2 delivery (a destination or the app-level webhook set to `webhook_version` v1 or v2):
 * no `webhook_type` (v1), or `status.updated` without `event_id`. Also what a delivery verified
 * by X-Signature-Simple alone comes back as: only the fields that signature covers.
 */
export interface LegacyWebhookEvent {
  webhook_type?: 'status.updated';
  session_id: string;
  status: SessionStatus;
  /** When this delivery was made, Unix seconds. */
  timestamp: number;
  /** When the session was created, Unix seconds. */
  created_at?: number | null;
  vendor_data?: string | null;
  /** v2, when set. */
  workflow_id?: string | null;
  /** v2, when set. */
  metadata?: unknown;
  /**
   * The decision: a v1 one (`kyc`, `aml`, `face`, as `GET /v1/session/{sessionId}/decision/`
   * returns it), or a v3 one when it has v3's shape (tell them apart with `'kyc' in decision`).
   */
  decision?: V1SessionDecision | SessionDecision | null;
  /** A `decision` that is no decision of either version, kept as sent, unchecked. */
  unparsed_decision?: unknown;
}

/**
 * A delivery of a `webhook_type` this version does not know (or a v2 delivery of another type
 * than `status.updated`). Only the envelope is typed; the whole body is kept (`rawFields(event)`).
 */
export interface UnknownWebhookEvent {
  webhook_type: string;
  event_id?: string | null;
  timestamp?: number | null;
  created_at?: number | null;
  application_id?: string | null;
  environment?: OpenEnum<Environment> | null;
  session_id?: string | null;
  status?: string | null;
  vendor_data?: string | null;
}

/**
 * A verified webhook delivery, as `verifyWebhook` returns it. TypeScript cannot narrow a union
 * with an open `string` member by comparing `webhook_type`, so narrow first:
 * `if (isV3WebhookEvent(event)) switch (event.webhook_type) { ... }`.
 */
export type WebhookEvent = V3WebhookEvent | LegacyWebhookEvent | UnknownWebhookEvent;

// ---------------------------------------------------------------------------------------------
// Schemas. `decision` is checked (and chosen between v1 and v3) by `parseWebhookDecision` before
// a variant schema runs, so the variant schemas take it as it comes.

/** A value already checked by `parseWebhookDecision`. */
const checked = <T>() => z.custom<T>();

const envelopeShape = {
  event_id: z.string(),
  timestamp: z.number(),
  created_at: num,
  application_id: str,
  environment: z.nullish(open<Environment>()),
};

const sessionShape = {
  ...envelopeShape,
  session_id: z.string(),
  status: sessionStatus,
  session_kind: z.nullish(open<KnownSessionKind>()),
  workflow_id: str,
  workflow_version: num,
  vendor_data: str,
  metadata: anything,
  business_session_id: str,
  vendor_business_id: str,
  decision: z.nullish(checked<SessionDecision>()),
  unparsed_decision: anything,
  resubmit_info: obj,
};

const entityShape = { ...envelopeShape, vendor_data: str, status: str, metadata: anything };

const variantSchemas = {
  'status.updated': typed<SessionStatusUpdatedEvent>()(
    z.looseObject({ ...sessionShape, webhook_type: z.literal('status.updated') }),
  ),
  'data.updated': typed<SessionDataUpdatedEvent>()(
    z.looseObject({ ...sessionShape, webhook_type: z.literal('data.updated') }),
  ),
  'user.status.updated': typed<UserStatusUpdatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('user.status.updated') }),
  ),
  'user.data.updated': typed<UserDataUpdatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('user.data.updated') }),
  ),
  'business.status.updated': typed<BusinessStatusUpdatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('business.status.updated') }),
  ),
  'business.data.updated': typed<BusinessDataUpdatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('business.data.updated') }),
  ),
  'activity.created': typed<ActivityCreatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('activity.created') }),
  ),
  'transaction.created': typed<TransactionCreatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('transaction.created') }),
  ),
  'transaction.status.updated': typed<TransactionStatusUpdatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('transaction.status.updated') }),
  ),
  'travel_rule.status.updated': typed<TravelRuleStatusUpdatedEvent>()(
    z.looseObject({ ...entityShape, webhook_type: z.literal('travel_rule.status.updated') }),
  ),
} satisfies { [T in KnownWebhookType]: z.ZodMiniType<Extract<V3WebhookEvent, { webhook_type: T }>, unknown> };

const legacySchema = typed<LegacyWebhookEvent>()(
  z.looseObject({
    webhook_type: z.optional(z.literal('status.updated')),
    session_id: z.string(),
    status: sessionStatus,
    timestamp: z.number(),
    created_at: num,
    vendor_data: str,
    workflow_id: str,
    metadata: anything,
    decision: z.nullish(checked<V1SessionDecision | SessionDecision>()),
    unparsed_decision: anything,
  }),
);

const unknownSchema = typed<UnknownWebhookEvent>()(
  z.looseObject({
    webhook_type: z.string(),
    event_id: str,
    timestamp: num,
    created_at: num,
    application_id: str,
    environment: z.nullish(open<Environment>()),
    session_id: str,
    status: str,
    vendor_data: str,
  }),
);

const KNOWN_TYPES: ReadonlySet<string> = new Set(WEBHOOK_TYPES);

type Family = 'v3' | 'legacy' | 'unknown';

/**
 * Which variant a body is, from its envelope alone: a known `webhook_type` with an `event_id` is
 * v3; no `webhook_type`, or `status.updated` without `event_id`, is v1/v2; any other string type
 * is unknown. (A `webhook_type` that is no string matches nothing: the unknown schema says so.)
 */
function familyOf(body: Record<string, unknown>): Family {
  const type = body.webhook_type;
  if (type === undefined) return 'legacy';
  if (typeof type === 'string' && KNOWN_TYPES.has(type) && typeof body.event_id === 'string') return 'v3';
  if (type === 'status.updated') return 'legacy';
  return 'unknown';
}

// Keys only a v3 decision has, and keys only a v1 one has.
const V3_DECISION_KEYS = ['session_kind', ...V3_FEATURE_ARRAYS] as const;
const V1_DECISION_KEYS = ['kyc', 'aml', 'face'] as const;

/** The version a decision's shape says it is, or undefined when it says nothing. */
function decisionShape(decision: object): 'v3' | 'v1' | undefined {
  if (V3_DECISION_KEYS.some((key) => Object.hasOwn(decision, key))) return 'v3';
  if (V1_DECISION_KEYS.some((key) => Object.hasOwn(decision, key))) return 'v1';
  return undefined;
}

type ParsedWebhookDecision =
  | { decision: SessionDecision | V1SessionDecision | null; version: 'v3' | 'v1' | null }
  | { unparsed: unknown };

/**
 * The `decision` of a delivery, checked with the schema of the version its shape says (v3: a
 * `session_kind` or a plural feature array; v1: `kyc`, `aml` or `face`), or, when the shape says
 * nothing, the version of the envelope. Both schemas are lenient, so the choice matters: a v3
 * decision read with the v1 schema would "pass" with every v1 field missing. A v1/v2 envelope
 * accepts either version (v2's decision shape is undocumented); a v3 envelope only v3.
 *
 * A decision that fits no allowed schema is returned as `unparsed`, never as a refusal. It is kept
 * (as `unparsed_decision`, typed `unknown`) rather than dropped: the delivery is signed, so the
 * value is Didit's own; refusing it would lose the whole event over a change in one nested
 * object (Didit does not retry a 400), and dropping it would hide that anything was sent. Typed
 * `unknown`, it cannot be used without a check of the caller's own.
 */
function parseWebhookDecision(decision: unknown, envelope: 'v3' | 'v1'): ParsedWebhookDecision {
  if (decision === null) return { decision: null, version: null };
  if (typeof decision !== 'object' || Array.isArray(decision)) return { unparsed: decision };
  const preferred = decisionShape(decision) ?? envelope;
  const versions: ('v3' | 'v1')[] =
    envelope === 'v3' ? [preferred].filter((v) => v === 'v3') : [preferred, preferred === 'v3' ? 'v1' : 'v3'];
  for (const version of versions) {
    const schema = version === 'v3' ? sessionDecisionSchema : v1SessionDecisionSchema;
    const result = schema.safeParse(decision);
    if (result.success) return { decision: result.data, version };
  }
  return { unparsed: decision };
}

type ParseResult = { success: true; data: WebhookEvent } | { success: false; error: z.core.$ZodError };

function parseEvent(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return unknownSchema.safeParse(input) as ParseResult;
  }
  let body = input as Record<string, unknown>;
  const family = familyOf(body);
  if (family !== 'unknown' && body.decision !== undefined) {
    const parsed = parseWebhookDecision(body.decision, family === 'v3' ? 'v3' : 'v1');
    const { decision: _decision, ...rest } = body;
    body =
      'unparsed' in parsed ? { ...rest, unparsed_decision: parsed.unparsed } : { ...rest, decision: parsed.decision };
  }
  if (family === 'legacy') return legacySchema.safeParse(body);
  if (family === 'unknown') return unknownSchema.safeParse(body);
  return variantSchemas[body.webhook_type as KnownWebhookType].safeParse(body) as ParseResult;
}

/**
 * The body of a webhook delivery, whatever its version: a v3 event (typed by `webhook_type`),
 * a v1/v2 one, or one of an unknown type. `decision` is checked with the v1 or v3 decision
 * schema as its shape says; one that fits neither is kept as `unparsed_decision`.
 */
export const webhookEventSchema: z.ZodMiniType<WebhookEvent, unknown> = z.pipe(
  z.unknown(),
  z.transform((input, ctx) => {
    const result = parseEvent(input);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.issues.push(issue as unknown as (typeof ctx.issues)[number]);
    return z.NEVER;
  }),
);

/** True for a v3 event of a type this version knows: `switch (event.webhook_type)` then narrows it. */
export function isV3WebhookEvent(event: WebhookEvent): event is V3WebhookEvent {
  const { webhook_type, event_id } = event as { webhook_type?: unknown; event_id?: unknown };
  return typeof webhook_type === 'string' && KNOWN_TYPES.has(webhook_type) && typeof event_id === 'string';
}

/** True for a v1/v2 delivery (no `webhook_type`, or `status.updated` without `event_id`). */
export function isLegacyWebhookEvent(event: WebhookEvent): event is LegacyWebhookEvent {
  const { webhook_type, event_id } = event as { webhook_type?: unknown; event_id?: unknown };
  return webhook_type === undefined || (webhook_type === 'status.updated' && typeof event_id !== 'string');
}
