import { v3Endpoints } from '@didit-kit/core/server';
import {
  armSandboxRequestSchema,
  batchDeleteRequestSchema,
  createReviewRequestSchema,
  createSessionRequestSchema,
  importSharedRequestSchema,
  shareSessionRequestSchema,
  updateFeatureStatusRequestSchema,
  updateStatusRequestSchema,
} from '@didit-kit/core/v3';
import type { Context } from 'hono';
import { constantTimeEqual } from '../auth.ts';
import type { Clock } from '../clock.ts';
import { detail, type FieldErrors, fieldErrors, notFound } from '../drf.ts';
import type { FaultInjector } from '../faults.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { renderDecisionPdf } from '../pdf.ts';
import { base64url, randomToken } from '../random.ts';
import { type RouteHandler, type RouteTable, registerEndpoints } from '../routing.ts';
import { statusOf } from '../session-store.ts';
import { readJsonObject } from '../validation.ts';
import { checkBody, readBody } from '../zod-drf.ts';
import { MOCK_APPLICATION_ID, MOCK_KYB_WORKFLOW_ID } from './application.ts';
import type { ApiKeyCheck } from './auth.ts';
import { FEATURE_TYPES, featureItems, KYB_PARENTS, RESUBMIT_FEATURES } from './features.ts';
import { pageOf, pagination } from './pagination.ts';
import { printableDecision } from './pdf-adapter.ts';
import { V3_SCENARIOS } from './scenarios.ts';
import type { SessionRecords } from './session-records.ts';
import type { V3Session, V3SessionStore } from './store.ts';
import { importBody, listRow } from './views.ts';

// The v3 sessions API, registered from core's `v3Endpoints` table: one handler per entry.

const SESSION_NOT_FOUND = 'Session not found.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The table's entries served here: `events` is the app's proxy's own (`servedBy: 'proxy'`), never Didit's. */
type Served = Exclude<keyof typeof v3Endpoints, 'events'>;
/** The session webhook delivery log's entries, served by webhooks/delivery-log-routes.ts. */
export type DeliveryLogEndpoint = 'listSessionWebhooks' | 'getSessionWebhook' | 'resendSessionWebhook';

export interface V3RouteDeps {
  store: V3SessionStore;
  auth: ApiKeyCheck;
  now: Clock;
  origin: (c: Context) => string;
  faults: FaultInjector;
  /** The handlers of the webhook delivery log's entries. */
  deliveryLog: Record<DeliveryLogEndpoint, RouteHandler>;
  /** The workflows, Users, Businesses and balance a new session is checked against and counted in. */
  records?: SessionRecords | undefined;
}

const UPDATABLE = ['Approved', 'Declined', 'In Review', 'Kyc Expired', 'Abandoned', 'Resubmitted'];
const SHAREABLE = ['Approved', 'Declined', 'In Review'];
const PDF_STATUSES = ['Approved', 'Declined', 'In Review', 'Kyc Expired'];

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Registers every endpoint of core's `v3Endpoints` table (`{sessionId}` becomes Hono's `:sessionId`). */
export function registerV3Routes(routes: RouteTable, deps: V3RouteDeps): void {
  registerEndpoints(routes, v3Endpoints, { ...v3Handlers(deps), ...deps.deliveryLog }, { faults: deps.faults });
}

function v3Handlers(deps: V3RouteDeps): Record<Exclude<Served, DeliveryLogEndpoint>, RouteHandler> {
  const { store, auth } = deps;
  /** A malformed id never reaches a view: Django's router answers an HTML 404. */
  const malformed = (c: Context): Response | undefined => {
    const id = c.req.param('sessionId');
    if (id === undefined || UUID.test(id)) return undefined;
    return c.html(
      '<!doctype html><title>Not Found</title><h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
      404,
    );
  };
  const find = (c: Context) => store.get(c.req.param('sessionId') ?? '');
  /** The session of a route that checks the key first: a malformed id, then the key, then an unknown id. */
  const keyedSession = (c: Context, status?: 401 | 403): V3Session | Response =>
    malformed(c) ?? auth(c, status) ?? find(c) ?? detail(c, 404, SESSION_NOT_FOUND);
  /** The session of a route whose unknown id answers 404 before the key is checked, as the spec has it. */
  const foundSession = (c: Context): V3Session | Response => malformed(c) ?? find(c) ?? notFound(c);
  const origin = (c: Context) => deps.origin(c);
  const hostedUrl = (c: Context) => (token: string) => `${origin(c)}/session/${token}`;

  return {
    create: async (c) => {
      const denied = auth(c);
      if (denied) return denied;
      // Create also keeps the raw body: its free-form objects are stored as Didit echoes them.
      const read = await readJsonObject(c);
      if (!read.ok) return read.response;
      const checked = checkBody(c, createSessionRequestSchema, read.value);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      if (input.sandbox_scenario !== undefined && !Object.hasOwn(V3_SCENARIOS, input.sandbox_scenario)) {
        return fieldErrors(c, { sandbox_scenario: [`Unknown sandbox scenario: '${input.sandbox_scenario}'.`] });
      }
      const raw = read.value;
      const admitted = deps.records?.admit(c, input.workflow_id, input.vendor_data);
      if (admitted instanceof Response) return admitted;
      const callback = input.callback ?? null;
      const metadata = (raw.metadata ?? null) as Json;
      let session =
        input.vendor_data === undefined ? undefined : store.findUnfinished(input.workflow_id, input.vendor_data);
      if (session) {
        store.update(session, { callback, metadata });
      } else {
        const company = isJsonObject(raw.expected_details) && typeof raw.expected_details.company_name === 'string';
        const scenarioKind =
          input.sandbox_scenario === undefined ? undefined : V3_SCENARIOS[input.sandbox_scenario]?.kind;
        session = store.create({
          kind:
            admitted?.kind === 'business' ||
            input.workflow_id === MOCK_KYB_WORKFLOW_ID ||
            company ||
            scenarioKind === 'business'
              ? 'business'
              : 'user',
          workflowId: input.workflow_id,
          vendorData: input.vendor_data ?? null,
          callback,
          metadata,
          expectedDetails: (raw.expected_details ?? null) as Json,
          contactDetails: (raw.contact_details ?? null) as Json,
          scenario: input.sandbox_scenario,
          url: hostedUrl(c),
        });
        deps.records?.created(session);
      }
      const d = session.decision;
      return c.json(
        {
          session_id: session.sessionId,
          session_number: d.session_number,
          session_token: session.sessionToken,
          url: d.session_url,
          vendor_data: d.vendor_data,
          metadata: d.metadata ?? null,
          status: statusOf(session),
          workflow_id: d.workflow_id,
          workflow_version: session.workflowVersion,
          callback: d.callback ?? null,
        },
        201,
      );
    },

    getDecision: (c) => {
      const session = foundSession(c);
      if (session instanceof Response) return session;
      // Serialised once per change, sent with plain headers: this is the route clients poll.
      return auth(c) ?? c.body(store.decisionJson(session), 200, { 'content-type': 'application/json' });
    },

    list: (c) => {
      const denied = auth(c);
      if (denied) return denied;
      const page = pagination(c, true);
      if (page instanceof Response) return page;
      const query = new URL(c.req.url).searchParams;
      const kind = query.get('session_kind') ?? 'user';
      if (!['user', 'business', 'all'].includes(kind)) {
        return fieldErrors(c, { session_kind: [`"${kind}" is not a valid choice.`] });
      }
      const dates: { date_from: string | null; date_to: string | null } = {
        date_from: query.get('date_from'),
        date_to: query.get('date_to'),
      };
      const badDates: FieldErrors = {};
      for (const [name, value] of Object.entries(dates)) {
        if (value !== null && !isIsoDate(value)) badDates[name] = ['Enter a valid date.'];
      }
      if (Object.keys(badDates).length > 0) return fieldErrors(c, badDates);
      const statuses = query
        .get('status')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const vendorData = query.get('vendor_data');
      const workflowId = query.get('workflow_id');
      // Newest first, as Didit lists them.
      const rows = store
        .list()
        .reverse()
        .filter(
          (s) =>
            (kind === 'all' || s.kind === kind) &&
            (statuses === undefined || statuses.length === 0 || statuses.includes(statusOf(s))) &&
            (vendorData === null || s.decision.vendor_data === vendorData) &&
            (workflowId === null || s.decision.workflow_id === workflowId) &&
            (dates.date_from === null || String(s.decision.created_at).slice(0, 10) >= dates.date_from) &&
            (dates.date_to === null || String(s.decision.created_at).slice(0, 10) <= dates.date_to),
        )
        .map(listRow);
      return c.json(pageOf(c, origin(c), rows, page));
    },

    delete: (c) => {
      const session = foundSession(c);
      if (session instanceof Response) return session;
      const denied = auth(c);
      if (denied) return denied;
      store.delete(session.sessionId);
      return c.body(null, 204);
    },

    deleteMany: async (c) => {
      const denied = auth(c);
      if (denied) return denied;
      const checked = await readBody(c, batchDeleteRequestSchema);
      if (!checked.ok) return checked.response;
      if ('delete_all' in checked.value && checked.value.delete_all === true) {
        for (const session of store.list()) if (session.kind === 'user') store.delete(session.sessionId);
      } else if ('session_numbers' in checked.value) {
        for (const number of checked.value.session_numbers) {
          const session = store.getByNumber(Number(number));
          if (session?.kind === 'user') store.delete(session.sessionId);
        }
      }
      return c.body(null, 204);
    },

    updateStatus: async (c) => {
      const session = keyedSession(c);
      if (session instanceof Response) return session;
      const checked = await readBody(c, updateStatusRequestSchema);
      if (!checked.ok) return checked.response;
      const current = statusOf(session);
      if (!UPDATABLE.includes(current)) {
        return detail(
          c,
          400,
          `Only sessions with status ${UPDATABLE.join(', ')} can be updated. Current status: ${current}`,
        );
      }
      const { new_status: next, comment, nodes_to_resubmit: nodes } = checked.value;
      if (next === current) return c.json(['The new status is the same as the current status.'], 400);
      const badFeature = nodes?.find((n) => !RESUBMIT_FEATURES.includes(n.feature));
      if (badFeature) {
        return c.json(
          {
            nodes_to_resubmit: [
              {
                feature: [
                  `"${badFeature.feature}" is not a valid choice. Valid choices are: ${RESUBMIT_FEATURES.join(', ')}`,
                ],
              },
            ],
          },
          400,
        );
      }
      const parent = nodes?.find((n) => KYB_PARENTS.includes(n.feature));
      if (parent) {
        return fieldErrors(c, { nodes_to_resubmit: [`${parent.feature} cannot be resubmitted: resubmit its steps.`] });
      }
      if (next === 'Resubmitted') {
        const items = featureItems(session.decision);
        const chosen =
          nodes === undefined || nodes.length === 0
            ? items.filter((i) => i.item.status !== 'Approved')
            : nodes.map((n) => items.find((i) => i.item.node_id === n.node_id));
        if (chosen.length === 0) {
          // A string, not a list: Didit's own shape for this one.
          return c.json({ nodes_to_resubmit: 'No features found to resubmit.' }, 400);
        }
        const missing = nodes?.find((n) => !items.some((i) => i.item.node_id === n.node_id));
        if (missing) {
          return fieldErrors(c, {
            nodes_to_resubmit: [`No feature found with node_id '${missing.node_id}' in this session.`],
          });
        }
        for (const found of chosen) if (found) found.item.status = 'Resub Requested';
      }
      store.review(session, { user: 'API Client', newStatus: next, comment: comment ?? null });
      return c.json({ session_id: session.sessionId });
    },

    updateFeatureStatus: async (c) => {
      const session = keyedSession(c);
      if (session instanceof Response) return session;
      const checked = await readBody(c, updateFeatureStatusRequestSchema);
      if (!checked.ok) return checked.response;
      const nodeId = c.req.param('nodeId') ?? '';
      const items = featureItems(session.decision);
      const found = nodeId === 'default' ? items[0] : items.find((i) => i.item.node_id === nodeId);
      if (!found) return detail(c, 404, `No feature found with node_id '${nodeId}' in this session.`);
      if (found.item.status === checked.value.new_status) {
        return c.json({ new_status: 'The new status is the same as the current status.' }, 400);
      }
      found.item.status = checked.value.new_status;
      store.addReviewItem(session, {
        activity_type: 'STATUS_UPDATED',
        actor_type: 'API_KEY',
        new_status: null,
        previous_status: null,
        comment: checked.value.comment ?? null,
      });
      store.dataChanged(session);
      return c.json({
        session_id: session.sessionId,
        node_id: typeof found.item.node_id === 'string' ? found.item.node_id : nodeId,
        feature_type: FEATURE_TYPES[found.array] ?? found.array,
        new_status: checked.value.new_status,
      });
    },

    generatePdf: async (c) => {
      const session = foundSession(c);
      if (session instanceof Response) return session;
      const denied = auth(c);
      if (denied) return denied;
      const status = statusOf(session);
      const allowed = PDF_STATUSES.filter((s) => session.kind === 'user' || s !== 'Kyc Expired');
      if (!allowed.includes(status)) {
        return detail(c, 403, 'You can only generate a PDF for sessions in review, declined, approved or kyc expired');
      }
      const pdf = await renderDecisionPdf(printableDecision(session), { now: deps.now });
      const prefix = session.kind === 'business' ? 'business' : 'session';
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename=${prefix}_${session.sessionId}.pdf`,
      });
    },

    share: async (c) => {
      // Share is the one sessions endpoint whose spec answers 401 for bad credentials.
      const session = keyedSession(c, 401);
      if (session instanceof Response) return session;
      const checked = await readBody(c, shareSessionRequestSchema);
      if (!checked.ok) return checked.response;
      if (checked.value.for_application_id === MOCK_APPLICATION_ID) {
        return fieldErrors(c, { for_application_id: ['You cannot share a session with your own application.'] });
      }
      if (!SHAREABLE.includes(statusOf(session))) {
        return c.json({ detail: ['Only finished sessions ("Approved", "Declined", "In Review") can be shared.'] }, 400);
      }
      const nowSec = Math.floor(deps.now() / 1000);
      const token = fakeJwt({
        session_id: session.sessionId,
        from_application_id: MOCK_APPLICATION_ID,
        for_application_id: checked.value.for_application_id,
        iat: nowSec,
        exp: nowSec + (checked.value.ttl_in_seconds ?? 3600),
      });
      store.shares.set(token, {
        sessionId: session.sessionId,
        expiresMs: (nowSec + (checked.value.ttl_in_seconds ?? 3600)) * 1000,
      });
      return c.json({
        share_token: token,
        for_application_id: checked.value.for_application_id,
        session_kind: session.kind,
      });
    },

    importShared: async (c) => {
      const denied = auth(c);
      if (denied) return denied;
      const checked = await readBody(c, importSharedRequestSchema);
      if (!checked.ok) return checked.response;
      const {
        share_token: token,
        trust_review: trust,
        workflow_id: workflowId,
        vendor_data: vendorData,
      } = checked.value;
      const share = store.shares.get(token);
      const source = share === undefined ? undefined : store.get(share.sessionId);
      if (!share || !source || deps.now() >= share.expiresMs) {
        return fieldErrors(c, { share_token: ['Invalid or expired share token.'] });
      }
      if (store.imported.has(token)) {
        return detail(c, 403, 'This session has already been shared with your application.');
      }
      store.imported.add(token);
      const copy = store.importCopy(
        source,
        workflowId,
        vendorData ?? null,
        trust ? statusOf(source) : 'In Review',
        hostedUrl(c),
      );
      return c.json(importBody(copy), 201);
    },

    listReviews: (c) => {
      const session = keyedSession(c);
      if (session instanceof Response) return session;
      // Reviews are KYC only: a business session is not found here.
      if (session.kind !== 'user') return detail(c, 404, SESSION_NOT_FOUND);
      const page = pagination(c, false);
      if (page instanceof Response) return page;
      const ordering = new URL(c.req.url).searchParams.get('ordering') ?? '-created_at';
      const items = ordering === 'created_at' ? [...session.reviewItems] : [...session.reviewItems].reverse();
      return c.json(pageOf(c, origin(c), items as unknown as JsonObject[], page));
    },

    createReview: async (c) => {
      const session = keyedSession(c);
      if (session instanceof Response) return session;
      // Reviews are KYC only: a business session is not found here.
      if (session.kind !== 'user') return detail(c, 404, SESSION_NOT_FOUND);
      const checked = await readBody(c, createReviewRequestSchema);
      if (!checked.ok) return checked.response;
      const review = store.addReviewItem(session, {
        activity_type: 'COMMENT',
        actor_type: 'API_KEY',
        new_status: checked.value.new_status ?? null,
        previous_status: null,
        comment: checked.value.comment ?? null,
      });
      return c.json(
        { user: 'Unknown', new_status: review.new_status, comment: review.comment, created_at: review.created_at },
        201,
      );
    },

    armSandboxScenario: async (c) => {
      const bad = malformed(c);
      if (bad) return bad;
      const session = find(c);
      const token = c.req.header('session-token');
      // Authenticated by the session's own token: a wrong one looks like an unknown session.
      if (!session || token === undefined || !constantTimeEqual(token, session.sessionToken)) {
        return notFound(c);
      }
      const checked = await readBody(c, armSandboxRequestSchema);
      if (!checked.ok) return checked.response;
      const { scenario } = checked.value;
      if (!Object.hasOwn(V3_SCENARIOS, scenario)) {
        return fieldErrors(c, { scenario: [`Unknown sandbox scenario: '${scenario}'.`] });
      }
      if (statusOf(session) !== 'Not Started') {
        return c.json(['Scenario can only be armed before the verification starts.'], 400);
      }
      // Arming changes nothing a client reads until the user finishes: no event, and the decision stays.
      session.scenario = scenario;
      return c.json({ session_id: session.sessionId, scenario, status: statusOf(session) });
    },
  };
}

/** A JWT-shaped share token (HS256 header; the signature is random: only the mock reads it back). */
function fakeJwt(payload: JsonObject): string {
  const part = (value: Json) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${randomToken(43)}`;
}
