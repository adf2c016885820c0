import type { JsonObject } from '../json.ts';
import { MOCK_APPLICATION_ID } from '../v3/application.ts';

// The events of Didit's records other than sessions: `user.*`, `business.*`, `transaction.*` and
// `travel_rule.status.updated`. Didit documents their fields loosely (and one page an `{event,
// data}` envelope the contract finds contradicted everywhere else), so the mock sends them as it
// sends v3 session events: the v3 envelope (`event_id`, `webhook_type`, `timestamp`, `created_at`,
// `application_id`, `environment`), the record's key fields beside it, and the whole record, as its
// GET route answers it, in `data`. Every destination subscribed gets this body, whatever its
// `webhook_version` (v1 and v2 bodies have no such events).

/** One change of a record, as the records tell the webhook sender. */
export interface RecordEvent {
  /** `user.status.updated`, `transaction.created`, ... */
  readonly type: string;
  /** What it is about (`user:{vendor_data}`): one subject's deliveries go out in the order they happened. */
  readonly subject: string;
  /** The body's fields beside the envelope (`vendor_data`, `status`, `previous_status`, `data`, ...). */
  readonly fields: JsonObject;
}

/** Told to the sender on every change a record's webhook reports. */
export type RecordEventSink = (event: RecordEvent) => void;

/** The body of one delivery of `event`. */
export function recordEventBody(event: RecordEvent, eventId: string, timestamp: number): JsonObject {
  return {
    ...event.fields,
    event_id: eventId,
    webhook_type: event.type,
    timestamp,
    created_at: timestamp,
    application_id: MOCK_APPLICATION_ID,
    environment: 'sandbox',
  };
}
