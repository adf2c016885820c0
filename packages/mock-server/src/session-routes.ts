import { createSessionRequestSchema, sessionDecisionSchema, updateStatusRequestSchema } from '@didit-kit/core/v1';
import type { Context } from 'hono';
import type { TokenIssuer } from './auth.ts';
import type { Clock } from './clock.ts';
import { detail, NOT_AUTHENTICATED, notFound } from './drf.ts';
import type { FaultInjector } from './faults.ts';
import { renderDecisionPdf } from './pdf.ts';
import type { Guard, MockEnv, RouteTable } from './routing.ts';
import { type MockSession, type SessionStore, statusOf } from './store.ts';
import { readBody } from './zod-drf.ts';

/** Features a session runs when `POST /v1/session/` does not say (Didit uses the console's settings). */
export const DEFAULT_FEATURES = 'OCR + FACE';

export interface SessionRouteDeps {
  store: SessionStore;
  tokens: TokenIssuer;
  now: Clock;
  /** The origin the hosted page is served from, for the `url` of a new session. */
  origin: (c: Context) => string;
  /** The API's fault injection. */
  faults: FaultInjector;
}

/** Every `/v1` route needs a valid Bearer token: DRF's 401s, with `WWW-Authenticate`. */
export function bearerGuard(tokens: TokenIssuer): Guard {
  return (c) => {
    const check = tokens.checkBearer(c.req.header('authorization'));
    if (check === 'valid') return undefined;
    const message =
      check === 'missing' ? NOT_AUTHENTICATED : check === 'expired' ? 'Token has expired.' : 'Invalid token.';
    return detail(c, 401, message, { 'WWW-Authenticate': 'Bearer realm="api"' });
  };
}

export function registerSessionRoutes(routes: RouteTable, deps: SessionRouteDeps): void {
  const { store, tokens } = deps;
  const options = { guard: bearerGuard(tokens), faults: deps.faults };
  const find = (c: Context<MockEnv>): MockSession | undefined => store.get(c.req.param('id') ?? '');

  routes.define(
    '/v1/session/',
    {
      POST: async (c) => {
        const checked = await readBody(c, createSessionRequestSchema);
        if (!checked.ok) return checked.response;
        const origin = deps.origin(c);
        const session = store.create({
          callback: checked.value.callback ?? undefined,
          vendorData: checked.value.vendor_data,
          features: checked.value.features ?? DEFAULT_FEATURES,
          url: (token) => `${origin}/session/${token}`,
        });
        const { decision } = session;
        return c.json(
          {
            session_id: session.sessionId,
            session_number: decision.session_number,
            session_token: session.sessionToken,
            url: decision.session_url,
            status: statusOf(session),
            vendor_data: decision.vendor_data,
            callback: decision.callback,
            features: decision.features,
          },
          201,
        );
      },
    },
    options,
  );

  routes.define(
    '/v1/session/:id/decision/',
    {
      GET: (c) => {
        const session = find(c);
        // Serialised once per change, sent with plain headers: this is the route clients poll.
        return session ? c.body(store.decisionJson(session), 200, { 'content-type': 'application/json' }) : notFound(c);
      },
    },
    options,
  );

  routes.define(
    '/v1/session/:id/update-status/',
    {
      PATCH: async (c) => {
        const session = find(c);
        if (!session) return notFound(c);
        const checked = await readBody(c, updateStatusRequestSchema);
        if (!checked.ok) return checked.response;
        store.review(session, {
          user: tokens.clientId,
          newStatus: checked.value.new_status,
          comment: checked.value.comment ?? null,
        });
        return c.json({ session_id: session.sessionId });
      },
    },
    options,
  );

  routes.define(
    '/v1/session/:id/generate-pdf/',
    {
      GET: async (c) => {
        const session = find(c);
        if (!session) return notFound(c);
        const decision = sessionDecisionSchema.parse(session.decision);
        const pdf = await renderDecisionPdf(decision, { now: deps.now });
        return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename=session_${session.sessionId}.pdf`,
        });
      },
    },
    options,
  );
}
