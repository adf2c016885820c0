import { epochSeconds } from '../clock.ts';
import type { Json, JsonObject } from '../json.ts';
import { MOCK_APPLICATION_ID } from '../v3/application.ts';

// One builder per body format a destination may ask for (`webhook_version`), as Didit's contract
// describes them (didit-v3-api.md §4.2; didit-v1-api.md §6). The legacy application URL gets v1
// bodies. The sender serialises them canonically (`serializeWebhookPayload`) and signs the bytes.

export type WebhookVersion = 'v1' | 'v2' | 'v3';
export const WEBHOOK_VERSIONS: readonly WebhookVersion[] = ['v1', 'v2', 'v3'];

/** Statuses whose deliveries carry the decision (Didit's documentation, every format). */
export const STATUSES_WITH_DECISION: ReadonlySet<string> = new Set(['Approved', 'Declined', 'In Review', 'Abandoned']);

/** What one delivery reports: a change of one session, as it stands at `nowMs`. */
export interface DeliveryEvent {
  /** One id per change, shared by every destination, retry and resend of it (v3's dedupe key). */
  readonly eventId: string;
  readonly webhookType: 'status.updated' | 'data.updated';
  readonly sessionId: string;
  readonly status: string;
  /** The session's decision (its generation's document). */
  readonly decision: JsonObject;
  /** v3 sessions: the workflow's version. */
  readonly workflowVersion: number | undefined;
  /** A KYB session (v3): the v3 body says `session_kind: "business"`. */
  readonly business: boolean;
  /** When it happened, in Unix seconds. */
  readonly timestamp: number;
}

/** The body of one delivery, in a destination's format. */
export function webhookBody(version: WebhookVersion, event: DeliveryEvent): JsonObject {
  switch (version) {
    case 'v1':
      return v1Body(event);
    case 'v2':
      return v2Body(event);
    case 'v3':
      return v3Body(event);
  }
}

/**
 * `{session_id, status, created_at, timestamp, vendor_data, decision?}`: Didit's v1 body has no
 * `webhook_type` (nor `event_id`); `created_at` is the session's creation, in Unix seconds.
 */
function v1Body(event: DeliveryEvent): JsonObject {
  const { timestamp } = event;
  const created = Date.parse(String(event.decision.created_at));
  return withDecision(event, {
    session_id: event.sessionId,
    status: event.status,
    created_at: Number.isNaN(created) ? timestamp : epochSeconds(created),
    timestamp,
    vendor_data: event.decision.vendor_data ?? null,
  });
}

/** v1's fields plus `webhook_type`, with the event's time as `created_at`; `vendor_data`, `workflow_id` and `metadata` only when set. */
function v2Body(event: DeliveryEvent): JsonObject {
  const body = envelope(event);
  for (const field of ['vendor_data', 'workflow_id', 'metadata']) {
    const value = event.decision[field];
    if (value !== undefined && value !== null) body[field] = value;
  }
  return withDecision(event, body);
}

/** v2's envelope plus `event_id`, the application and environment, the workflow, `vendor_data` and `metadata`. */
function v3Body(event: DeliveryEvent): JsonObject {
  const d = event.decision;
  const body: JsonObject = {
    ...envelope(event),
    event_id: event.eventId,
    application_id: MOCK_APPLICATION_ID,
    environment: 'sandbox',
    workflow_id: (d.workflow_id ?? null) as Json,
    workflow_version: event.workflowVersion ?? null,
    vendor_data: d.vendor_data ?? null,
    metadata: d.metadata ?? null,
  };
  if (event.business) body.session_kind = 'business';
  return withDecision(event, body);
}

/** What v2 and v3 bodies share. (Key order is immaterial: the body is written with sorted keys.) */
function envelope(event: DeliveryEvent): JsonObject {
  return {
    session_id: event.sessionId,
    status: event.status,
    webhook_type: event.webhookType,
    created_at: event.timestamp,
    timestamp: event.timestamp,
  };
}

/** The decision goes with the statuses Didit sends it for. */
function withDecision(event: DeliveryEvent, body: JsonObject): JsonObject {
  if (STATUSES_WITH_DECISION.has(event.status)) body.decision = event.decision;
  return body;
}
