// The realtime tests' Didit: its decision route (the test kit's stand-in with one API key, knowing a
// session once a test sets its status) and its signed deliveries (the kit's sender, with core's signing).
import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { webhookSender } from '@didit-kit/test-kit/webhooks';
import { serializeWebhookPayload, signWebhook } from '../../../src/index.ts';

export { legacyEvent, v3Event } from '@didit-kit/test-kit/webhooks';

export const API_KEY = 'sk_test_REALTIME0Key0Zq3vX9kLm2Pw7Yt4Nb8Hc1';
export const WEBHOOK_SECRET = 'whsec_realtime_test_5c2e9a7b1d';

/** Signs with WEBHOOK_SECRET (or the one given) and posts over real HTTP. */
export const webhooks = webhookSender({ serializeWebhookPayload, signWebhook }, WEBHOOK_SECRET);

/** Didit's own v3 decision example, for `sessionId`, with `status`. */
export function decisionFor(sessionId: string, status: string): Record<string, unknown> {
  return { ...v3Example<Record<string, unknown>>('decision.user.json'), session_id: sessionId, status };
}

export interface Upstream extends ServedDiditStandIn {
  /** Sets a session's current decision (Didit's example with `status`); returns it. */
  set(sessionId: string, status: string): Record<string, unknown>;
}

/** Didit, where a session's decision is whatever the test last set (404 before that). */
export async function startUpstream(): Promise<Upstream> {
  const standIn = await startDiditStandIn({ apiKey: API_KEY, unknownSessions: 'not-found' });
  return Object.assign(standIn, {
    set(sessionId: string, status: string) {
      const decision = decisionFor(sessionId, status);
      standIn.setDecision(sessionId, decision);
      return decision;
    },
  });
}
