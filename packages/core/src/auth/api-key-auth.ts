import type { Auth } from '../request-loop.ts';

/** v3: the API key goes in `x-api-key` on every call; there is no token to fetch or refresh. */
export function apiKeyAuth(apiKey: string): Auth {
  return {
    apply(headers) {
      headers['x-api-key'] = apiKey;
    },
  };
}
