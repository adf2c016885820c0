import { AuthenticationError, isDiditError } from '../errors.ts';
import { readJsonQuoting } from '../read-json.ts';
import type { Redactor } from '../redactor.ts';
import type { Auth, Call } from '../request-loop.ts';
import type { RequestOptions } from '../request-options.ts';
import { tokenResponseSchema } from '../v1/schemas/token.schema.ts';
import { TokenManager } from './token-manager.ts';

// The token endpoint's 200: a body it refuses (form-encoded, say) is never quoted, since it may
// hold the token, which the redactor cannot know yet.
const readToken = readJsonQuoting(tokenResponseSchema, false);

const MESSAGE_FIELDS = ['detail', 'message', 'error_description', 'error', 'code'];

/**
 * Of an error body from the token endpoint, only what a message is made of: its message fields
 * (OAuth's `error` and `error_description`, DRF's `detail`), when they are text. Nothing else of
 * it: another field, a nested object, a text body.
 */
function messageFieldsOf(body: unknown): Record<string, string | string[]> | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields: Record<string, string | string[]> = {};
  for (const key of MESSAGE_FIELDS) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string') fields[key] = value;
    else if (Array.isArray(value)) fields[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return fields;
}

/**
 * v1: a client-credentials access token, fetched once with the id and secret (an ordinary call
 * through the request loop, with no token of its own), shared by concurrent calls, refreshed
 * before it expires, and once more when the API refuses it.
 */
export function clientCredentialsAuth(init: {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  redactor: Redactor;
  send: <T>(call: Call<T>, options?: RequestOptions) => Promise<T>;
}): Auth {
  const basic = base64(`${init.clientId}:${init.clientSecret}`);
  init.redactor.add(init.clientSecret);
  init.redactor.add(basic);
  const tokens = new TokenManager(async () => {
    const token = await init
      .send({
        name: 'POST /auth/v2/token/',
        method: 'POST',
        url: `${init.authUrl}/auth/v2/token/`,
        headers: { authorization: `Basic ${basic}` },
        body: 'grant_type=client_credentials',
        contentType: 'application/x-www-form-urlencoded',
        // Asking for a token twice is harmless, so it is retried like a read.
        idempotent: true,
        authenticate: false,
        read: readToken,
        // Its answers may hold a token the redactor does not know yet: no error quotes them.
        keepErrorBody: messageFieldsOf,
      })
      .catch((error: unknown) => {
        // A 4xx from the token endpoint (but a timeout or a rate limit) means the credentials were refused.
        const status = isDiditError(error) ? error.status : undefined;
        if (status === undefined || status < 400 || status >= 500 || status === 408 || status === 429) throw error;
        const { body, requestId } = error as AuthenticationError;
        throw new AuthenticationError(`Didit refused the client credentials. ${(error as Error).message}`, {
          status,
          requestId,
          body,
        });
      });
    init.redactor.addRecent(token.access_token);
    return { accessToken: token.access_token, expiresInSec: token.expires_in };
  });

  return {
    apply(headers, signal) {
      const current = tokens.current();
      if (current !== undefined) {
        headers.authorization = `Bearer ${current}`;
        return;
      }
      return tokens.get(signal).then((token) => {
        headers.authorization = `Bearer ${token}`;
      });
    },
    refreshAfter401(headers) {
      const token = headers.authorization?.slice('Bearer '.length);
      if (!token) return false;
      tokens.invalidate(token);
      return true;
    },
  };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
