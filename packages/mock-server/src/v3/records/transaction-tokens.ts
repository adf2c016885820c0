import type { Context } from 'hono';
import { type Clock, isoMicros } from '../../clock.ts';
import { detail } from '../../drf.ts';
import { randomToken } from '../../random.ts';
import { Collection } from './collection.ts';

// SDK transaction tokens (`POST /v3/transactions/sdk-token/`, Didit's `TransactionTokenAuth`): each
// is bound to one `vendor_data`, lives `ttl_seconds`, and allows `max_uses` submissions (unlimited
// when null). `/v1/transactions/` takes them in `X-Transaction-Token`, never the API key.

export const DEFAULT_TOKEN_TTL_SEC = 900;

export interface TransactionToken {
  readonly token: string;
  readonly vendorData: string;
  readonly expiresMs: number;
  readonly maxUses: number | null;
  uses: number;
}

export class TransactionTokens {
  readonly #now: Clock;
  readonly #tokens = new Collection<TransactionToken>();

  constructor(now: Clock) {
    this.#now = now;
  }

  reset(): void {
    this.#tokens.clear();
  }

  mint(vendorData: string, ttlSec: number, maxUses: number | null): { sdk_token: string; expires_at: string } {
    const token: TransactionToken = {
      token: randomToken(32),
      vendorData,
      expiresMs: this.#now() + ttlSec * 1000,
      maxUses,
      uses: 0,
    };
    this.#tokens.set(token.token, token);
    return { sdk_token: token.token, expires_at: isoMicros(token.expiresMs) };
  }

  /** The request's token, or Didit's 401 (its wording: `expired` only for an expired one). */
  check(c: Context): TransactionToken | Response {
    const sent = c.req.header('x-transaction-token');
    const token = sent === undefined ? undefined : this.#tokens.get(sent.trim());
    if (!token || (token.maxUses !== null && token.uses >= token.maxUses)) {
      return detail(c, 401, 'Invalid transaction token.');
    }
    if (this.#now() >= token.expiresMs) return detail(c, 401, 'Transaction token expired.');
    return token;
  }
}
