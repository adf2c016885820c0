import type { DiditClient } from '../client.ts';
import { requestEndpoint } from '../endpoints/request-endpoint.ts';
import { DiditError, InvalidArgumentError } from '../errors.ts';
import type { DiditLogger } from '../logger.ts';
import { readLimitedBytes } from '../proxy/read-limited-body.ts';
import { readDecisionRaw } from '../proxy/read-upstream.ts';
import { isSessionId } from '../session-id.ts';
import { v1Endpoints } from '../v1/endpoints.ts';
import { v3Endpoints } from '../v3/endpoints.ts';
import { DEFAULT_WEBHOOK_MAX_BODY_BYTES, type VerifiedDelivery, verifyDelivery } from '../webhooks/verify-webhook.ts';
import type { WebhookEvent } from '../webhooks/webhook-event.schema.ts';
import { WebhookVerificationError } from '../webhooks/webhook-verification-error.ts';
import type { DecisionHub } from './decision-hub.ts';
import { RefusalLog } from './refusal-log.ts';
import { webhookEventKeys } from './webhook-event-key.ts';

/** How long a webhook event id is remembered by default: three days, past Didit's retries. */
export const DEFAULT_WEBHOOK_DEDUPE_TTL_MS = 3 * 24 * 60 * 60 * 1000;

export interface WebhookHandlerOptions {
  /** The server's DiditClient (with its API key, or v1 credentials): reads the decision when a delivery has none. */
  client: DiditClient;
  /**
   * The destination's webhook secret, or `[current, previous]` during a rotation. Read where the
   * server runs: while it is `undefined` or `''` (a build without secrets), every delivery answers
   * 500 and is logged, and Didit delivers it again later.
   */
  secret: string | readonly string[] | undefined;
  /** Where the session's latest decision is published: the hub the proxy's event streams read. */
  hub: DecisionHub;
  /** How far a delivery's time may be from now, in seconds. Default 300 (see `verifyWebhook`). */
  toleranceSec?: number | undefined;
  /** The largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** How long an event id is remembered, so a redelivery is published once. Default three days. */
  dedupeTtlMs?: number | undefined;
  /**
   * Given the work that runs after Didit has its 200 (reading and publishing the decision), for
   * runtimes that stop when the response is sent: Vercel's `waitUntil`, Cloudflare's `ctx.waitUntil`.
   */
  waitUntil?: ((work: Promise<unknown>) => void) | undefined;
  /** Told about each verified event, after its decision is published (or when it names no session). */
  onEvent?: ((event: WebhookEvent) => void | Promise<void>) | undefined;
  /** Told about failures: refused deliveries and failed reads or publishes. */
  onError?: ((error: unknown) => void) | undefined;
  /** Where failures are logged. Default `console`; `{}` for none. */
  logger?: DiditLogger | undefined;
}

/** A fetch-standard handler, mounted like the proxy (Hono `c.req.raw`, a Next.js route handler, ...). */
export type WebhookHandler = (request: Request) => Promise<Response>;

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

function answer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/**
 * Didit's webhook, turned into live updates: verifies the delivery (`verifyWebhook`: all three
 * signature headers, v3 and v1/v2 bodies), answers a delivery of an event already seen (by
 * `event_id`, else the canonical body; by the four signed fields when only X-Signature-Simple
 * vouches for it) with 200 and nothing more, and otherwise answers 200 at once, then publishes
 * the session's latest decision to `hub`: the one in the delivery when it is signed, of the
 * client's generation and about the same session, else one read from Didit (webhook-then-fetch).
 * A decision older than the one the hub holds never replaces it (Didit retries late deliveries).
 * A delivery that fails verification answers 401 (400 for a signed body that is no event, 413
 * when too large), is published nowhere, and is summed up in the log once a minute with its
 * likely cause. When the hub cannot record the event (Redis down), it answers 503 so that Didit
 * delivers it again. Deliveries for one session are published in the order received.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const { client, hub, waitUntil, onEvent, onError } = options;
  if (typeof (client as Partial<DiditClient> | undefined)?.request !== 'function') {
    throw new InvalidArgumentError('createWebhookHandler: pass the server DiditClient as client');
  }
  if (!hub || typeof hub.publish !== 'function') {
    throw new InvalidArgumentError('createWebhookHandler: pass a hub (new MemoryDecisionHub() or a RedisDecisionHub)');
  }
  const secret = options.secret;
  const secrets = secret === undefined || secret === '' ? [] : typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || !secrets.every((s) => typeof s === 'string' && s !== '')) {
    throw new InvalidArgumentError(
      'createWebhookHandler: secret must be the webhook secret (a string), or [current, previous] strings',
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const dedupeTtlMs = options.dedupeTtlMs ?? DEFAULT_WEBHOOK_DEDUPE_TTL_MS;
  if (typeof dedupeTtlMs !== 'number' || !(dedupeTtlMs > 0)) {
    throw new InvalidArgumentError('createWebhookHandler: dedupeTtlMs must be a number > 0');
  }
  const logger = options.logger ?? console;
  const refusals = new RefusalLog(logger, Date.now);
  const decisionEndpoint = client.apiVersion === 'v1' ? v1Endpoints.getDecision : v3Endpoints.getDecision;
  /** Per session, the end of the work queued for it, so publishes keep the order deliveries came in. */
  const queues = new Map<string, Promise<void>>();

  const fail = (message: string, error: unknown, fields: Record<string, unknown> = {}) => {
    const code = error instanceof DiditError ? error.code : undefined;
    logger.error?.(message, { ...fields, code, message: error instanceof Error ? error.message : String(error) });
    onError?.(error);
  };

  /** Didit's current decision, published as current when the read started. */
  const publishRead = async (sessionId: string) => {
    const started = Date.now();
    const read = readDecisionRaw(decisionEndpoint);
    const result = await requestEndpoint(client, decisionEndpoint, { sessionId }, { read });
    await hub.publish(sessionId, result.body as string, started);
  };

  const publishLatest = async (delivery: VerifiedDelivery, sessionId: string, keys: readonly string[]) => {
    try {
      const own = signedDecision(delivery, sessionId, client.apiVersion);
      // The event's own time, to the end of its second (Didit's timestamp is in whole seconds).
      const at = eventTime(delivery.event);
      const latest = own === undefined ? undefined : await hub.publish(sessionId, own, at);
      // No decision of its own, or a newer one is held (a late retry): read what is current.
      if (latest === undefined || latest.at > at) await publishRead(sessionId);
    } catch (error) {
      // Not published: forget the event, so that a redelivery (or a replay from Didit's console) is.
      await Promise.all(keys.map((key) => hub.releaseEvent(key))).catch(() => {});
      fail('didit webhook: could not publish the decision', error, { sessionId });
      return;
    }
    await notify(delivery.event);
  };

  const notify = async (event: WebhookEvent) => {
    try {
      await onEvent?.(event);
    } catch (error) {
      fail('didit webhook: onEvent threw', error);
    }
  };

  return async (request) => {
    if (request.method !== 'POST')
      return answer(405, { detail: `Method "${request.method.slice(0, 16)}" not allowed.` });
    if (secrets.length === 0) {
      logger.error?.(
        'didit webhook: no webhook secret is set, so no delivery can be verified (set it where the server runs)',
      );
      return answer(500, { detail: 'The webhook is not configured.' });
    }
    const body = await readLimitedBytes(request, maxBodyBytes);
    if (body === undefined) {
      refusals.refused('too_large');
      return answer(413, { detail: 'Request body too large.', reason: 'too_large' });
    }
    let delivery: VerifiedDelivery;
    try {
      delivery = await verifyDelivery({
        body,
        headers: request.headers,
        secret: secrets,
        toleranceSec: options.toleranceSec,
        maxBodyBytes,
      });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      refusals.refused(error.reason);
      onError?.(error);
      const signedButWrong = error.reason === 'invalid_payload' || error.reason === 'invalid_json';
      const status = error.reason === 'too_large' ? 413 : signedButWrong ? 400 : 401;
      const detail =
        error.reason === 'body_parsed'
          ? 'Webhook verification failed: the body was empty or parsed: a body parser ran before this route.'
          : 'Webhook verification failed.';
      return answer(status, { detail, reason: error.reason });
    }

    const keys = await webhookEventKeys(delivery);
    let first: boolean;
    try {
      first = await hub.claimEvent(keys.check, dedupeTtlMs);
      if (first) for (const key of keys.record) if (key !== keys.check) await hub.claimEvent(key, dedupeTtlMs);
    } catch (error) {
      fail('didit webhook: the hub could not record the event; Didit will deliver it again', error);
      return answer(503, { detail: 'Temporarily unavailable.' });
    }
    if (!first) return answer(200, { received: true, duplicate: true });

    const sessionId = (delivery.event as { session_id?: unknown }).session_id;
    if (!isSessionId(sessionId)) {
      // Verified, but about no session (a User or transaction event): nothing to publish.
      const work = notify(delivery.event);
      waitUntil?.(work);
      return answer(200, { received: true });
    }
    const session = sessionId.toLowerCase();
    const previous = queues.get(session) ?? Promise.resolve();
    const work = previous.then(() => publishLatest(delivery, session, keys.record));
    queues.set(session, work);
    void work.finally(() => {
      if (queues.get(session) === work) queues.delete(session);
    });
    waitUntil?.(work);
    return answer(200, { received: true });
  };
}

/** When the event happened, in epoch ms: the end of its signed `timestamp`'s second, else now. */
function eventTime(event: WebhookEvent): number {
  const { timestamp } = event as { timestamp?: unknown };
  return typeof timestamp === 'number' && Number.isFinite(timestamp) ? Math.floor(timestamp) * 1000 + 999 : Date.now();
}

// Keys only a v1 decision has (`kyc`, `aml`, `face`), as verifyWebhook tells the versions apart.
const V1_KEYS = ['kyc', 'aml', 'face'];

/**
 * The delivery's own decision as JSON text, when it can stand for `GET .../decision/`: the whole
 * body is signed (not X-Signature-Simple alone), the decision passed the schema (not
 * `unparsed_decision`), is of the client's generation, and is about the envelope's session (a
 * decision of another session is never published on this one's stream). It is taken from the
 * signed body, not the parsed event, so it is Didit's own, fields unknown to the schema included.
 */
function signedDecision(delivery: VerifiedDelivery, sessionId: string, version: 'v1' | 'v3'): string | undefined {
  const parsed = (delivery.event as { decision?: unknown }).decision;
  const raw = (delivery.data as { decision?: unknown } | undefined)?.decision;
  if (typeof parsed !== 'object' || parsed === null || typeof raw !== 'object' || raw === null) return undefined;
  const isV1 = V1_KEYS.some((key) => Object.hasOwn(parsed, key));
  if (isV1 !== (version === 'v1')) return undefined;
  const about = (raw as { session_id?: unknown }).session_id;
  if (typeof about !== 'string' || about.toLowerCase() !== sessionId) return undefined;
  return JSON.stringify(raw);
}
