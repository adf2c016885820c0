import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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
import { findOutcome, OUTCOMES, STATUS_TEMPLATES } from './outcomes.ts';
import type { MockApp, MockEnv } from './routing.ts';
import { type MockSession, type SessionStore, statusOf } from './store.ts';
import { isHttpUrl } from './validation.ts';

// `GET /session/{session_token}`: the mock's stand-in for Didit's hosted verification page
// (verify.didit.me). No camera and no documents: the developer picks the outcome, and the
// session moves through `In Progress` to it, then the browser goes back to the callback. Framed by
// Didit's web SDK, it posts the SDK's `didit:*` messages instead of redirecting (embed-messages.ts).

/** Statuses in which the page still offers the outcome buttons. */
const OPEN_STATUSES = new Set(['Not Started', 'In Progress']);

export function registerHostedPage(app: MockApp, store: SessionStore): void {
  for (const path of ['/session/:token', '/session/:token/']) {
    app.get(path, (c) => {
      const session = store.getByToken(c.req.param('token') ?? '');
      if (!session) return notFoundPage(c);
      return page(c, 200, 'Verify your identity', sessionPage(session), readyMessages(session.sessionId));
    });

    app.post(path, async (c) => {
      const session = store.getByToken(c.req.param('token') ?? '');
      if (!session) return notFoundPage(c);
      const status = statusOf(session);
      if (!OPEN_STATUSES.has(status)) {
        return page(
          c,
          409,
          'Verification finished',
          finishedSection(session, 'This verification is already finished.'),
        );
      }
      const form = await readForm(c);
      const outcome = findOutcome(form.outcome);
      if (!outcome) {
        const valid = OUTCOMES.map((o) => `<code>${escapeHtml(o.id)}</code>`).join(', ');
        return page(
          c,
          400,
          'Unknown outcome',
          `<h1>Unknown outcome</h1><p>Choose one of the buttons on the verification page. Valid outcomes: ${valid}.</p>`,
        );
      }
      if (status === 'Not Started') store.transition(session, 'In Progress', STATUS_TEMPLATES['In Progress']);
      store.transition(session, outcome.status, outcome.templateId);
      const location = callbackLocation(session);
      // In an iframe the app that embeds the page carries on (the SDK's onComplete), not the callback.
      if (location === undefined || form.embedded) {
        const messages = completedMessages(session.sessionId, statusOf(session));
        return page(
          c,
          200,
          'Verification finished',
          finishedSection(session, 'The verification is finished.'),
          messages,
        );
      }
      return c.redirect(location, 302);
    });

    app.all(path, (c) =>
      page(c, 405, 'Method not allowed', '<h1>Method not allowed</h1>', [], { Allow: 'GET, HEAD, POST' }),
    );
  }
}

/**
 * Where Didit sends the browser afterwards: the session's callback with
 * `verificationSessionId` and `status` added (spaces as `%20`, which every parser reads).
 * Only http and https callbacks are followed, so a fixture cannot make the page redirect to
 * `javascript:` or `data:` URLs; the API already refuses other callbacks on create.
 */
export function callbackLocation(session: MockSession): string | undefined {
  const callback = session.decision.callback;
  if (typeof callback !== 'string' || !isHttpUrl(callback)) return undefined;
  const url = new URL(callback);
  url.searchParams.set('verificationSessionId', session.sessionId);
  url.searchParams.set('status', statusOf(session));
  // URLSearchParams writes a space as "+" and a literal "+" as "%2B", so this only touches spaces.
  url.search = url.search.replace(/\+/g, '%20');
  return url.toString();
}

async function readForm(c: Context<MockEnv>): Promise<{ outcome: string; embedded: boolean }> {
  try {
    const body = await c.req.parseBody();
    const outcome = body.outcome;
    return { outcome: typeof outcome === 'string' ? outcome : '', embedded: body[EMBEDDED_FIELD] === '1' };
  } catch {
    return { outcome: '', embedded: false };
  }
}

function sessionPage(session: MockSession): string {
  const status = statusOf(session);
  if (!OPEN_STATUSES.has(status)) return finishedSection(session, 'This verification is already finished.');
  const buttons = OUTCOMES.map(
    (outcome) => `
      <li>
        <button type="submit" name="outcome" value="${escapeHtml(outcome.id)}" aria-describedby="outcome-${escapeHtml(outcome.id)}">${escapeHtml(outcome.label)}</button>
        <p id="outcome-${escapeHtml(outcome.id)}">${escapeHtml(outcome.description)}</p>
      </li>`,
  ).join('');
  return `
    <h1>Verify your identity</h1>
    <p class="note" role="note">This is the <strong>didit-kit mock server</strong>, standing in for Didit's hosted page: no camera, no documents. Choose the result this session should get.</p>
    ${facts(session)}
    <form method="post">
      ${embeddedField()}
      <fieldset>
        <legend><h2>Outcome</h2></legend>
        <ul class="outcomes">${buttons}
        </ul>
      </fieldset>
    </form>`;
}

function finishedSection(session: MockSession, message: string): string {
  const location = callbackLocation(session);
  const back = location === undefined ? '' : `<p><a href="${escapeHtml(location)}">Return to the application</a></p>`;
  return `<h1>Verification finished</h1><p>${escapeHtml(message)} Status: <strong>${escapeHtml(statusOf(session))}</strong>.</p>${facts(session)}${back}`;
}

function facts(session: MockSession): string {
  const row = (label: string, value: unknown) =>
    `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(typeof value === 'string' || typeof value === 'number' ? String(value) : '-')}</dd></div>`;
  const { decision } = session;
  return `<dl class="facts">${row('Session', session.sessionId)}${row('Status', statusOf(session))}${row('Vendor data', decision.vendor_data)}${row('Features', decision.features)}</dl>`;
}

function notFoundPage(c: Context<MockEnv>): Response {
  return page(
    c,
    404,
    'Session not found',
    '<h1>Session not found</h1><p>No session has this link. Create one with <code>POST /v1/session/</code> and open the <code>url</code> it returns.</p>',
  );
}

function page(
  c: Context<MockEnv>,
  status: ContentfulStatusCode,
  title: string,
  body: string,
  messages: readonly EmbedMessage[] = [],
  headers: Record<string, string> = {},
): Response {
  const nonce = newNonce();
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · didit-kit mock</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1b1d22; background: #f5f6f8; margin: 0; }
  main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px #0002; }
  .note { background: #fff7e0; border-left: 4px solid #e0a800; padding: .5rem .75rem; }
  .facts div { display: flex; gap: 1rem; } .facts dt { width: 8rem; color: #5b606b; } .facts dd { margin: 0; word-break: break-all; }
  fieldset { border: 0; padding: 0; margin: 0; } legend h2 { margin: 1rem 0 .5rem; font-size: 1.15rem; }
  .outcomes { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
  .outcomes p { margin: .25rem 0 0; color: #5b606b; font-size: .9rem; }
  button { font: inherit; font-weight: 600; padding: .55rem 1rem; border-radius: 8px; border: 1px solid #2d5bd7; background: #2d5bd7; color: #fff; cursor: pointer; }
  button:hover { background: #2147b0; } button:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${body}
</main>
${embedMarkup(nonce, messages)}
</body>
</html>
`;
  return c.html(html, status, { ...pageHeaders(nonce), ...headers });
}
