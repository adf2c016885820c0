import type { WebhookEvent } from '../webhooks/webhook-event.schema.ts';

/**
 * What identifies one delivery's event, however often Didit sends it: v3's `event_id`; for a
 * v1/v2 delivery (no `event_id`), the session, its status and `created_at` (else `timestamp`).
 * Undefined when the event names no session: nothing to publish.
 */
export function webhookEventKey(event: WebhookEvent): string | undefined {
  const { event_id, session_id, status, created_at, timestamp } = event as {
    event_id?: unknown;
    session_id?: unknown;
    status?: unknown;
    created_at?: unknown;
    timestamp?: unknown;
  };
  if (typeof session_id !== 'string') return undefined;
  if (typeof event_id === 'string' && event_id !== '') return `event:${event_id}`;
  const at = typeof created_at === 'number' ? created_at : timestamp;
  return `v1:${session_id.toLowerCase()}:${String(status)}:${String(at)}`;
}
