import { constantTimeEqual } from '../auth.ts';
import { type Clock, epochSeconds } from '../clock.ts';
import { detail, NOT_AUTHENTICATED } from '../drf.ts';
import { randomToken } from '../random.ts';
import type { Guard } from '../routing.ts';

// v1 authentication: OAuth2 client credentials at `POST /auth/v2/token/` (token-route.ts), then a
// Bearer token on every `/v1` route.

export const DEFAULT_CLIENT_ID = 'mock-client-id';
export const DEFAULT_CLIENT_SECRET = 'mock-client-secret';
export const DEFAULT_TOKEN_TTL_SEC = 86_400;

/** What a bearer token check found. */
export type BearerCheck = 'valid' | 'missing' | 'invalid' | 'expired';

export interface IssuedToken {
  iss: string;
  iat: number;
  sub: string;
  client_id: string;
  organization_id: string;
  expires_in: number;
  exp: number;
  access_token: string;
}

// Expired tokens are remembered for a while (to answer "expired" rather than "invalid"), but
// the map stays bounded however many tokens a long run asks for.
const MAX_TOKENS = 10_000;

/** Client-credentials auth: checks Basic credentials, issues opaque bearer tokens, enforces expiry. */
export class TokenIssuer {
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #ttlSec: number;
  readonly #now: Clock;
  /** token -> expiry (ms). */
  readonly #tokens = new Map<string, number>();

  constructor(options: { clientId: string; clientSecret: string; ttlSec: number; now: Clock }) {
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#ttlSec = options.ttlSec;
    this.#now = options.now;
  }

  get clientId(): string {
    return this.#clientId;
  }

  /** `missing` without a Basic header, `invalid` for a malformed one or wrong credentials. */
  checkClient(authorization: string | undefined): 'valid' | 'missing' | 'invalid' {
    const credentials = parseBasic(authorization);
    if (credentials === 'missing' || credentials === 'invalid') return credentials;
    const idOk = constantTimeEqual(credentials.id, this.#clientId);
    const secretOk = constantTimeEqual(credentials.secret, this.#clientSecret);
    return idOk && secretOk ? 'valid' : 'invalid';
  }

  issue(issuer: string): IssuedToken {
    const now = this.#now();
    const accessToken = `mock_${randomToken(32)}`;
    this.#prune(now);
    this.#tokens.set(accessToken, now + this.#ttlSec * 1000);
    return {
      iss: issuer,
      iat: epochSeconds(now),
      sub: 'mock-application',
      client_id: this.#clientId,
      organization_id: 'mock-organization',
      expires_in: this.#ttlSec,
      exp: epochSeconds(now) + this.#ttlSec,
      access_token: accessToken,
    };
  }

  checkBearer(authorization: string | undefined): BearerCheck {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
    if (!authorization?.trim()) return 'missing';
    if (!match) return 'invalid';
    const expiresAt = this.#tokens.get(match[1]!);
    if (expiresAt === undefined) return 'invalid';
    return this.#now() < expiresAt ? 'valid' : 'expired';
  }

  /** Forgets every token (the admin reset does not call this: clients stay signed in). */
  revokeAll(): void {
    this.#tokens.clear();
  }

  #prune(now: number): void {
    if (this.#tokens.size < MAX_TOKENS) return;
    for (const [token, expiresAt] of this.#tokens) if (expiresAt <= now) this.#tokens.delete(token);
    // Still full: drop the oldest (a Map iterates in insertion order).
    for (const token of this.#tokens.keys()) {
      if (this.#tokens.size < MAX_TOKENS) break;
      this.#tokens.delete(token);
    }
  }
}

function parseBasic(authorization: string | undefined): { id: string; secret: string } | 'missing' | 'invalid' {
  if (!authorization?.trim()) return 'missing';
  const match = /^Basic[ \t]+([A-Za-z0-9+/=_-]+)[ \t]*$/i.exec(authorization);
  if (!match) return 'invalid';
  let decoded: string;
  try {
    const binary = atob(match[1]!);
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return 'invalid';
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'invalid';
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
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
