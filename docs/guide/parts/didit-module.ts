import { DiditClient } from '@didit-kit/core';
import { createDiditProxy, createWebhookHandler, MemoryDecisionHub } from '@didit-kit/core/server';

// DIDIT_BASE_URL is unset against Didit, or the mock server's URL in development (see below).
const didit = new DiditClient({ apiKey: process.env.DIDIT_API_KEY, baseUrl: process.env.DIDIT_BASE_URL });

/**
 * The signed-in user of a request. A plain `uid` cookie stands in for your sign-in here: it proves nothing,
 * so replace this with your auth library's check of its session cookie.
 */
function signedInUserId(request: Request): string | undefined {
  return /(?:^|;\s*)uid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

/** Who started which session: a Map for one process; your database once you run several (or restart). */
const sessionOwners = new Map<string, string>();

export const hub = new MemoryDecisionHub();

// POST /api/webhooks/didit: Didit's signed deliveries, published to the hub.
export const diditWebhook = createWebhookHandler({ client: didit, secret: process.env.DIDIT_WEBHOOK_SECRET, hub });

// /api/didit/*: create, decision and its event stream, for the signed-in user's own sessions.
export const diditProxy = createDiditProxy(didit, {
  prefix: '/api/didit',
  allow: ['create', 'decision', 'events'],
  events: hub,
  prepareCreate: (request) => {
    const userId = signedInUserId(request);
    if (userId === undefined) return null; // 403, Didit is not called
    return { workflow_id: process.env.DIDIT_WORKFLOW_ID ?? '', vendor_data: userId };
  },
  onCreated: (session, request) => {
    const userId = signedInUserId(request);
    if (userId !== undefined) sessionOwners.set(session.session_id, userId);
  },
  // Asked with action 'decision' for a read and 'events' for a stream.
  authorize: (request, sessionId) => {
    const userId = signedInUserId(request);
    return userId !== undefined && sessionOwners.get(sessionId) === userId;
  },
});
