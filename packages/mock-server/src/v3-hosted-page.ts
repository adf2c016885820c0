import type { Context } from 'hono';
import { adminGuard } from './admin.ts';
import { detail, notFound } from './drf.ts';
import { escapeHtml } from './hosted-page.ts';
import type { MockApp, MockEnv, RouteTable } from './routing.ts';
import { UNFINISHED, type V3Session, type V3Store, v3Status } from './v3-store.ts';
import { isHttpUrl } from './validation.ts';

// The hosted page of a v3 session (`url` from `POST /v3/session/`), at the same `/session/{token}`
// as v1's: a token the v3 store does not know falls through to the v1 page. One button finishes
// the verification; the armed sandbox scenario (or `approve`) decides the outcome.

const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function registerV3HostedPage(app: MockApp, store: V3Store): void {
  for (const path of ['/session/:token', '/session/:token/']) {
    app.get(path, async (c, next) => {
      const session = store.getByToken(c.req.param('token') ?? '');
      if (!session) return next();
      return page(c, 200, body(session));
    });
    app.post(path, async (c, next) => {
      const session = store.getByToken(c.req.param('token') ?? '');
      if (!session) return next();
      if (!UNFINISHED.has(v3Status(session))) return page(c, 409, body(session));
      store.finish(session);
      const location = callbackLocation(session);
      return location === undefined ? page(c, 200, body(session)) : c.redirect(location, 302);
    });
  }
}

/**
 * `POST /__mock/v3/sessions/{id}/advance`: `Not Started` -> `In Progress` -> the armed scenario's
 * outcome (as if the user finished the hosted page). Behind the admin routes' guard.
 */
export function registerV3AdminRoutes(routes: RouteTable, store: V3Store, publicUrl: string | undefined): void {
  routes.define(
    '/__mock/v3/sessions/:id/advance',
    {
      POST: (c) => {
        const session = store.get(c.req.param('id') ?? '');
        if (!session) return notFound(c);
        const status = v3Status(session);
        if (status === 'Not Started') store.changeStatus(session, 'In Progress');
        else if (UNFINISHED.has(status)) store.finish(session);
        else return detail(c, 409, `The session is ${status}, which does not advance.`);
        return c.json({ session_id: session.sessionId, status: v3Status(session), decision: session.decision });
      },
    },
    { guard: adminGuard(publicUrl) },
  );
}

function callbackLocation(session: V3Session): string | undefined {
  const callback = session.decision.callback;
  if (typeof callback !== 'string' || !isHttpUrl(callback)) return undefined;
  const url = new URL(callback);
  url.searchParams.set('verificationSessionId', session.sessionId);
  url.searchParams.set('status', v3Status(session));
  url.search = url.search.replace(/\+/g, '%20');
  return url.toString();
}

function body(session: V3Session): string {
  const status = v3Status(session);
  const facts = `<dl><dt>Session</dt><dd>${escapeHtml(session.sessionId)}</dd><dt>Kind</dt><dd>${session.kind}</dd><dt>Status</dt><dd>${escapeHtml(status)}</dd><dt>Sandbox scenario</dt><dd>${escapeHtml(session.scenario ?? '(none: approve)')}</dd></dl>`;
  if (!UNFINISHED.has(status)) return `<h1>Verification finished</h1>${facts}`;
  return `<h1>Verify your identity</h1><p>This is the <strong>didit-kit mock server</strong> standing in for Didit's v3 hosted page. Finishing applies the session's sandbox scenario.</p>${facts}<form method="post"><button type="submit">Finish verification</button></form>`;
}

function page(c: Context<MockEnv>, status: 200 | 409, content: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Didit mock (v3)</title></head><body><main>${content}</main></body></html>\n`;
  return c.html(html, status, PAGE_HEADERS);
}
