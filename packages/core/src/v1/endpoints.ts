import { endpoint } from '../endpoints/endpoint.ts';
import { readJson } from '../read-json.ts';
import { readPdf } from '../read-pdf.ts';
import { sessionDecisionSchema } from './schemas/decision.schema.ts';
import {
  createdSessionSchema,
  createSessionRequestSchema,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from './schemas/session.schema.ts';

/** Didit's v1 sessions API (client credentials), described once. */
export const v1Endpoints = {
  create: endpoint({
    method: 'POST',
    path: '/v1/session/',
    body: createSessionRequestSchema,
    // A repeated create would make a second session: retried only when provably unprocessed.
    idempotent: false,
    read: readJson(createdSessionSchema),
  }),
  getDecision: endpoint({
    method: 'GET',
    path: '/v1/session/{sessionId}/decision/',
    idempotent: true,
    read: readJson(sessionDecisionSchema),
  }),
  updateStatus: endpoint({
    method: 'PATCH',
    path: '/v1/session/{sessionId}/update-status/',
    body: updateStatusRequestSchema,
    // Each call appends a review entry, so it is not repeated blindly.
    idempotent: false,
    read: readJson(updateStatusResponseSchema),
  }),
  /**
   * The session's decision as Server-Sent Events: not Didit's, but the route `createDiditProxy`
   * serves with `'events'` (`useSessionDecision` follows it). Described here like the rest, so the
   * proxy routes it and a browser builds its URL from one table.
   */
  events: endpoint({
    method: 'GET',
    path: '/v1/session/{sessionId}/events/',
    idempotent: true,
    servedBy: 'proxy',
    read: async () => undefined,
  }),
  generatePdf: endpoint({
    method: 'GET',
    path: '/v1/session/{sessionId}/generate-pdf/',
    idempotent: true,
    read: readPdf,
  }),
};
