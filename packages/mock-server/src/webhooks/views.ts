import type { Json, JsonObject } from '../json.ts';
import type { Delivery } from './queue.ts';

// A delivery as each reader sees it: the mock's own log (`GET /__mock/webhooks`) and Didit's
// delivery log API (`GET /v3/session/{id}/webhooks/`). Neither shows where the secret is.

/** One entry of `GET /__mock/webhooks`. */
export function logEntry(delivery: Delivery): JsonObject {
  return {
    id: delivery.id,
    session_id: delivery.sessionId,
    subject: delivery.subject,
    status: delivery.status,
    webhook_type: delivery.webhookType,
    event_id: delivery.eventId,
    destination: delivery.destination,
    url: delivery.url,
    state: delivery.state,
    attempts: delivery.attemptLog as unknown as Json,
    headers: delivery.headers,
    body: delivery.body,
  };
}

/** One delivery as Didit's `GET /v3/session/{id}/webhook/{delivery_id}/` answers it. */
export function apiDelivery(delivery: Delivery): JsonObject {
  return {
    uuid: delivery.id,
    id: delivery.id,
    session_id: delivery.sessionId,
    destination: delivery.destination,
    webhook_type: delivery.webhookType,
    event_id: delivery.eventId,
    status_code: delivery.attemptLog.at(-1)?.status ?? null,
    state: delivery.state,
    attempts: delivery.attemptCount,
    attempt_log: delivery.attemptLog.map(({ at, status, error }) => ({ at, status, error })),
    created_at: delivery.createdAt,
    payload: JSON.parse(delivery.body) as Json,
  };
}
