import { escapeHtml } from './html.ts';

// What the hosted pages tell the window that embeds them. Didit's verification page, opened in an
// iframe by the web SDK (`@didit-protocol/sdk-web`), posts `{ type: 'didit:…', data, timestamp }`
// to its parent; the SDK accepts a message only from its own iframe and from a `*.didit.me` origin or
// the iframe URL's hostname (the mock's), and turns `didit:completed` into `onComplete`. The mock
// posts the same shapes, so an embedded flow works offline against it.

/** A `didit:*` message, as the SDK reads it (`VerificationEvent` in its types). */
export interface EmbedMessage {
  readonly type: 'didit:ready' | 'didit:status_updated' | 'didit:completed';
  readonly data: { readonly sessionId: string; readonly status?: 'Approved' | 'Declined' | 'Pending' };
}

/** The form field the page's script fills in when framed: the POST then answers with a page, not a redirect. */
export const EMBEDDED_FIELD = 'embedded';

/**
 * The SDK's `SessionData.status` is `Approved`, `Declined` or `Pending`: every status that is neither
 * (In Review, Resubmitted, …) is reported as `Pending`.
 */
export function sdkStatus(status: string): 'Approved' | 'Declined' | 'Pending' {
  return status === 'Approved' || status === 'Declined' ? status : 'Pending';
}

/** What Didit's page posts once it has loaded a session. */
export function readyMessages(sessionId: string): EmbedMessage[] {
  return [{ type: 'didit:ready', data: { sessionId } }];
}

/** What Didit's page posts when the user has finished: the status, then the completion. */
export function completedMessages(sessionId: string, status: string): EmbedMessage[] {
  const data = { sessionId, status: sdkStatus(status) };
  return [
    { type: 'didit:status_updated', data },
    { type: 'didit:completed', data },
  ];
}

/**
 * The page's only script: static (so a nonce is all the CSP needs) and inert outside an iframe. It
 * reads the messages from a data attribute, so nothing a session holds is ever parsed as script.
 */
const SCRIPT = `(function () {
  if (window.parent === window) return;
  var fields = document.querySelectorAll('input[name="${EMBEDDED_FIELD}"]');
  for (var i = 0; i < fields.length; i++) fields[i].value = '1';
  var holder = document.querySelector('[data-didit-messages]');
  var messages = holder ? JSON.parse(holder.getAttribute('data-didit-messages')) : [];
  for (var j = 0; j < messages.length; j++) {
    window.parent.postMessage({ type: messages[j].type, data: messages[j].data, timestamp: Date.now() }, '*');
  }
})();`;

/** A fresh nonce per response, from WebCrypto (Node 20, browsers and workers alike). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Headers for a hosted page. Nothing on it loads anything; the one script runs by nonce. Any http(s)
 * site may frame it, as any customer's site may frame Didit's page. The page token must not leak to
 * the callback's site.
 */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors http: https:`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** The element that carries the messages, and the script that posts them when the page is framed. */
export function embedMarkup(nonce: string, messages: readonly EmbedMessage[]): string {
  return `<div hidden data-didit-messages="${escapeHtml(JSON.stringify(messages))}"></div><script nonce="${nonce}">${SCRIPT}</script>`;
}

/** The hidden field a framed page's form sends, so the POST knows not to redirect inside the iframe. */
export function embeddedField(): string {
  return `<input type="hidden" name="${EMBEDDED_FIELD}" value="">`;
}
