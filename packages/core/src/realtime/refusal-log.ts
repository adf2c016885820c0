import type { DiditLogger } from '../logger.ts';
import type { WebhookVerificationReason } from '../webhooks/webhook-verification-error.ts';

/** How often, at most, the webhook route says that it keeps refusing deliveries. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** What usually makes a route refuse Didit's deliveries for each reason, and the fix. */
const LIKELY_CAUSE: Record<WebhookVerificationReason, string> = {
  body_parsed:
    'a body parser (express.json(), bodyParser, a framework that parses JSON) ran before this route and consumed the ' +
    'body: mount the webhook route before any body parser',
  invalid_signature:
    "the secret is not the webhook destination's (compare DIDIT_WEBHOOK_SECRET with the destination in Didit's " +
    'console; during a rotation pass [current, previous]), or something on the way changed the body',
  stale: "this server's clock is wrong (check NTP), or captured deliveries are being replayed",
  timestamp_too_old: "this server's clock is wrong (check NTP), or captured deliveries are being replayed",
  timestamp_in_future: "this server's clock is behind (check NTP)",
  missing_headers:
    'requests that are not Didit deliveries reach this route (a health check, a scanner), or a proxy in front drops ' +
    'the X-Timestamp and X-Signature headers',
  too_large: 'deliveries are larger than maxBodyBytes',
  invalid_json: 'signed bodies that are not JSON: a Didit change this version of @didit-kit/core does not know',
  invalid_payload:
    'signed bodies that are not webhook events: a Didit change this version of @didit-kit/core does not know',
};

/**
 * One clear log line a minute while a webhook route keeps refusing deliveries, naming the likely
 * cause, instead of a line per delivery (Didit retries; a scanner may hammer the route): the first
 * refusal is logged at once, later ones are counted and summed up a minute after the last line.
 */
export class RefusalLog {
  readonly #logger: DiditLogger;
  readonly #now: () => number;
  #loggedAt = Number.NEGATIVE_INFINITY;
  #counts = new Map<WebhookVerificationReason, number>();

  constructor(logger: DiditLogger, now: () => number) {
    this.#logger = logger;
    this.#now = now;
  }

  refused(reason: WebhookVerificationReason): void {
    this.#counts.set(reason, (this.#counts.get(reason) ?? 0) + 1);
    if (this.#now() - this.#loggedAt < REFUSAL_LOG_INTERVAL_MS) return;
    const counts = Object.fromEntries(this.#counts);
    const total = [...this.#counts.values()].reduce((sum, n) => sum + n, 0);
    const since = Number.isFinite(this.#loggedAt) ? ' in the last minute' : '';
    this.#loggedAt = this.#now();
    this.#counts = new Map();
    const message =
      `didit webhook: refused ${total === 1 ? 'a delivery' : `${total} deliveries`}${since} (${reason}); ` +
      `likely cause: ${LIKELY_CAUSE[reason]}`;
    // A stray request to a public URL is noise; anything else means Didit's deliveries are lost.
    if (reason === 'missing_headers') this.#logger.warn?.(message, { refused: counts });
    else this.#logger.error?.(message, { refused: counts });
  }
}
