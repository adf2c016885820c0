import type { Context } from 'hono';
import type { RouteHandler } from '../routing.ts';
import type { TokenIssuer } from './auth.ts';

// `POST /auth/v2/token/`: OAuth2 client credentials (RFC 6749 section 4.4). Client
// authentication is checked first, then the grant; errors use the OAuth error shape.

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(c: Context, status: 400 | 401, error: string, description: string): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="didit"';
  return c.json({ error, error_description: description }, status, headers);
}

export function tokenRoute(tokens: TokenIssuer, issuer: (c: Context) => string): RouteHandler {
  return async (c) => {
    const client = tokens.checkClient(c.req.header('authorization'));
    if (client === 'missing') {
      return oauthError(
        c,
        401,
        'invalid_client',
        'Client authentication is required: send Authorization: Basic base64(client_id:client_secret).',
      );
    }
    if (client === 'invalid') return oauthError(c, 401, 'invalid_client', 'Invalid client credentials.');

    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const text = await c.req.text();
    if (type !== 'application/x-www-form-urlencoded') {
      return oauthError(
        c,
        400,
        'invalid_request',
        'Send the grant as Content-Type: application/x-www-form-urlencoded, body grant_type=client_credentials.',
      );
    }
    const grant = new URLSearchParams(text).get('grant_type');
    if (!grant) return oauthError(c, 400, 'invalid_request', 'The grant_type parameter is missing.');
    if (grant !== 'client_credentials') {
      const shown = grant.length > 64 ? `${grant.slice(0, 64)}…` : grant;
      return oauthError(
        c,
        400,
        'unsupported_grant_type',
        `The grant type ${JSON.stringify(shown)} is not supported; use client_credentials.`,
      );
    }
    return c.json(tokens.issue(issuer(c)), 200, NO_STORE);
  };
}
