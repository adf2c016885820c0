import { endpoint } from '../endpoints/endpoint.ts';
import { readJsonOrEmpty, readNothing } from '../read-empty.ts';
import { readJson } from '../read-json.ts';
import { readPdf } from '../read-pdf.ts';
import { anyObject } from '../schemas/kit.ts';
import { sessionDecisionSchema } from './schemas/decision.schema.ts';
import {
  createdReviewSchema,
  createReviewRequestSchema,
  pageBodySchema,
  reviewItemSchema,
  sessionListItemSchema,
} from './schemas/list.schema.ts';
import {
  armedSandboxSchema,
  armSandboxRequestSchema,
  batchDeleteRequestSchema,
  batchDeleteResponseSchema,
  createdSessionSchema,
  createSessionRequestSchema,
  importedSessionSchema,
  importSharedRequestSchema,
  sharedSessionSchema,
  shareSessionRequestSchema,
  updateFeatureStatusRequestSchema,
  updateFeatureStatusResponseSchema,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from './schemas/session.schema.ts';

// Writes are not idempotent unless repeating them is harmless: a retried create could make a
// second session, a retried delete would answer 404 after the first one succeeded.

/** Didit's v3 sessions API (`x-api-key`), described once. Every path ends in `/`. */
export const v3Endpoints = {
  create: endpoint({
    method: 'POST',
    path: '/v3/session/',
    body: createSessionRequestSchema,
    idempotent: false,
    read: readJson(createdSessionSchema),
  }),
  getDecision: endpoint({
    method: 'GET',
    path: '/v3/session/{sessionId}/decision/',
    idempotent: true,
    read: readJson(sessionDecisionSchema),
  }),
  list: endpoint({
    method: 'GET',
    path: '/v3/sessions/',
    idempotent: true,
    read: readJson(pageBodySchema(sessionListItemSchema)),
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/v3/session/{sessionId}/delete/',
    idempotent: false,
    read: readNothing,
  }),
  deleteMany: endpoint({
    method: 'POST',
    path: '/v3/sessions/delete/',
    body: batchDeleteRequestSchema,
    idempotent: false,
    read: readJsonOrEmpty(batchDeleteResponseSchema),
  }),
  updateStatus: endpoint({
    method: 'PATCH',
    path: '/v3/session/{sessionId}/update-status/',
    body: updateStatusRequestSchema,
    idempotent: false,
    read: readJson(updateStatusResponseSchema),
  }),
  updateFeatureStatus: endpoint({
    method: 'PATCH',
    path: '/v3/session/{sessionId}/features/{nodeId}/update-status/',
    body: updateFeatureStatusRequestSchema,
    idempotent: false,
    read: readJson(updateFeatureStatusResponseSchema),
  }),
  /**
   * The session's decision as Server-Sent Events: not Didit's, but the route `createDiditProxy`
   * serves with `'events'` (`useSessionDecision` follows it). Described here like the rest, so the
   * proxy routes it and a browser builds its URL from one table.
   */
  events: endpoint({
    method: 'GET',
    path: '/v3/session/{sessionId}/events/',
    idempotent: true,
    servedBy: 'proxy',
    read: async () => undefined,
  }),
  generatePdf: endpoint({
    method: 'GET',
    path: '/v3/session/{sessionId}/generate-pdf/',
    idempotent: true,
    read: readPdf,
  }),
  share: endpoint({
    method: 'POST',
    path: '/v3/session/{sessionId}/share/',
    body: shareSessionRequestSchema,
    idempotent: false,
    read: readJson(sharedSessionSchema),
  }),
  importShared: endpoint({
    method: 'POST',
    path: '/v3/session/import-shared/',
    body: importSharedRequestSchema,
    idempotent: false,
    read: readJson(importedSessionSchema),
  }),
  listReviews: endpoint({
    method: 'GET',
    path: '/v3/sessions/{sessionId}/reviews/',
    idempotent: true,
    read: readJson(pageBodySchema(reviewItemSchema)),
  }),
  createReview: endpoint({
    method: 'POST',
    path: '/v3/sessions/{sessionId}/reviews/',
    body: createReviewRequestSchema,
    idempotent: false,
    read: readJson(createdReviewSchema),
  }),
  // The session's webhook delivery log (Didit's management API): what was sent to each destination,
  // with its attempts, and a resend. Bodies are read as JSON objects (Didit documents no schema).
  listSessionWebhooks: endpoint({
    method: 'GET',
    path: '/v3/session/{sessionId}/webhooks/',
    idempotent: true,
    read: readJson(anyObject),
  }),
  getSessionWebhook: endpoint({
    method: 'GET',
    path: '/v3/session/{sessionId}/webhook/{deliveryId}/',
    idempotent: true,
    read: readJson(anyObject),
  }),
  resendSessionWebhook: endpoint({
    method: 'POST',
    path: '/v3/session/{sessionId}/webhook/{deliveryId}/resend/',
    // Each call sends the delivery again.
    idempotent: false,
    read: readJson(anyObject),
  }),
  armSandboxScenario: endpoint({
    method: 'POST',
    path: '/v3/session/{sessionId}/sandbox/arm/',
    body: armSandboxRequestSchema,
    // Arming again with the same scenario changes nothing.
    idempotent: true,
    auth: 'session-token',
    read: readJson(armedSandboxSchema),
  }),
};
