import { v1Endpoints } from '@didit-kit/core/server';
import { createSessionRequestSchema, sessionDecisionSchema, updateStatusRequestSchema } from '@didit-kit/core/v1';
import type { Context } from 'hono';
import type { Clock } from '../clock.ts';
import { notFound } from '../drf.ts';
import type { FaultInjector } from '../faults.ts';
import { renderDecisionPdf } from '../pdf.ts';
import { type MockEnv, type RouteHandler, type RouteTable, registerEndpoints } from '../routing.ts';
import { statusOf } from '../session-store.ts';
import { readBody } from '../zod-drf.ts';
import { bearerGuard, type TokenIssuer } from './auth.ts';
import type { V1Session, V1SessionStore } from './store.ts';

/** Features a session runs when create does not say (Didit uses the console's settings). */
export const DEFAULT_FEATURES = 'OCR + FACE';

/** The table's entries served here: `events` is the app's proxy's own (`servedBy: 'proxy'`), never Didit's. */
type Served = Exclude<keyof typeof v1Endpoints, 'events'>;

export interface V1RouteDeps {
  store: V1SessionStore;
  tokens: TokenIssuer;
  now: Clock;
  /** The origin the hosted page is served from, for the `url` of a new session. */
  origin: (c: Context) => string;
  /** The API's fault injection. */
  faults: FaultInjector;
}

/** Registers every endpoint of core's `v1Endpoints` table, each behind a Bearer token. */
export function registerV1Routes(routes: RouteTable, deps: V1RouteDeps): void {
  registerEndpoints(routes, v1Endpoints, v1Handlers(deps), { guard: bearerGuard(deps.tokens), faults: deps.faults });
}

function v1Handlers(deps: V1RouteDeps): Record<Served, RouteHandler> {
  const { store, tokens } = deps;
  const find = (c: Context<MockEnv>): V1Session | undefined => store.get(c.req.param('sessionId') ?? '');

  return {
    create: async (c) => {
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

    getDecision: (c) => {
      const session = find(c);
      // Serialised once per change, sent with plain headers: this is the route clients poll.
      return session ? c.body(store.decisionJson(session), 200, { 'content-type': 'application/json' }) : notFound(c);
    },

    updateStatus: async (c) => {
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

    generatePdf: async (c) => {
      const session = find(c);
      if (!session) return notFound(c);
      const decision = sessionDecisionSchema.parse(session.decision);
      const pdf = await renderDecisionPdf(decision, { now: deps.now });
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename=session_${session.sessionId}.pdf`,
      });
    },
  };
}
