import * as z from 'zod/mini';
import { stringOfLength } from './checks.ts';

/** The `200` body of `POST {authUrl}/auth/v2/token/` (client-credentials grant). */
export const tokenResponseSchema = z.looseObject({
  access_token: stringOfLength(1, 100_000),
  /** Seconds the token is valid for. */
  expires_in: z.number(),
  /** Expiry, Unix seconds. */
  exp: z.nullish(z.number()),
  iat: z.nullish(z.number()),
  iss: z.nullish(z.string()),
  sub: z.nullish(z.string()),
  client_id: z.nullish(z.string()),
  organization_id: z.nullish(z.string()),
});

export type TokenResponse = z.output<typeof tokenResponseSchema>;
