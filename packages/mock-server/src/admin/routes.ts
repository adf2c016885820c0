import type { Context } from 'hono';
import { detail, type FieldErrors, fieldErrors, notFound } from '../drf.ts';
import type { MockEnv, RouteHandler, RouteTable } from '../routing.ts';
import { type SessionStore, type StoredSession, statusOf } from '../session-store.ts';
import type { Records } from '../v3/records/record-context.ts';
import { readJsonObject } from '../validation.ts';
import type { WebhookSender } from '../webhooks/sender.ts';
import { logEntry } from '../webhooks/views.ts';
import { registerDestinationRoutes } from './destination-routes.ts';
import { adminGuard, show } from './guard.ts';
import { registerRecordAdminRoutes } from './record-routes.ts';

// `/__mock/...`: JSON routes to inspect and steer the mock's state, the same for both generations:
// a session id is looked up among the v3 sessions, then the v1 ones, and each generation's store
// says what its sessions' statuses and outcomes are and how they advance. `admin: false`
// (CLI `--no-admin`) leaves them out, so they answer 404. Behind the guard of guard.ts.

type ApiVersion = 'v1' | 'v3';

export interface AdminDeps {
  /** Each generation's sessions. */
  stores: Readonly<Record<ApiVersion, SessionStore<StoredSession>>>;
  origin: (c: Context) => string;
  /** The configured `publicUrl` (an origin), whose pages may call the admin routes too. */
  publicUrl: string | undefined;
  /** The webhooks: their log is shown and cleared here, their destinations set. */
  webhooks: WebhookSender;
  /** The v3 records besides sessions (Users, workflows, balance, ...): reset with the sessions. */
  records?: Records | undefined;
}

/** Where a session id is looked for, in order (v3, the default generation, first). */
const GENERATIONS: readonly ApiVersion[] = ['v3', 'v1'];

interface Found {
  apiVersion: ApiVersion;
  store: SessionStore<StoredSession>;
  session: StoredSession;
}

export function registerAdminRoutes(routes: RouteTable, deps: AdminDeps): void {
  const { stores, webhooks } = deps;
  const guard = adminGuard(deps.publicUrl);
  const define = (path: string, handlers: Partial<Record<'GET' | 'POST', RouteHandler>>) =>
    routes.define(path, handlers, { guard });
  const find = (c: Context<MockEnv>): Found | undefined => {
    const id = c.req.param('id') ?? '';
    for (const apiVersion of GENERATIONS) {
      const store = stores[apiVersion];
      const session = store.get(id);
      if (session) return { apiVersion, store, session };
    }
    return undefined;
  };
  const summary = (c: Context, apiVersion: ApiVersion, session: StoredSession) => ({
    api_version: apiVersion,
    session_id: session.sessionId,
    session_number: session.decision.session_number ?? null,
    status: statusOf(session),
    vendor_data: session.decision.vendor_data ?? null,
    source: session.source,
    session_token: session.sessionToken,
    hosted_page_url: `${deps.origin(c)}/session/${session.sessionToken}`,
  });
  const answer = (c: Context, { apiVersion, session }: Found) =>
    c.json({ session: summary(c, apiVersion, session), decision: session.decision });
  const byGeneration = <T>(read: (store: SessionStore<StoredSession>) => T) => ({
    v1: read(stores.v1),
    v3: read(stores.v3),
  });

  define('/__mock', {
    GET: (c) =>
      c.json({
        routes: [
          'GET /__mock/sessions',
          'GET /__mock/sessions/{session_id}',
          'POST /__mock/sessions/{session_id}/status {"status": "..."} or {"outcome": "..."}',
          'POST /__mock/sessions/{session_id}/advance',
          'POST /__mock/reset',
          'GET /__mock/webhooks',
          'POST /__mock/webhooks/{delivery_id}/resend',
          'GET /__mock/webhook-destinations',
          'POST /__mock/webhook-destinations {"url": "...", "webhook_version": "v3", "subscribed_events": ["status.updated"]}',
          'GET /__mock/webhook-destinations/{uuid}',
          'DELETE /__mock/webhook-destinations/{uuid}',
          'POST /__mock/webhook-destinations/{uuid}/rotate-secret',
          'GET /__mock/travel-rule/pickups',
          'GET /__mock/verification-codes',
          'POST /__mock/transactions/{uuid}/status {"status": "APPROVED"}',
          'GET /__mock/billing',
          'POST /__mock/billing {"balance": 100}',
        ],
        statuses: byGeneration((store) => [...store.statuses]),
        outcomes: byGeneration((store) => store.outcomes.map(({ id, status, label }) => ({ id, status, label }))),
      }),
  });

  define('/__mock/sessions', {
    GET: (c) =>
      c.json({
        sessions: GENERATIONS.flatMap((apiVersion) =>
          stores[apiVersion].list().map((session) => summary(c, apiVersion, session)),
        ),
      }),
  });

  define('/__mock/sessions/:id', {
    GET: (c) => {
      const found = find(c);
      return found ? answer(c, found) : notFound(c);
    },
  });

  define('/__mock/sessions/:id/status', {
    POST: async (c) => {
      const found = find(c);
      if (!found) return notFound(c);
      const { store, session } = found;
      const body = await readJsonObject(c);
      if (!body.ok) return body.response;
      const { status, outcome } = body.value;
      const errors: FieldErrors = {};
      if (status !== undefined && outcome !== undefined) {
        errors.non_field_errors = ['Send either "status" or "outcome", not both.'];
      } else if (outcome !== undefined) {
        if (typeof outcome !== 'string' || !store.setOutcome(session, outcome)) {
          const ids = store.outcomes.map((o) => o.id).join(', ');
          errors.outcome = [`${show(outcome)} is not a valid choice: ${ids}.`];
        }
      } else if (typeof status !== 'string' || !store.setStatus(session, status)) {
        errors.status = [
          status === undefined
            ? 'This field is required (or send "outcome").'
            : `${show(status)} is not a valid choice: ${store.statuses.join(', ')}.`,
        ];
      }
      if (Object.keys(errors).length > 0) return fieldErrors(c, errors);
      return answer(c, found);
    },
  });

  const advance: RouteHandler = (c) => {
    const found = find(c);
    if (!found) return notFound(c);
    if (!found.store.advance(found.session)) {
      return detail(
        c,
        409,
        `The session is ${statusOf(found.session)}, which does not advance: set a status with POST /__mock/sessions/{id}/status.`,
      );
    }
    return answer(c, found);
  };
  define('/__mock/sessions/:id/advance', { POST: advance });
  // The v3 path from before the admin routes served both generations: docs, examples and apps
  // written then still call it.
  define('/__mock/v3/sessions/:id/advance', { POST: advance });

  define('/__mock/reset', {
    POST: (c) => {
      stores.v1.reset();
      stores.v3.reset();
      deps.records?.reset();
      webhooks.queue.clearLog();
      return c.json({ sessions: stores.v1.list().length + stores.v3.list().length });
    },
  });

  define('/__mock/webhooks', {
    GET: (c) => c.json({ url: webhooks.legacyUrl, deliveries: webhooks.queue.deliveries().map(logEntry) }),
  });
  // Any delivery again (a session's, or a User's, a transaction's, ...), with a fresh signature.
  define('/__mock/webhooks/:id/resend', {
    POST: (c) => {
      const delivery = webhooks.queue.find(c.req.param('id') ?? '');
      if (!delivery) return notFound(c);
      webhooks.queue.resend(delivery);
      return c.json(logEntry(delivery), 202);
    },
  });

  registerDestinationRoutes(routes, webhooks.destinations, guard);
  if (deps.records) registerRecordAdminRoutes(routes, deps.records, guard);
}
