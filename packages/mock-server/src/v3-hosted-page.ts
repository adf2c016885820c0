import type { Context } from 'hono';
import { adminGuard } from './admin.ts';
import { detail, notFound } from './drf.ts';
import {
  completedMessages,
  EMBEDDED_FIELD,
  type EmbedMessage,
  embeddedField,
  embedMarkup,
  newNonce,
  pageHeaders,
  readyMessages,
} from './embed-messages.ts';
import { escapeHtml } from './html.ts';
import type { MockApp, MockEnv, RouteTable } from './routing.ts';
import { UNFINISHED, V3_SCENARIOS, type V3Session, type V3Store, v3Status } from './v3-store.ts';
import { isHttpUrl } from './validation.ts';

// The hosted page of a v3 session (`url` from `POST /v3/session/`), at the same `/session/{token}`
// as v1's: a token the v3 store does not know falls through to the v1 page. "Finish verification"
// applies the armed sandbox scenario (or `approve`); the other buttons pick a scenario of the
// session's kind first. Framed by Didit's web SDK, it posts the SDK's `didit:*` messages instead of
// redirecting (embed-messages.ts).

export function registerV3HostedPage(app: MockApp, store: V3Store): void {
  for (const path of ['/session/:token', '/session/:token/']) {
    app.get(path, async (c, next) => {
      const session = store.getByToken(c.req.param('token') ?? '');
      if (!session) return next();
      return page(c, 200, body(session), readyMessages(session.sessionId));
    });
    app.post(path, async (c, next) => {
      const session = store.getByToken(c.req.param('token') ?? '');
      if (!session) return next();
      if (!UNFINISHED.has(v3Status(session))) return page(c, 409, body(session));
      const form = await readForm(c);
      if (form.scenario !== undefined) {
        if (V3_SCENARIOS[form.scenario]?.kind !== session.kind) return page(c, 400, unknownScenario());
        session.scenario = form.scenario;
      }
      store.finish(session);
      const location = callbackLocation(session);
      // In an iframe the app that embeds the page carries on (the SDK's onComplete), not the callback.
      if (location === undefined || form.embedded) {
        return page(c, 200, body(session), completedMessages(session.sessionId, v3Status(session)));
      }
      return c.redirect(location, 302);
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

async function readForm(c: Context<MockEnv>): Promise<{ scenario: string | undefined; embedded: boolean }> {
  try {
    const form = await c.req.parseBody();
    const scenario = form.scenario;
    return { scenario: typeof scenario === 'string' ? scenario : undefined, embedded: form[EMBEDDED_FIELD] === '1' };
  } catch {
    return { scenario: undefined, embedded: false };
  }
}

function body(session: V3Session): string {
  const status = v3Status(session);
  const facts = `<dl><dt>Session</dt><dd>${escapeHtml(session.sessionId)}</dd><dt>Kind</dt><dd>${session.kind}</dd><dt>Status</dt><dd>${escapeHtml(status)}</dd><dt>Sandbox scenario</dt><dd>${escapeHtml(session.scenario ?? '(none: approve)')}</dd></dl>`;
  if (!UNFINISHED.has(status)) return `<h1>Verification finished</h1>${facts}`;
  const choices = Object.entries(V3_SCENARIOS)
    .filter(([, scenario]) => scenario.kind === session.kind)
    .map(
      ([id, scenario]) =>
        `<li><button type="submit" name="scenario" value="${escapeHtml(id)}">${escapeHtml(scenario.status)}: ${escapeHtml(id)}</button></li>`,
    )
    .join('');
  return `<h1>Verify your identity</h1><p>This is the <strong>didit-kit mock server</strong> standing in for Didit's v3 hosted page. Finishing applies the session's sandbox scenario; the other buttons choose one.</p>${facts}<form method="post">${embeddedField()}<button type="submit">Finish verification</button><ul>${choices}</ul></form>`;
}

function unknownScenario(): string {
  return `<h1>Unknown scenario</h1><p>Choose one of the buttons on the verification page.</p>`;
}

function page(
  c: Context<MockEnv>,
  status: 200 | 400 | 409,
  content: string,
  messages: readonly EmbedMessage[] = [],
): Response {
  const nonce = newNonce();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Didit mock (v3)</title></head><body><main>${content}</main>${embedMarkup(nonce, messages)}</body></html>\n`;
  return c.html(html, status, pageHeaders(nonce));
}
