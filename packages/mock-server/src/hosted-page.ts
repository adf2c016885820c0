import { v3Endpoints } from '@didit-kit/core/server';
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
import type { MockApp, MockEnv } from './routing.ts';
import { type SessionStore, type StoredSession, statusOf } from './session-store.ts';
import { OUTCOMES } from './v1/outcomes.ts';
import type { V1Session, V1SessionStore } from './v1/store.ts';
import { V3_SCENARIOS } from './v3/scenarios.ts';
import type { V3Session, V3SessionStore } from './v3/store.ts';
import { isHttpUrl } from './validation.ts';

// `GET /session/{session_token}`: the mock's stand-in for Didit's hosted verification page
// (verify.didit.me), for the sessions of both generations. No camera and no documents: the
// developer picks the outcome (v1's outcomes, v3's sandbox scenarios, or "Finish verification",
// which applies the armed scenario), the session's store finishes it, and the browser goes back to
// the callback. Framed by Didit's web SDK, it posts the SDK's `didit:*` messages instead of
// redirecting (embed-messages.ts).

/** A button of the page: a value of the form's choice field (undefined: finish without a choice). */
interface Choice {
  readonly value: string | undefined;
  readonly label: string;
  readonly description?: string | undefined;
}

/** What the page shows of one generation's sessions, and the store that finishes them. */
interface Generation<S extends StoredSession> {
  readonly store: SessionStore<S>;
  /** The form field the choice buttons set. */
  readonly field: string;
  readonly intro: string;
  choices(session: S): readonly Choice[];
  facts(session: S): readonly [label: string, value: unknown][];
}

const v1Page = (store: V1SessionStore): Generation<V1Session> => ({
  store,
  field: 'outcome',
  intro: 'Choose the result this session should get.',
  choices: () => OUTCOMES.map(({ id, label, description }) => ({ value: id, label, description })),
  facts: (session) => [
    ['Session', session.sessionId],
    ['Status', statusOf(session)],
    ['Vendor data', session.decision.vendor_data],
    ['Features', session.decision.features],
  ],
});

const v3Page = (store: V3SessionStore): Generation<V3Session> => ({
  store,
  field: 'scenario',
  intro: "Finishing applies the session's sandbox scenario; the other buttons choose one.",
  choices: (session) => [
    { value: undefined, label: 'Finish verification' },
    ...Object.entries(V3_SCENARIOS)
      .filter(([, scenario]) => scenario.kind === session.kind)
      .map(([id, scenario]) => ({ value: id, label: `${scenario.status}: ${id}` })),
  ],
  facts: (session) => [
    ['Session', session.sessionId],
    ['Kind', session.kind],
    ['Status', statusOf(session)],
    ['Sandbox scenario', session.scenario ?? '(none: approve)'],
  ],
});

/** Serves `/session/{token}` for both generations: a token is looked up among the v3 sessions, then the v1 ones. */
export function registerHostedPage(app: MockApp, stores: { v1: V1SessionStore; v3: V3SessionStore }): void {
  const pages = [v3Page(stores.v3), v1Page(stores.v1)] as Generation<StoredSession>[];
  const find = (c: Context<MockEnv>) => {
    const token = c.req.param('token') ?? '';
    for (const page of pages) {
      const session = page.store.getByToken(token);
      if (session) return { page, session };
    }
    return undefined;
  };
  for (const path of ['/session/:token', '/session/:token/']) {
    app.get(path, (c) => {
      const found = find(c);
      if (!found) return notFoundPage(c);
      const { page, session } = found;
      if (!page.store.isOpen(session)) {
        return html(c, 200, 'Verification finished', finished(page, session, 'This verification is already finished.'));
      }
      return html(c, 200, 'Verify your identity', choices(page, session), readyMessages(session.sessionId));
    });

    app.post(path, async (c) => {
      const found = find(c);
      if (!found) return notFoundPage(c);
      const { page, session } = found;
      if (!page.store.isOpen(session)) {
        return html(c, 409, 'Verification finished', finished(page, session, 'This verification is already finished.'));
      }
      const form = await readForm(c, page.field);
      if (!page.store.finish(session, form.choice)) {
        const valid = page
          .choices(session)
          .flatMap(({ value }) => (value === undefined ? [] : [`<code>${escapeHtml(value)}</code>`]))
          .join(', ');
        return html(
          c,
          400,
          'Unknown outcome',
          `<h1>Unknown outcome</h1><p>Choose one of the buttons on the verification page. Valid outcomes: ${valid}.</p>`,
        );
      }
      const location = callbackLocation(session);
      // In an iframe the app that embeds the page carries on (the SDK's onComplete), not the callback.
      if (location === undefined || form.embedded) {
        const messages = completedMessages(session.sessionId, statusOf(session));
        return html(
          c,
          200,
          'Verification finished',
          finished(page, session, 'The verification is finished.'),
          messages,
        );
      }
      return c.redirect(location, 302);
    });

    app.all(path, (c) =>
      html(c, 405, 'Method not allowed', '<h1>Method not allowed</h1>', [], { Allow: 'GET, HEAD, POST' }),
    );
  }
}

/**
 * Where Didit sends the browser afterwards: the session's callback with
 * `verificationSessionId` and `status` added (spaces as `%20`, which every parser reads).
 * Only http and https callbacks are followed, so a fixture cannot make the page redirect to
 * `javascript:` or `data:` URLs; the API already refuses other callbacks on create.
 */
export function callbackLocation(session: StoredSession): string | undefined {
  const callback = session.decision.callback;
  if (typeof callback !== 'string' || !isHttpUrl(callback)) return undefined;
  const url = new URL(callback);
  url.searchParams.set('verificationSessionId', session.sessionId);
  url.searchParams.set('status', statusOf(session));
  // URLSearchParams writes a space as "+" and a literal "+" as "%2B", so this only touches spaces.
  url.search = url.search.replace(/\+/g, '%20');
  return url.toString();
}

async function readForm(
  c: Context<MockEnv>,
  field: string,
): Promise<{ choice: string | undefined; embedded: boolean }> {
  try {
    const body = await c.req.parseBody();
    const choice = body[field];
    return { choice: typeof choice === 'string' ? choice : undefined, embedded: body[EMBEDDED_FIELD] === '1' };
  } catch {
    return { choice: undefined, embedded: false };
  }
}

function choices<S extends StoredSession>(page: Generation<S>, session: S): string {
  const buttons = page
    .choices(session)
    .map(({ value, label, description }) => {
      if (value === undefined) return `\n      <li><button type="submit">${escapeHtml(label)}</button></li>`;
      const id = `choice-${escapeHtml(value)}`;
      const described = description === undefined ? '' : ` aria-describedby="${id}"`;
      const button = `<button type="submit" name="${escapeHtml(page.field)}" value="${escapeHtml(value)}"${described}>${escapeHtml(label)}</button>`;
      const note = description === undefined ? '' : `\n        <p id="${id}">${escapeHtml(description)}</p>`;
      return `\n      <li>\n        ${button}${note}\n      </li>`;
    })
    .join('');
  return `
    <h1>Verify your identity</h1>
    <p class="note" role="note">This is the <strong>didit-kit mock server</strong>, standing in for Didit's hosted page: no camera, no documents. ${escapeHtml(page.intro)}</p>
    ${facts(page, session)}
    <form method="post">
      ${embeddedField()}
      <fieldset>
        <legend><h2>Outcome</h2></legend>
        <ul class="outcomes">${buttons}
        </ul>
      </fieldset>
    </form>`;
}

function finished<S extends StoredSession>(page: Generation<S>, session: S, message: string): string {
  const location = callbackLocation(session);
  const back = location === undefined ? '' : `<p><a href="${escapeHtml(location)}">Return to the application</a></p>`;
  return `<h1>Verification finished</h1><p>${escapeHtml(message)} Status: <strong>${escapeHtml(statusOf(session))}</strong>.</p>${facts(page, session)}${back}`;
}

function facts<S extends StoredSession>(page: Generation<S>, session: S): string {
  const rows = page
    .facts(session)
    .map(([label, value]) => {
      const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : '-';
      return `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(shown)}</dd></div>`;
    })
    .join('');
  return `<dl class="facts">${rows}</dl>`;
}

function notFoundPage(c: Context<MockEnv>): Response {
  return html(
    c,
    404,
    'Session not found',
    `<h1>Session not found</h1><p>No session has this link. Create one with <code>${v3Endpoints.create.method} ${v3Endpoints.create.path}</code> and open the <code>url</code> it returns.</p>`,
  );
}

function html(
  c: Context<MockEnv>,
  status: ContentfulStatusCode,
  title: string,
  body: string,
  messages: readonly EmbedMessage[] = [],
  headers: Record<string, string> = {},
): Response {
  const nonce = newNonce();
  const page = `<!doctype html>
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
  return c.html(page, status, { ...pageHeaders(nonce), ...headers });
}
