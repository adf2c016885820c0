// The proxy every smoke app mounts (Express, Fastify, Next.js): a server client holding the key from
// the environment, and what a small app's own users and sessions would decide, kept in memory here.
// The mounting, not these options, is what the apps show.
import process from 'node:process';
import { DiditClient } from '@didit-kit/core';
import { createDiditProxy } from '@didit-kit/core/server';
import { APPROVED_SESSION } from './smoke-sessions.mjs';

/** Any workflow id is one to the mock server. */
const WORKFLOW_ID = '5a1e7000-0000-4000-8000-000000000001';

export function createSmokeProxy() {
  // Read per request by the proxy: a build without these variables still loads this module.
  const didit = new DiditClient({ apiKey: process.env.DIDIT_API_KEY, baseUrl: process.env.DIDIT_BASE_URL });
  // Sessions the pages may read: the fixtures, and every session started through this proxy.
  const readable = new Set([APPROVED_SESSION]);
  return createDiditProxy(didit, {
    prefix: '/api/didit',
    allow: ['decision', 'update-status', 'create'],
    // In place of the signed-in user: one visitor, whose sessions all get the same vendor_data.
    prepareCreate: () => ({ workflow_id: WORKFLOW_ID, vendor_data: 'smoke-user' }),
    onCreated: (session) => {
      readable.add(session.session_id);
    },
    // In place of a reviewer check against your own sign-in: a header only the tests send.
    authorize: async (request, sessionId, { action }) =>
      action === 'update-status' ? request.headers.get('x-smoke-reviewer') === 'yes' : readable.has(sessionId),
  });
}
