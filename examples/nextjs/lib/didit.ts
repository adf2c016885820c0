// Everything that talks to Didit, on the server only (route handlers import it; no client component may).
//
// - `diditProxy`, mounted at /api/didit/* (app/api/didit/[...path]/route.ts): the browser's only way to Didit.
//   It creates sessions for the signed-in user, serves their decisions, and streams each change (Server-Sent
//   Events) to the page. The API key never leaves this server.
// - `diditWebhook`, at POST /api/webhooks/didit (app/api/webhooks/didit/route.ts): verifies Didit's signed
//   webhook and publishes the session's new decision to the hub, which the proxy's streams follow.
import { DiditClient } from '@didit-kit/core';
import { createDiditProxy, createWebhookHandler, MemoryDecisionHub } from '@didit-kit/core/server';
import { after } from 'next/server';
import { signedInUser } from './demo-auth';

// Credentials are read per request, not here: `next build` runs without them. DIDIT_BASE_URL is unset in
// production (Didit itself); `npm run dev` points it at the mock server.
const client = new DiditClient({ apiKey: process.env.DIDIT_API_KEY, baseUrl: process.env.DIDIT_BASE_URL || undefined });

/**
 * What the two routes share, kept on `globalThis` so that a hot reload in `next dev` does not forget it:
 * - `hub`: the latest decision of each session, which the webhook publishes and the proxy's streams follow. In
 *   memory, for one server process; with several instances (or serverless functions) use a RedisDecisionHub, so
 *   that a webhook received by one instance reaches the streams open on the others.
 * - `owners`: who started which session, recorded when it is created and checked on every read. A Map is enough
 *   for one process that never restarts; keep it in your database otherwise.
 */
const shared = globalThis as typeof globalThis & {
  diditState?: { hub: MemoryDecisionHub; owners: Map<string, string> };
};
shared.diditState ??= { hub: new MemoryDecisionHub(), owners: new Map() };
const { hub, owners } = shared.diditState;

export const diditWebhook = createWebhookHandler({
  client,
  secret: process.env.DIDIT_WEBHOOK_SECRET,
  hub,
  // The handler answers Didit at once and publishes the decision after: `after` keeps that work alive where the
  // platform would stop once the response is sent (serverless hosts).
  waitUntil: after,
});

export const diditProxy = createDiditProxy(client, {
  prefix: '/api/didit',
  allow: ['decision', 'create', 'events'],
  events: hub,
  // POST /api/didit/v3/session/ ("Verify identity"): the session is built here from the signed-in user, never
  // from what the browser sends. null answers 403 without calling Didit.
  prepareCreate: (request) => {
    const user = signedInUser(request);
    if (user === undefined) return null;
    return {
      workflow_id: process.env.DIDIT_WORKFLOW_ID ?? '',
      vendor_data: user,
      // Where Didit's hosted page sends the user back, with ?verificationSessionId=...&status=...
      callback: new URL('/verification', process.env.APP_URL || request.url).href,
    };
  },
  // Runs before the browser gets the new session, so its owner is known when the page first asks for it.
  onCreated: (session, request) => {
    const user = signedInUser(request);
    if (user !== undefined) owners.set(session.session_id, user);
  },
  // Every decision read and every event stream: only the user who started the session may see it.
  authorize: (request, sessionId) => {
    const user = signedInUser(request);
    return user !== undefined && owners.get(sessionId) === user;
  },
});
