import { detail } from '../drf.ts';
import type { Json } from '../json.ts';
import type { Guard } from '../routing.ts';

// `/__mock/...` has no authentication (it is a local tool). Since any web page can make a browser
// send requests to 127.0.0.1, the routes refuse what a page of another site could send: a request
// with a foreign `Origin` (403), and a POST that is not `Content-Type: application/json` (415),
// which a page can only send with CORS's permission (a preflight the mock never grants). A plain
// form or a `text/plain` fetch cannot steer them.

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

/** A value in a message: JSON, cut at 100 characters. */
export function show(value: Json | undefined): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
