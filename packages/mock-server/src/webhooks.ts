import { createHmac } from 'node:crypto';
import { serializeWebhookPayload, signWebhook } from '@didit-kit/core';
import { type Clock, epochSeconds, isoMicros } from './clock.ts';
import type { JsonObject } from './json.ts';
import type { SessionChange } from './store.ts';
import { statusOf } from './store.ts';
import type { Timers } from './timers.ts';

// Didit calls your webhook URL when a session is created and on every status change. The mock
// does the same: a v1 body, serialised canonically as Didit's raw body is (sorted keys, compact
// separators, \uXXXX escapes), signed three ways by core's `signWebhook`, retried on 5xx/404.

/** Statuses whose deliveries carry the decision (Didit's v1 documentation). */
export const STATUSES_WITH_DECISION: ReadonlySet<string> = new Set(['Approved', 'Declined', 'In Review', 'Abandoned']);
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000];
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The log keeps the latest deliveries only, so a long run stays bounded. */
const MAX_LOGGED = 1_000;

export interface WebhookConfig {
  url: string;
  secret: string;
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  now: Clock;
  timers: Timers;
}

export interface WebhookAttempt {
  at: string;
  /** The receiver's status, or null when no response came. */
  status: number | null;
  error: string | null;
  duration_ms: number;
}

/** One delivery as `GET /__mock/webhooks` shows it. */
export interface WebhookDelivery {
  id: string;
  session_id: string;
  status: string;
  webhook_type: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  /** The signature headers sent with the last attempt (no secret in them). */
  headers: Record<string, string>;
  /** The exact body sent. */
  body: string;
}

/** Sends and logs webhook deliveries, one session's in order. */
export class WebhookSender {
  readonly #config: WebhookConfig;
  readonly #log: WebhookDelivery[] = [];
  /** Per session: the tail of its chain of deliveries, so they arrive in the order they happened. */
  readonly #chains = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<AbortController>();

  constructor(config: WebhookConfig) {
    this.#config = config;
  }

  /** The URL without any user:password part, for logs and the banner. */
  get displayUrl(): string {
    return displayUrl(this.#config.url);
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.#log;
  }

  clearLog(): void {
    this.#log.length = 0;
  }

  /** Queues the delivery for a store change (creation or status change). */
  onChange(change: SessionChange): void {
    const { session } = change;
    const status = statusOf(session);
    const now = this.#config.now();
    const payload: JsonObject = {
      session_id: session.sessionId,
      status,
      created_at: createdAtSeconds(session.decision.created_at, now),
      timestamp: epochSeconds(now),
      vendor_data: session.decision.vendor_data ?? null,
      webhook_type: 'status.updated',
    };
    if (STATUSES_WITH_DECISION.has(status)) payload.decision = structuredClone(session.decision);
    const delivery: WebhookDelivery = {
      id: crypto.randomUUID(),
      session_id: session.sessionId,
      status,
      webhook_type: 'status.updated',
      url: this.displayUrl,
      state: 'pending',
      attempts: [],
      headers: {},
      body: serializeWebhookPayload(payload),
    };
    this.#log.push(delivery);
    if (this.#log.length > MAX_LOGGED) this.#log.shift();
    const previous = this.#chains.get(session.sessionId) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(delivery));
    this.#chains.set(session.sessionId, next);
    void next.finally(() => {
      if (this.#chains.get(session.sessionId) === next) this.#chains.delete(session.sessionId);
    });
  }

  /** Resolves when every queued delivery has finished (delivered or given up). For tests. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all(this.#chains.values());
  }

  /** Aborts requests in flight; pending retries stop (the timers are cancelled by the caller). */
  close(): void {
    for (const controller of this.#inFlight) controller.abort();
  }

  async #deliver(delivery: WebhookDelivery): Promise<void> {
    const { timers, retryDelaysMs } = this.#config;
    for (let attempt = 0; ; attempt++) {
      if (timers.closed) {
        delivery.state = 'failed';
        return;
      }
      const retry = await this.#attempt(delivery);
      if (!retry) return;
      if (attempt >= retryDelaysMs.length) {
        delivery.state = 'failed';
        return;
      }
      await timers.sleep(retryDelaysMs[attempt]!);
    }
  }

  /** One POST. Returns true when it is worth another try (5xx, 404, no response). */
  async #attempt(delivery: WebhookDelivery): Promise<boolean> {
    const { url, secret, now } = this.#config;
    const startedAt = now();
    const started = performance.now();
    const headers: Record<string, string> = {
      ...(await signWebhook({ body: delivery.body, secret, timestamp: epochSeconds(startedAt) })),
      // From the body's own fields, as Didit signs it: a retry carries a fresh X-Timestamp but the
      // same body, and receivers (Didit's demo among them) check Simple with the body's `timestamp`.
      'x-signature-simple': simpleSignature(secret, delivery.body),
    };
    delivery.headers = { ...headers };
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), WEBHOOK_TIMEOUT_MS);
    this.#inFlight.add(controller);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'didit-kit-mock-server', ...headers },
        body: delivery.body,
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
    delivery.attempts.push({
      at: isoMicros(startedAt),
      status,
      error,
      duration_ms: Math.round(performance.now() - started),
    });
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = 'delivered';
      return false;
    }
    const retryable = status === null || status === 404 || status >= 500;
    if (!retryable) delivery.state = 'failed';
    return retryable;
  }
}

/**
 * `X-Signature-Simple`: HMAC-SHA256 (hex) of `{timestamp}:{session_id}:{status}:{webhook_type}`,
 * each taken from the body (a missing one as ""), per Didit's contract. Not core's `signWebhook`,
 * which takes the timestamp from `X-Timestamp`: that equals the body's only on a first attempt
 * sent in the same second the change happened.
 */
export function simpleSignature(secret: string, body: string): string {
  const payload = JSON.parse(body) as Record<string, unknown>;
  const field = (key: string) => {
    const value = payload[key];
    return value === undefined || value === null ? '' : String(value);
  };
  const input = `${field('timestamp')}:${field('session_id')}:${field('status')}:${field('webhook_type')}`;
  return createHmac('sha256', secret).update(input, 'utf8').digest('hex');
}

function createdAtSeconds(createdAt: unknown, fallbackMs: number): number {
  const ms = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  return epochSeconds(Number.isNaN(ms) ? fallbackMs : ms);
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
