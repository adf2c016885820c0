import { type Clock, isoMicros } from '../../clock.ts';
import { Collection } from '../records/collection.ts';

// The codes `POST /v3/email/send/` and `/v3/phone/send/` "send": kept per address, each pending for
// 5 minutes and allowing 3 attempts, as Didit documents; in sandbox (the mock's only environment)
// `123456` is also accepted, as Didit's sandbox check accepts it. What was sent can be read in
// `GET /__mock/verification-codes`, since no email or SMS leaves the mock.

/** How long a sent code can be checked (Didit: 5 minutes). */
export const CODE_TTL_MS = 5 * 60 * 1000;
/** Code attempts per verification (Didit: 3; the third wrong one declines it). */
export const MAX_ATTEMPTS = 3;
/** The code Didit's sandbox check accepts. */
export const SANDBOX_CODE = '123456';

export type Channel = 'email' | 'phone';

export interface SentCode {
  readonly channel: Channel;
  /** The email address or phone number. */
  readonly to: string;
  readonly code: string;
  readonly sentAt: string;
  readonly expiresMs: number;
  attempts: number;
  state: 'pending' | 'approved' | 'declined';
}

export type CheckOutcome =
  | { kind: 'approved' }
  | { kind: 'failed'; attemptsRemaining: number }
  | { kind: 'declined' }
  | { kind: 'expired' };

export class VerificationCodes {
  readonly #now: Clock;
  readonly #onSend: ((sent: SentCode) => void) | undefined;
  readonly #sent = new Collection<SentCode>(1_000);

  /** `onSend`: told of every code sent (the mock's log). */
  constructor(now: Clock, onSend?: (sent: SentCode) => void) {
    this.#now = now;
    this.#onSend = onSend;
  }

  reset(): void {
    this.#sent.clear();
  }

  /** A new pending code for `to` (`codeSize` digits, Didit's default 6), replacing any earlier one. */
  send(channel: Channel, to: string, codeSize = 6): SentCode {
    const digits = Math.min(Math.max(codeSize, 4), 8);
    const code = Array.from(crypto.getRandomValues(new Uint8Array(digits)), (b) => String(b % 10)).join('');
    const now = this.#now();
    const sent: SentCode = {
      channel,
      to,
      code,
      sentAt: isoMicros(now),
      expiresMs: now + CODE_TTL_MS,
      attempts: 0,
      state: 'pending',
    };
    this.#sent.delete(key(channel, to));
    this.#sent.set(key(channel, to), sent);
    this.#onSend?.(sent);
    return sent;
  }

  /** Checks `code` against the pending verification of `to`. */
  check(channel: Channel, to: string, code: string): CheckOutcome {
    const sent = this.#sent.get(key(channel, to));
    if (sent?.state !== 'pending' || this.#now() >= sent.expiresMs) return { kind: 'expired' };
    if (code === sent.code || code === SANDBOX_CODE) {
      sent.state = 'approved';
      return { kind: 'approved' };
    }
    sent.attempts++;
    if (sent.attempts >= MAX_ATTEMPTS) {
      sent.state = 'declined';
      return { kind: 'declined' };
    }
    return { kind: 'failed', attemptsRemaining: MAX_ATTEMPTS - sent.attempts };
  }

  /** Every code sent, newest first (the admin route). */
  list(): SentCode[] {
    return this.#sent.values().reverse();
  }
}

function key(channel: Channel, to: string): string {
  return `${channel}:${to.trim().toLowerCase()}`;
}
