import * as z from 'zod/mini';
import { stringOfLength } from '../../schemas/checks.ts';
import { typed } from '../../schemas/kit.ts';

/** The `200` body of `POST {authUrl}/auth/v2/token/` (client-credentials grant). */
export interface TokenResponse {
  access_token: string;
  /** Seconds the token is valid for. */
  expires_in: number;
  /** Expiry, Unix seconds. */
  exp?: number | null;
  iat?: number | null;
  iss?: string | null;
  sub?: string | null;
  client_id?: string | null;
  organization_id?: string | null;
}

// Loose, so fields the auth server adds are kept at run time; typed with the interface
// above, which reads better than the inferred type (see decision.schema.ts).
const tokenResponse = z.looseObject({
  access_token: stringOfLength(1, 100_000),
  expires_in: z.number(),
  exp: z.nullish(z.number()),
  iat: z.nullish(z.number()),
  iss: z.nullish(z.string()),
  sub: z.nullish(z.string()),
  client_id: z.nullish(z.string()),
  organization_id: z.nullish(z.string()),
});

/** The `200` body of `POST {authUrl}/auth/v2/token/` (client-credentials grant). */
export const tokenResponseSchema = typed<TokenResponse>()(tokenResponse);

/**
 * @internal The schema above as zod infers it, before it is typed with its interface: only
 * for the type test that holds the interface to what the schema checks.
 */
export interface InferredTokenSchemas {
  tokenResponse: typeof tokenResponse;
}
