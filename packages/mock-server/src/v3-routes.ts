import { V3_FEATURE_ARRAYS, v3Endpoints } from '@didit-kit/core/server';
import { sessionDecisionSchema as v1DecisionSchema } from '@didit-kit/core/v1';
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
import { constantTimeEqual } from './auth.ts';
import type { Clock } from './clock.ts';
import { detail, type FieldErrors, fieldErrors } from './drf.ts';
import type { FaultInjector } from './faults.ts';
import { isJsonObject, type Json, type JsonObject } from './json.ts';
import { renderDecisionPdf } from './pdf.ts';
import { randomToken } from './random.ts';
import type { MockEnv, RouteHandler, RouteTable } from './routing.ts';
import { V3_SCENARIOS, type V3Session, type V3Store, v3Status } from './v3-store.ts';
import { readJsonObject } from './validation.ts';
import { checkBody, readBody } from './zod-drf.ts';

/** The `x-api-key` the mock accepts on `/v3/` routes unless `apiKey` (`--api-key`) says otherwise. */
export const DEFAULT_API_KEY = 'mock-api-key';
/** The mock's own application id: `share` refuses it as `for_application_id`. */
export const MOCK_APPLICATION_ID = 'd1d17000-0000-4000-8000-0000000a9900';

export const AUTH_FAILED = 'Authentication credentials were not provided or are invalid.';
const SESSION_NOT_FOUND = 'Session not found.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface V3RouteDeps {
  store: V3Store;
  apiKey: string;
  authFailureStatus: 401 | 403;
  now: Clock;
  origin: (c: Context) => string;
  faults: FaultInjector;
}

/**
 * The table's session routes served here: `events` is the app's proxy's own (`servedBy: 'proxy'`),
 * never Didit's; the webhook delivery log is served by v3-webhooks.ts.
 */
type EndpointName = Exclude<
  keyof typeof v3Endpoints,
  'events' | 'listSessionWebhooks' | 'getSessionWebhook' | 'resendSessionWebhook'
>;
type Handler = (c: Context<MockEnv>) => Response | Promise<Response>;

/** Didit's workflow for KYB in its examples; with `expected_details.company_name` it also makes a business session. */
export const MOCK_KYB_WORKFLOW_ID = '33333333-4444-5555-6666-777777777777';

const UPDATABLE = ['Approved', 'Declined', 'In Review', 'Kyc Expired', 'Abandoned', 'Resubmitted'];
const SHAREABLE = ['Approved', 'Declined', 'In Review'];
const PDF_STATUSES = ['Approved', 'Declined', 'In Review', 'Kyc Expired'];

/** `nodes_to_resubmit[].feature` choices, in the order of Didit's 400 (OAS example). */
const RESUBMIT_FEATURES = [
  'OCR',
  'OCR_BACK',
  'NFC',
  'AML',
  'FACE',
  'LIVENESS',
  'FACE_MATCH',
  'IP_ANALYSIS',
  'AGE_ESTIMATION',
  'PROOF_OF_ADDRESS',
  'PHONE_VERIFICATION',
  'EMAIL_VERIFICATION',
  'FACE_SEARCH',
  'DATABASE_VALIDATION',
  'QUESTIONNAIRE',
  'KYB_REGISTRY',
  'KYB_DOCUMENTS',
  'KYB_KEY_PEOPLE',
  'ID_VERIFICATION',
  'POA',
  'PHONE',
  'EMAIL',
  'KYB',
];
/** KYB parent features: Didit refuses to resubmit them as a whole. */
const KYB_PARENTS = ['KYB', 'KYB_REGISTRY', 'KYB_DOCUMENTS', 'KYB_KEY_PEOPLE'];

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The decision's feature arrays, by the feature name `update-status` and the per-feature route use. */
const FEATURE_TYPES: Readonly<Record<string, string>> = {
  id_verifications: 'OCR',
  nfc_verifications: 'NFC',
  liveness_checks: 'LIVENESS',
  face_matches: 'FACE_MATCH',
  phone_verifications: 'PHONE',
  email_verifications: 'EMAIL',
  poa_verifications: 'PROOF_OF_ADDRESS',
  document_ai_documents: 'DOCUMENT_AI',
  questionnaire_responses: 'QUESTIONNAIRE',
  aml_screenings: 'AML',
  ip_analyses: 'IP_ANALYSIS',
  database_validations: 'DATABASE_VALIDATION',
  registry_checks: 'KYB_REGISTRY',
  document_verifications: 'KYB_DOCUMENTS',
  key_people_checks: 'KYB_KEY_PEOPLE',
};

/** The feature names of a list row (`GET /v3/sessions/`), by decision array; arrays with no list name are left out. */
const LIST_FEATURES: Readonly<Record<string, string>> = {
  id_verifications: 'ID_VERIFICATION',
  nfc_verifications: 'NFC',
  liveness_checks: 'LIVENESS',
  face_matches: 'FACE_MATCH',
  phone_verifications: 'PHONE',
  email_verifications: 'EMAIL_VERIFICATION',
  poa_verifications: 'POA',
  questionnaire_responses: 'QUESTIONNAIRE',
  aml_screenings: 'AML',
  ip_analyses: 'IP_ANALYSIS',
  database_validations: 'DATABASE_VALIDATION',
};

/** Registers every endpoint of core's `v3Endpoints` table (`{sessionId}` becomes Hono's `:sessionId`). */
export function registerV3Routes(routes: RouteTable, deps: V3RouteDeps): void {
  const handlers = v3Handlers(deps);
  const byPath = new Map<string, Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', RouteHandler>>>();
  for (const [name, endpoint] of Object.entries(v3Endpoints) as [EndpointName, (typeof v3Endpoints)[EndpointName]][]) {
    const handler = handlers[name];
    if (handler === undefined) continue;
    const path = endpoint.path.replace(/\{([A-Za-z]+)\}/g, ':$1');
    const methods = byPath.get(path) ?? {};
    methods[endpoint.method as 'GET' | 'POST' | 'PATCH' | 'DELETE'] = handler;
    byPath.set(path, methods);
  }
  for (const [path, methods] of byPath) routes.define(path, methods, { faults: deps.faults });
}

function v3Handlers(deps: V3RouteDeps): Record<EndpointName, Handler> {
  const { store } = deps;

  /** Undefined when the `x-api-key` is right; else Didit's 403 (or 401 when so configured). */
  const auth = (c: Context, status: 401 | 403 = deps.authFailureStatus): Response | undefined => {
    const key = c.req.header('x-api-key');
    if (key !== undefined && constantTimeEqual(key, deps.apiKey)) return undefined;
    return detail(c, status, AUTH_FAILED);
  };
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
  const foundSession = (c: Context): V3Session | Response => malformed(c) ?? find(c) ?? detail(c, 404, 'Not found.');
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
      const callback = input.callback ?? null;
      const metadata = (raw.metadata ?? null) as Json;
      let session =
        input.vendor_data === undefined ? undefined : store.findUnfinished(input.workflow_id, input.vendor_data);
      if (session) {
        session.decision.callback = callback;
        session.decision.metadata = metadata;
      } else {
        const company = isJsonObject(raw.expected_details) && typeof raw.expected_details.company_name === 'string';
        const scenarioKind =
          input.sandbox_scenario === undefined ? undefined : V3_SCENARIOS[input.sandbox_scenario]?.kind;
        session = store.create({
          kind:
            input.workflow_id === MOCK_KYB_WORKFLOW_ID || company || scenarioKind === 'business' ? 'business' : 'user',
          workflowId: input.workflow_id,
          vendorData: input.vendor_data ?? null,
          callback,
          metadata,
          expectedDetails: (raw.expected_details ?? null) as Json,
          contactDetails: (raw.contact_details ?? null) as Json,
          scenario: input.sandbox_scenario,
          url: hostedUrl(c),
        });
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
          status: v3Status(session),
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
      return auth(c) ?? c.json(session.decision);
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
      const rows = store
        .list()
        .filter(
          (s) =>
            (kind === 'all' || s.kind === kind) &&
            (statuses === undefined || statuses.length === 0 || statuses.includes(v3Status(s))) &&
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
      const current = v3Status(session);
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
      store.setStatus(session, next, 'API_KEY', comment ?? null);
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
      store.addReview(session, {
        activity_type: 'STATUS_UPDATED',
        actor_type: 'API_KEY',
        new_status: null,
        previous_status: null,
        comment: checked.value.comment ?? null,
      });
      store.emit(session, 'data.updated');
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
      const status = v3Status(session);
      const allowed = PDF_STATUSES.filter((s) => session.kind === 'user' || s !== 'Kyc Expired');
      if (!allowed.includes(status)) {
        return detail(c, 403, 'You can only generate a PDF for sessions in review, declined, approved or kyc expired');
      }
      const pdf = await renderDecisionPdf(printable(session), { now: deps.now });
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
      if (!SHAREABLE.includes(v3Status(session))) {
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
        trust ? v3Status(source) : 'In Review',
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
      const items = ordering === 'created_at' ? [...session.reviews] : [...session.reviews].reverse();
      return c.json(pageOf(c, origin(c), items as unknown as JsonObject[], page));
    },

    createReview: async (c) => {
      const session = keyedSession(c);
      if (session instanceof Response) return session;
      // Reviews are KYC only: a business session is not found here.
      if (session.kind !== 'user') return detail(c, 404, SESSION_NOT_FOUND);
      const checked = await readBody(c, createReviewRequestSchema);
      if (!checked.ok) return checked.response;
      const review = store.addReview(session, {
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
        return detail(c, 404, 'Not found.');
      }
      const checked = await readBody(c, armSandboxRequestSchema);
      if (!checked.ok) return checked.response;
      const { scenario } = checked.value;
      if (!Object.hasOwn(V3_SCENARIOS, scenario)) {
        return fieldErrors(c, { scenario: [`Unknown sandbox scenario: '${scenario}'.`] });
      }
      if (v3Status(session) !== 'Not Started') {
        return c.json(['Scenario can only be armed before the verification starts.'], 400);
      }
      session.scenario = scenario;
      return c.json({ session_id: session.sessionId, scenario, status: v3Status(session) });
    },
  };
}

interface Page {
  limit: number;
  offset: number;
}

/**
 * `limit`/`offset`. The list refuses a malformed value with a DRF 400 (its filters are typed, as Didit's
 * contract says); the reviews trail, like DRF's LimitOffsetPagination, falls back to the default.
 */
function pagination(c: Context, strict: boolean): Page | Response {
  const query = new URL(c.req.url).searchParams;
  const errors: FieldErrors = {};
  const read = (name: string, fallback: number, min: number) => {
    const text = query.get(name);
    if (text === null || text === '') return fallback;
    if (/^\d+$/.test(text) && Number(text) >= min) return Number(text);
    if (strict) errors[name] = ['A valid integer is required.'];
    return fallback;
  };
  const page = { limit: Math.min(read('limit', 50, 1), 1000), offset: read('offset', 0, 0) };
  return Object.keys(errors).length > 0 ? fieldErrors(c, errors) : page;
}

/** DRF's LimitOffsetPagination: `next`/`previous` are absolute URLs on the mock's public origin. */
function pageOf(c: Context, origin: string, rows: readonly JsonObject[], page: Page): JsonObject {
  const { limit, offset } = page;
  const url = new URL(c.req.url);
  const link = (nextOffset: number) => {
    const params = new URLSearchParams(url.search);
    params.set('limit', String(limit));
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    else params.delete('offset');
    return `${origin}${url.pathname}?${params}`;
  };
  return {
    count: rows.length,
    next: offset + limit < rows.length ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results: rows.slice(offset, offset + limit) as Json[],
  };
}

interface FoundItem {
  array: string;
  item: JsonObject;
}

function featureItems(decision: JsonObject): FoundItem[] {
  const found: FoundItem[] = [];
  for (const array of V3_FEATURE_ARRAYS) {
    const items = decision[array];
    if (!Array.isArray(items)) continue;
    for (const item of items) if (isJsonObject(item)) found.push({ array, item });
  }
  return found;
}

function first(decision: JsonObject, array: string): JsonObject | undefined {
  const items = decision[array];
  return Array.isArray(items) && isJsonObject(items[0]) ? items[0] : undefined;
}

function listRow(session: V3Session): JsonObject {
  const d = session.decision;
  if (session.kind === 'business') {
    const company = first(d, 'registry_checks');
    const details = isJsonObject(d.expected_details) ? d.expected_details : {};
    return {
      session_id: session.sessionId,
      session_kind: 'business',
      session_number: d.session_number ?? null,
      status: v3Status(session),
      vendor_data: d.vendor_data ?? null,
      created_at: d.created_at ?? null,
      workflow_id: d.workflow_id ?? null,
      workflow_type: 'kyb',
      workflow_label: 'Standard KYB',
      company_name: (company?.company_name ?? details.company_name ?? null) as Json,
      registration_number: (company?.registration_number ?? details.registration_number ?? null) as Json,
      country: (company?.country ?? details.registry_country ?? null) as Json,
    };
  }
  const id = first(d, 'id_verifications');
  const name = [id?.first_name, id?.last_name].filter((part) => typeof part === 'string').join(' ');
  return {
    session_id: session.sessionId,
    session_kind: 'user',
    session_number: d.session_number ?? null,
    session_url: d.session_url ?? null,
    portrait_image: id?.portrait_image ?? null,
    document_type: id?.document_type ?? null,
    full_name: name === '' ? null : name,
    country: id?.issuing_state ?? null,
    status: v3Status(session),
    vendor_data: d.vendor_data ?? null,
    didit_internal_id: null,
    created_at: d.created_at ?? null,
    // The list names features as the workflow does (OAS enum), not as the decision's arrays do.
    features: featureItems(d)
      .filter(({ array }) => LIST_FEATURES[array] !== undefined)
      .map(({ array, item }) => ({ feature: LIST_FEATURES[array] as string, status: (item.status ?? null) as Json })),
    phone_number: null,
    email_address: null,
    additional_details: null,
  };
}

/** For user sessions, import answers Didit's V2 decision: singular `id_verification`, `liveness`, `aml`. */
function importBody(session: V3Session): JsonObject {
  const d = session.decision;
  if (session.kind === 'business') return d;
  const { session_kind: _kind, ...rest } = d;
  return {
    ...rest,
    id_verification: first(d, 'id_verifications') ?? null,
    liveness: first(d, 'liveness_checks') ?? null,
    face_match: first(d, 'face_matches') ?? null,
    aml: first(d, 'aml_screenings') ?? null,
  };
}

/** A JWT-shaped share token (HS256 header; the signature is random: only the mock reads it back). */
function fakeJwt(payload: JsonObject): string {
  const part = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${randomToken(43)}`;
}

/**
 * The v1 PDF renderer takes a v1 decision: the v3 one mapped onto it (the document as `kyc`,
 * the screening as `aml`, the face match as `face`, every item's warnings as `warnings`).
 */
function printable(session: V3Session) {
  const d = session.decision;
  const warnings = featureItems(d).flatMap(({ item }) =>
    Array.isArray(item.warnings) ? item.warnings.filter(isJsonObject) : [],
  );
  const base = {
    session_id: session.sessionId,
    session_number: d.session_number ?? null,
    session_url: d.session_url ?? null,
    status: v3Status(session),
    vendor_data: d.vendor_data ?? null,
    callback: d.callback ?? null,
    features: featureItems(d)
      .map(({ array }) => FEATURE_TYPES[array] ?? array)
      .filter((f, i, all) => all.indexOf(f) === i)
      .join(' + '),
    kyc: null,
    aml: null,
    face: null,
    location: null,
    warnings: warnings.map((w) => ({
      risk: String(w.risk ?? ''),
      feature: String(w.feature ?? ''),
      log_type: String(w.log_type ?? ''),
      short_description: String(w.short_description ?? ''),
      long_description: String(w.long_description ?? ''),
      additional_data: null,
    })),
    reviews: Array.isArray(d.reviews) ? d.reviews : [],
    extra_images: [],
    created_at: d.created_at ?? null,
  };
  const id = first(d, 'id_verifications');
  const aml = first(d, 'aml_screenings');
  const face = first(d, 'face_matches');
  const rich = v1DecisionSchema.safeParse({
    ...base,
    kyc: id ? { ...id, warnings: undefined } : null,
    aml: aml ? { ...aml, warnings: undefined } : null,
    face: face ? { ...face, warnings: undefined } : null,
  });
  if (rich.success) return rich.data;
  return v1DecisionSchema.parse(base);
}
