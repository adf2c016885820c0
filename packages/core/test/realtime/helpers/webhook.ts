// Signed deliveries, as Didit sends them (core's own signing helper), posted over real HTTP.
import { serializeWebhookPayload, signWebhook } from '../../../src/index.ts';

export const WEBHOOK_SECRET = 'whsec_realtime_test_5c2e9a7b1d';

let counter = 0;

/** A v3 `status.updated` body for `sessionId`; with `decision` when given. */
export function v3Event(
  sessionId: string,
  status: string,
  decision?: Record<string, unknown>,
  eventId = `0b7c3a10-5b6d-4e8f-9a0b-${String(++counter).padStart(12, '0')}`,
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    event_id: eventId,
    webhook_type: 'status.updated',
    timestamp: now,
    created_at: now - 5,
    session_id: sessionId,
    status,
    vendor_data: 'user-42',
    ...(decision ? { decision } : {}),
  };
}

/** A v1/v2 body (no `webhook_type`, no `event_id`). */
export function legacyEvent(sessionId: string, status: string, createdAt: number): Record<string, unknown> {
  return { session_id: sessionId, status, created_at: createdAt, timestamp: Math.floor(Date.now() / 1000) };
}

export async function deliver(url: string, payload: unknown, secret = WEBHOOK_SECRET): Promise<Response> {
  const body = serializeWebhookPayload(payload);
  const headers = await signWebhook({ body, secret });
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}
