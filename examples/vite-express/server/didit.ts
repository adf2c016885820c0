// Everything that talks to Didit, on the server only.
//
// - `diditProxy`, mounted at /api/didit/*: the browser's only way to Didit. It creates sessions for the signed-in
//   user, serves their decisions, and streams each change (Server-Sent Events) to the page. The API key never
//   leaves this server.
// - `diditWebhook`, at POST /api/webhooks/didit: verifies Didit's signed webhook and publishes the session's new
//   decision to the hub, which the proxy's streams follow.
import { DiditClient } from '@didit-kit/core';
import { createDiditProxy, createWebhookHandler, MemoryDecisionHub } from '@didit-kit/core/server';
import { signedInUser } from './demo-auth.ts';

// Credentials are read per request. DIDIT_BASE_URL is unset in production (Didit itself); `npm run dev` points it
// at the mock server.
const client = new DiditClient({ apiKey: process.env.DIDIT_API_KEY, baseUrl: process.env.DIDIT_BASE_URL || undefined });

// One server process: decisions in memory. Several instances: a RedisDecisionHub, so that a webhook received by
// one instance reaches the streams open on the others.
const hub = new MemoryDecisionHub();

// Who started which session, recorded when it is created and checked on every read. A Map is enough for one
// process that never restarts; keep it in your database otherwise.
const owners = new Map<string, string>();

export const diditWebhook = createWebhookHandler({ client, secret: process.env.DIDIT_WEBHOOK_SECRET, hub });

export const diditProxy = createDiditProxy(client, {
  prefix: '/api/didit',
  allow: ['decision', 'create', 'events'],
  events: hub,
  // POST /api/didit/v3/session/ ("Verify identity"): the session is built here from the signed-in user, never from
  // what the browser sends. null answers 403 without calling Didit.
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
