import { SESSION_STATUSES } from '@didit-kit/core/v1';
import type { Context } from 'hono';
import { detail, type FieldErrors, fieldErrors, notFound } from './drf.ts';
import type { Json } from './json.ts';
import { findOutcome, OUTCOMES, STATUS_TEMPLATES } from './outcomes.ts';
import type { Guard, MockEnv, RouteTable } from './routing.ts';
import { type MockSession, type SessionStore, statusOf } from './store.ts';
import type { V3Store } from './v3-store.ts';
import type { V3Webhooks } from './v3-webhooks.ts';
import { readJsonObject } from './validation.ts';
import type { WebhookSender } from './webhooks.ts';

// `/__mock/...`: JSON routes to inspect and steer the mock's state. No authentication (it is
// a local tool); `admin: false` (CLI `--no-admin`) leaves them out, so they answer 404.
// Since any web page can make a browser send requests to 127.0.0.1, they refuse what a page of
// another site could send: a request with a foreign `Origin` (403), and a POST that is not
// `Content-Type: application/json` (415), which a page can only send with CORS's permission
// (a preflight the mock never grants). A plain form or a `text/plain` fetch cannot steer them.

export interface AdminDeps {
  store: SessionStore;
  origin: (c: Context) => string;
  /** The configured `publicUrl` (an origin), whose pages may call the admin routes too. */
  publicUrl: string | undefined;
  /** The webhook sender, when `webhookUrl` is set. */
  webhooks: WebhookSender | undefined;
  /** The v3 sessions, reset with the v1 ones. */
  v3Store?: V3Store | undefined;
  /** The v3 webhook destinations, whose delivery log is cleared on reset. */
  v3Webhooks?: V3Webhooks | undefined;
}

/** The session after the given one on the happy path (`Not Started` -> `In Progress` -> `Approved`). */
const ADVANCE: Readonly<Record<string, string>> = {
  'Not Started': 'In Progress',
  'In Progress': 'Approved',
  'In Review': 'Approved',
};

/**
 * The admin routes' guard: 403 for an `Origin` that is not the mock's own (the request's host, or
 * `publicUrl`), 415 for a POST without `Content-Type: application/json`. A request without
 * `Origin` (curl, a test, a server) passes the first check: browsers send it on every cross-origin
 * request and on every POST.
 */
export function adminGuard(publicUrl: string | undefined): Guard {
  return (c) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, c.req.url, publicUrl)) {
      return detail(c, 403, `Origin ${show(origin)} may not use the admin routes: only pages of the mock itself may.`);
    }
    if (c.req.method === 'POST') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        return c.json(
          {
            detail: `Unsupported media type "${type}" in request.`,
            hint: 'The /__mock/ routes take Content-Type: application/json (with an empty body where a route needs no fields).',
          },
          415,
        );
      }
    }
    return undefined;
  };
}

/** True when `origin` is the request's own host (any scheme: a TLS proxy may sit in front) or `publicUrl`. */
function sameOrigin(origin: string, requestUrl: string, publicUrl: string | undefined): boolean {
  let sent: URL;
  try {
    sent = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed page, a file) and garbage
  }
  if (sent.protocol !== 'http:' && sent.protocol !== 'https:') return false;
  if (publicUrl !== undefined && sent.origin === publicUrl) return true;
  try {
    return sent.host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}

export function registerAdminRoutes(routes: RouteTable, deps: AdminDeps): void {
  const { store } = deps;
  const guard = adminGuard(deps.publicUrl);
  const define: typeof routes.define = (path, handlers) => routes.define(path, handlers, { guard });
  const summary = (c: Context, session: MockSession) => ({
    session_id: session.sessionId,
    session_number: session.decision.session_number ?? null,
    status: statusOf(session),
    vendor_data: session.decision.vendor_data ?? null,
    source: session.source,
    session_token: session.sessionToken,
    hosted_page_url: `${deps.origin(c)}/session/${session.sessionToken}`,
  });
  const find = (c: Context<MockEnv>) => store.get(c.req.param('id') ?? '');

  define('/__mock', {
    GET: (c) =>
      c.json({
        routes: [
          'GET /__mock/sessions',
          'GET /__mock/sessions/{session_id}',
          'POST /__mock/sessions/{session_id}/status {"status": "..."} or {"outcome": "..."}',
          'POST /__mock/sessions/{session_id}/advance',
          'POST /__mock/v3/sessions/{session_id}/advance',
          'POST /__mock/reset',
          'GET /__mock/webhooks',
          'GET /__mock/webhook-destinations',
          'POST /__mock/webhook-destinations {"url": "...", "webhook_version": "v3", "subscribed_events": ["status.updated"]}',
          'GET /__mock/webhook-destinations/{uuid}',
          'DELETE /__mock/webhook-destinations/{uuid}',
        ],
        statuses: SESSION_STATUSES,
        outcomes: OUTCOMES.map(({ id, status, label }) => ({ id, status, label })),
      }),
  });

  define('/__mock/sessions', {
    GET: (c) => c.json({ sessions: store.list().map((session) => summary(c, session)) }),
  });

  define('/__mock/sessions/:id', {
    GET: (c) => {
      const session = find(c);
      return session ? c.json({ session: summary(c, session), decision: session.decision }) : notFound(c);
    },
  });

  define('/__mock/sessions/:id/status', {
    POST: async (c) => {
      const session = find(c);
      if (!session) return notFound(c);
      const body = await readJsonObject(c);
      if (!body.ok) return body.response;
      const { status, outcome } = body.value;
      const errors: FieldErrors = {};
      if (status !== undefined && outcome !== undefined) {
        errors.non_field_errors = ['Send either "status" or "outcome", not both.'];
      } else if (outcome !== undefined) {
        const found = typeof outcome === 'string' ? findOutcome(outcome) : undefined;
        if (!found)
          errors.outcome = [`${show(outcome)} is not a valid choice: ${OUTCOMES.map((o) => o.id).join(', ')}.`];
        else store.transition(session, found.status, found.templateId);
      } else if (typeof status === 'string' && (SESSION_STATUSES as readonly string[]).includes(status)) {
        store.transition(session, status, STATUS_TEMPLATES[status]);
      } else {
        errors.status = [
          status === undefined
            ? 'This field is required (or send "outcome").'
            : `${show(status)} is not a valid choice: ${SESSION_STATUSES.join(', ')}.`,
        ];
      }
      if (Object.keys(errors).length > 0) return fieldErrors(c, errors);
      return c.json({ session: summary(c, session), decision: session.decision });
    },
  });

  define('/__mock/sessions/:id/advance', {
    POST: (c) => {
      const session = find(c);
      if (!session) return notFound(c);
      const next = ADVANCE[statusOf(session)];
      if (next === undefined) {
        return detail(
          c,
          409,
          `The session is ${statusOf(session)}, which does not advance: set a status with POST /__mock/sessions/{id}/status.`,
        );
      }
      store.transition(session, next, STATUS_TEMPLATES[next]);
      return c.json({ session: summary(c, session), decision: session.decision });
    },
  });

  define('/__mock/reset', {
    POST: (c) => {
      store.reset();
      deps.v3Store?.reset();
      deps.webhooks?.clearLog();
      deps.v3Webhooks?.clearLog();
      return c.json({ sessions: store.list().length });
    },
  });

  define('/__mock/webhooks', {
    GET: (c) =>
      c.json({
        url: deps.webhooks?.displayUrl ?? null,
        deliveries: deps.webhooks?.deliveries() ?? [],
      }),
  });
}

function show(value: Json | undefined): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
