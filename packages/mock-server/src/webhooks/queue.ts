import { serializeWebhookPayload, signWebhook } from '@didit-kit/core/server';
import { type Clock, epochSeconds, isoMicros } from '../clock.ts';
import type { JsonObject } from '../json.ts';
import type { Timers } from '../timers.ts';
import type { WebhookVersion } from './bodies.ts';

// The one delivery queue, for every destination and both generations: each delivery is POSTed
// with the headers core's `signWebhook` makes for its body and secret (X-Timestamp, X-Signature,
// X-Signature-V2, X-Signature-Simple from the body's own fields, and their `-Previous` twins for 24
// hours after a destination's secret is rotated), retried when the receiver
// answers 5xx or 404 or does not answer, one subject's deliveries in the order they happened, and
// every attempt logged.

export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000];
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The log keeps the latest deliveries only, so a long run stays bounded. */
const MAX_LOGGED = 1_000;
/** A delivery's attempt log keeps its latest attempts (resends add to it). */
const MAX_ATTEMPTS_LOGGED = 20;

export interface WebhookAttempt {
  at: string;
  /** The receiver's status, or null when no response came. */
  status: number | null;
  error: string | null;
  duration_ms: number;
}

/** One delivery: a body for one target, and what became of it. */
export interface Delivery {
  readonly id: string;
  /** The session it reports on; null for the events of other records (users, transactions, ...). */
  readonly sessionId: string | null;
  /** What it reports on (`session:{id}`, `user:{vendor_data}`, `transaction:{uuid}`, ...): its deliveries go in order. */
  readonly subject: string;
  readonly status: string;
  readonly webhookType: string;
  readonly eventId: string;
  /** The v3 destination it is for; null for the legacy application URL. */
  readonly destination: { uuid: string; label: string; url: string; webhook_version: WebhookVersion } | null;
  /** Where it goes, without any user:password part. */
  readonly url: string;
  readonly createdAt: string;
  /** Where it goes and what signs it (read at each attempt: a rotation applies to retries too): never shown. */
  readonly target: { readonly url: string; readonly secret: () => string | readonly string[] };
  /** The exact body sent. */
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  /** Every attempt ever made (`attemptLog` keeps the latest). */
  attemptCount: number;
  attemptLog: WebhookAttempt[];
  /** The signature headers sent with the last attempt (no secret in them). */
  headers: Record<string, string>;
}

export interface DeliveryQueueConfig {
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  now: Clock;
  timers: Timers;
}

export class DeliveryQueue {
  readonly #config: DeliveryQueueConfig;
  readonly #log: Delivery[] = [];
  /** Per subject (a session, a user, ...): the tail of its chain of deliveries, so they arrive in the order they happened. */
  readonly #chains = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<AbortController>();

  constructor(config: DeliveryQueueConfig) {
    this.#config = config;
  }

  /** Every delivery logged, oldest first. */
  deliveries(): readonly Delivery[] {
    return this.#log;
  }

  /** One delivery, by id. */
  find(id: string): Delivery | undefined {
    return this.#log.find((delivery) => delivery.id === id);
  }

  /** One session's deliveries, oldest first. */
  deliveriesOf(sessionId: string): Delivery[] {
    return this.#log.filter((delivery) => delivery.sessionId === sessionId);
  }

  clearLog(): void {
    this.#log.length = 0;
  }

  /** Logs a new delivery and queues it behind its subject's earlier ones, with retries. */
  push(delivery: Delivery): void {
    this.#log.push(delivery);
    if (this.#log.length > MAX_LOGGED) this.#log.shift();
    this.#queue(delivery, true);
  }

  /**
   * Sends a delivery again now, once (Didit's resend): the same body (and `event_id`) with a fresh
   * `timestamp`, signed again.
   */
  resend(delivery: Delivery): void {
    const payload = JSON.parse(delivery.body) as JsonObject;
    payload.timestamp = epochSeconds(this.#config.now());
    delivery.body = serializeWebhookPayload(payload);
    delivery.state = 'pending';
    this.#queue(delivery, false);
  }

  /** Resolves when every queued delivery has finished (delivered or given up). For tests. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all(this.#chains.values());
  }

  /** Aborts requests in flight; pending retries stop (the timers are cancelled by the caller). */
  close(): void {
    for (const controller of this.#inFlight) controller.abort();
  }

  #queue(delivery: Delivery, retry: boolean): void {
    const key = delivery.subject;
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(delivery, retry));
    this.#chains.set(key, next);
    void next.finally(() => {
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  async #deliver(delivery: Delivery, retry: boolean): Promise<void> {
    const { timers, retryDelaysMs } = this.#config;
    for (let attempt = 0; ; attempt++) {
      if (timers.closed) {
        delivery.state = 'failed';
        return;
      }
      const again = await this.#attempt(delivery);
      if (!again) return;
      if (!retry || attempt >= retryDelaysMs.length) {
        delivery.state = 'failed';
        return;
      }
      await timers.sleep(retryDelaysMs[attempt]!);
    }
  }

  /** One POST. Returns true when it is worth another try (5xx, 404, no response). */
  async #attempt(delivery: Delivery): Promise<boolean> {
    const { body, target } = delivery;
    const startedAt = this.#config.now();
    const started = performance.now();
    // A retry carries a fresh X-Timestamp and the same body: X-Signature-Simple is signed over the
    // body's own `timestamp`, so it is the same on every attempt (as Didit signs it).
    const headers = { ...(await signWebhook({ body, secret: target.secret(), timestamp: epochSeconds(startedAt) })) };
    delivery.headers = headers;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), WEBHOOK_TIMEOUT_MS);
    this.#inFlight.add(controller);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'didit-kit-mock-server', ...headers },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = controller.signal.aborted ? 'timed out or aborted' : describeError(cause);
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
    delivery.attemptCount++;
    delivery.attemptLog.push({
      at: isoMicros(startedAt),
      status,
      error,
      duration_ms: Math.round(performance.now() - started),
    });
    if (delivery.attemptLog.length > MAX_ATTEMPTS_LOGGED) delivery.attemptLog.shift();
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = 'delivered';
      return false;
    }
    const retryable = status === null || status === 404 || status >= 500;
    if (!retryable) delivery.state = 'failed';
    return retryable;
  }
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
