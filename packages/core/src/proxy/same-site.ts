import { InvalidArgumentError } from '../errors.ts';

/**
 * Why a write (any method but GET and HEAD) must not be forwarded, or undefined when it may.
 *
 * A page on another site can make a signed-in user's browser send a form or a `text/plain` body
 * to the proxy, cookies included (a cookie without `SameSite`, or `SameSite=None`), and a create
 * or a review would then run as that user. So a write must be JSON, which no form can send and
 * which makes a cross-origin `fetch` ask first (a CORS preflight the proxy answers only for
 * `allowedOrigins`), and must come from the same site: `Sec-Fetch-Site` where the browser sends
 * it (every current one does), else `Origin` against the request's own host. A request with
 * neither header comes from no web page (a server, curl) and carries no ambient cookie.
 */
export function crossSiteRefusal(request: Request, allowedOrigins: ReadonlySet<string>): string | undefined {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return 'the body must be sent as application/json (a page on another site can post forms and text/plain)';
  }
  const origin = request.headers.get('origin');
  if (origin !== null && allowedOrigins.has(origin)) return undefined;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) {
    if (site === 'same-origin' || site === 'same-site' || site === 'none') return undefined;
    return `it came from another site (Sec-Fetch-Site: ${site.slice(0, 20)})`;
  }
  if (origin === null) return undefined;
  // Behind a reverse proxy the request's own URL may carry an internal host: the host it forwarded counts too.
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const host = hostOf(origin);
  if (origin !== 'null' && (host === hostOf(request.url) || (forwarded !== undefined && host === forwarded))) {
    return undefined;
  }
  return `it came from another origin (${origin.slice(0, 100)}); list it in allowedOrigins if it is yours`;
}

/**
 * The answer to a CORS preflight from one of `allowedOrigins`, or undefined for any other request
 * (which then gets the proxy's usual 405 for OPTIONS).
 */
export function preflight(request: Request, allowedOrigins: ReadonlySet<string>, method: string): Response | undefined {
  const origin = request.headers.get('origin');
  if (request.method !== 'OPTIONS' || origin === null || !allowedOrigins.has(origin)) return undefined;
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      'access-control-allow-methods': method,
      'access-control-allow-headers': 'authorization, content-type, last-event-id',
      'access-control-max-age': '600',
    },
  });
}

/** Lets a page on an allowed origin read the answer (with its cookies): added to every answer to it. */
export function withCors(response: Response, request: Request, allowedOrigins: ReadonlySet<string>): Response {
  const origin = request.headers.get('origin');
  if (origin === null || !allowedOrigins.has(origin)) return response;
  for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
  return response;
}

function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

/** `allowedOrigins` as given, each checked to be an origin (`https://app.example.com`), never `*`. */
export function checkAllowedOrigins(origins: readonly string[] | undefined): ReadonlySet<string> {
  if (origins === undefined) return new Set();
  if (!Array.isArray(origins)) {
    throw new InvalidArgumentError(
      "createDiditProxy: allowedOrigins must be an array such as ['https://app.example.com']",
    );
  }
  for (const origin of origins) {
    let parsed: string | undefined;
    try {
      parsed = new URL(origin).origin;
    } catch {}
    if (typeof origin !== 'string' || origin === '*' || parsed !== origin) {
      throw new InvalidArgumentError(
        `createDiditProxy: allowedOrigins holds ${JSON.stringify(origin)}; each entry must be an origin written as ` +
          "the browser sends it, scheme and host without a path or a trailing slash (such as 'https://app.example.com'), " +
          "and '*' is never allowed: the proxy acts for the signed-in user",
      );
    }
  }
  return new Set(origins);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
