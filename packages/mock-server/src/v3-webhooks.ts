import { serializeWebhookPayload, signWebhook, WEBHOOK_TYPES } from '@didit-kit/core';
import type { Context } from 'hono';
import { adminGuard } from './admin.ts';
import { constantTimeEqual } from './auth.ts';
import { type Clock, epochSeconds, isoMicros } from './clock.ts';
import { detail, type FieldErrors, fieldErrors, notFound } from './drf.ts';
import type { FaultInjector } from './faults.ts';
import { cloneJson, type Json, type JsonObject } from './json.ts';
import { randomToken } from './random.ts';
import type { MockEnv, RouteTable } from './routing.ts';
import type { Timers } from './timers.ts';
import { MOCK_APPLICATION_ID } from './v3-routes.ts';
import { type V3Session, type V3Store, v3Status } from './v3-store.ts';
import { isHttpUrl, readJsonObject } from './validation.ts';
import { displayUrl, STATUSES_WITH_DECISION, simpleSignature, WEBHOOK_TIMEOUT_MS } from './webhooks.ts';

// v3 webhook destinations: each has its own URL, secret, payload version (v1, v2 or v3) and
// subscribed events, as Didit's `POST /v3/webhook/destinations/`. v3 sessions fire
// `status.updated` on every status change and `data.updated` on per-feature updates; each
// subscribed destination gets its own body, signed with its own secret, retried on 5xx/404/no answer.
// The legacy application-level URL (`webhookUrl`) gets v1 bodies of `status.updated`/`data.updated`
// only while no destination is configured. Deliveries are listed and resent under
// `/v3/session/{id}/webhooks/` and `/v3/session/{id}/webhook/{uuid}/[resend/]`.

export type WebhookVersion = 'v1' | 'v2' | 'v3';
const VERSIONS: readonly WebhookVersion[] = ['v1', 'v2', 'v3'];
const LEGACY_EVENTS = ['status.updated', 'data.updated'];
const MAX_LOGGED = 1_000;
const MAX_DESTINATIONS = 100;

/** A destination as `webhookDestinations` (the option) takes it. */
export interface WebhookDestinationOptions {
  url: string;
  /** Default: a random 43-character key, as Didit's `secret_shared_key`. */
  secret?: string | undefined;
  /** Default `v3`. */
  webhookVersion?: WebhookVersion | undefined;
  /** At least one of core's `WEBHOOK_TYPES`. Default `['status.updated', 'data.updated']`. */
  subscribedEvents?: readonly string[] | undefined;
  label?: string | undefined;
}

export interface WebhookDestination {
  uuid: string;
  label: string;
  url: string;
  enabled: boolean;
  webhook_version: WebhookVersion;
  subscribed_events: string[];
  secret_shared_key: string;
  created_at: string;
}

export interface V3WebhookAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

export interface V3WebhookDelivery {
  uuid: string;
  session_id: string;
  destination: { uuid: string; label: string; url: string; webhook_version: WebhookVersion } | null;
  webhook_type: string;
  event_id: string;
  status_code: number | null;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  attempt_log: V3WebhookAttempt[];
  created_at: string;
  body: string;
  /** Kept out of the JSON the routes answer. */
  secret: string;
  targetUrl: string;
}

interface Target {
  destination: WebhookDestination | null;
  url: string;
  secret: string;
  version: WebhookVersion;
  events: readonly string[];
}

/** Validates one destination; the message names the problem (the admin route answers it as a 400). */
export function checkDestination(input: {
  url?: unknown;
  secret?: unknown;
  webhookVersion?: unknown;
  subscribedEvents?: unknown;
  label?: unknown;
}):
  | { ok: true; value: Omit<WebhookDestination, 'uuid' | 'created_at' | 'enabled'> }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { url, secret, webhookVersion, subscribedEvents, label } = input;
  if (typeof url !== 'string' || !isHttpUrl(url)) errors.url = ['Enter a valid http(s) URL.'];
  if (secret !== undefined && (typeof secret !== 'string' || secret === '' || secret.length > 255)) {
    errors.secret_shared_key = ['Must be a non-empty string of at most 255 characters.'];
  }
  if (webhookVersion !== undefined && !VERSIONS.includes(webhookVersion as WebhookVersion)) {
    errors.webhook_version = [`${JSON.stringify(webhookVersion) ?? 'undefined'} is not a valid choice: v1, v2, v3.`];
  }
  const events = subscribedEvents ?? LEGACY_EVENTS;
  if (!Array.isArray(events) || events.length === 0) {
    errors.subscribed_events = ['Give at least one event.'];
  } else {
    const bad = events.find((e) => typeof e !== 'string' || !(WEBHOOK_TYPES as readonly string[]).includes(e));
    if (bad !== undefined) {
      errors.subscribed_events = [
        `${String(JSON.stringify(bad)).slice(0, 100)} is not a valid choice: ${WEBHOOK_TYPES.join(', ')}.`,
      ];
    } else if (new Set(events).size !== events.length) errors.subscribed_events = ['Events must be unique.'];
  }
  if (label !== undefined && (typeof label !== 'string' || label.length > 255)) {
    errors.label = ['Must be a string of at most 255 characters.'];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      url: url as string,
      secret_shared_key: (secret as string | undefined) ?? randomToken(32),
      webhook_version: (webhookVersion as WebhookVersion | undefined) ?? 'v3',
      subscribed_events: [...(events as string[])],
      label: (label as string | undefined) ?? '',
    },
  };
}

export interface V3WebhooksConfig {
  destinations: readonly WebhookDestinationOptions[];
  legacy: { url: string; secret: string } | undefined;
  retryDelaysMs: readonly number[];
  now: Clock;
  timers: Timers;
}

export class V3Webhooks {
  readonly #config: V3WebhooksConfig;
  readonly #destinations = new Map<string, WebhookDestination>();
  readonly #log: V3WebhookDelivery[] = [];
  readonly #chains = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<AbortController>();

  constructor(config: V3WebhooksConfig) {
    this.#config = config;
    for (const options of config.destinations) {
      const checked = checkDestination(options);
      if (!checked.ok) {
        const [field, messages] = Object.entries(checked.errors)[0]!;
        throw new TypeError(`webhookDestinations: ${field}: ${String(messages)}`);
      }
      this.add(checked.value);
    }
  }

  /** True while a destination is enabled: the legacy URL (v1's sender too) stays quiet then. */
  get hasDestinations(): boolean {
    return this.#destinations.size > 0;
  }

  add(value: Omit<WebhookDestination, 'uuid' | 'created_at' | 'enabled'>): WebhookDestination | undefined {
    if (this.#destinations.size >= MAX_DESTINATIONS) return undefined;
    const destination: WebhookDestination = {
      uuid: crypto.randomUUID(),
      enabled: true,
      created_at: isoMicros(this.#config.now()),
      ...value,
    };
    this.#destinations.set(destination.uuid, destination);
    return destination;
  }

  list(): WebhookDestination[] {
    return [...this.#destinations.values()];
  }

  get(uuid: string): WebhookDestination | undefined {
    return this.#destinations.get(uuid);
  }

  remove(uuid: string): boolean {
    return this.#destinations.delete(uuid);
  }

  /** The deliveries of one session, oldest first. */
  deliveriesOf(sessionId: string): V3WebhookDelivery[] {
    return this.#log.filter((d) => d.session_id === sessionId);
  }

  clearLog(): void {
    this.#log.length = 0;
  }

  /** A v3 session event: one delivery per subscribed destination (or the legacy URL). */
  emit(session: V3Session, webhookType: string): void {
    const eventId = crypto.randomUUID();
    const now = this.#config.now();
    for (const target of this.#targets()) {
      if (!target.events.includes(webhookType)) continue;
      const payload = buildPayload(session, webhookType, eventId, target.version, now);
      const delivery: V3WebhookDelivery = {
        uuid: crypto.randomUUID(),
        session_id: session.sessionId,
        destination: target.destination && {
          uuid: target.destination.uuid,
          label: target.destination.label,
          url: displayUrl(target.url),
          webhook_version: target.version,
        },
        webhook_type: webhookType,
        event_id: eventId,
        status_code: null,
        state: 'pending',
        attempts: 0,
        attempt_log: [],
        created_at: isoMicros(now),
        body: serializeWebhookPayload(payload),
        secret: target.secret,
        targetUrl: target.url,
      };
      this.#log.push(delivery);
      if (this.#log.length > MAX_LOGGED) this.#log.shift();
      this.#queue(delivery, true);
    }
  }

  /** Re-sends a delivery: the same body (and `event_id`) with a fresh `timestamp`, signed again. */
  resend(delivery: V3WebhookDelivery): void {
    const payload = JSON.parse(delivery.body) as JsonObject;
    payload.timestamp = epochSeconds(this.#config.now());
    delivery.body = serializeWebhookPayload(payload);
    delivery.state = 'pending';
    this.#queue(delivery, false);
  }

  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all(this.#chains.values());
  }

  close(): void {
    for (const controller of this.#inFlight) controller.abort();
  }

  #targets(): Target[] {
    if (this.#destinations.size > 0) {
      return this.list()
        .filter((d) => d.enabled)
        .map((d) => ({
          destination: d,
          url: d.url,
          secret: d.secret_shared_key,
          version: d.webhook_version,
          events: d.subscribed_events,
        }));
    }
    const { legacy } = this.#config;
    return legacy ? [{ destination: null, ...legacy, version: 'v1', events: LEGACY_EVENTS }] : [];
  }

  #queue(delivery: V3WebhookDelivery, retry: boolean): void {
    const key = delivery.session_id;
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(delivery, retry));
    this.#chains.set(key, next);
    void next.finally(() => {
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  async #deliver(delivery: V3WebhookDelivery, retry: boolean): Promise<void> {
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

  async #attempt(delivery: V3WebhookDelivery): Promise<boolean> {
    const { secret, body } = delivery;
    const startedAt = this.#config.now();
    const headers: Record<string, string> = {
      ...(await signWebhook({ body, secret, timestamp: epochSeconds(startedAt) })),
      'x-signature-simple': simpleSignature(secret, body),
    };
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), WEBHOOK_TIMEOUT_MS);
    this.#inFlight.add(controller);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.targetUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'didit-kit-mock-server', ...headers },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = controller.signal.aborted ? 'timed out or aborted' : String((cause as Error)?.message ?? cause);
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
    delivery.attempts++;
    delivery.status_code = status;
    delivery.attempt_log.push({ at: isoMicros(startedAt), status, error });
    if (delivery.attempt_log.length > 20) delivery.attempt_log.shift();
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = 'delivered';
      return false;
    }
    const retryable = status === null || status === 404 || status >= 500;
    if (!retryable) delivery.state = 'failed';
    return retryable;
  }
}

/** The body of one delivery, in the destination's version. */
export function buildPayload(
  session: V3Session,
  webhookType: string,
  eventId: string,
  version: WebhookVersion,
  nowMs: number,
): JsonObject {
  const d = session.decision;
  const status = v3Status(session);
  const decision = STATUSES_WITH_DECISION.has(status) ? cloneJson(d) : undefined;
  const timestamp = epochSeconds(nowMs);
  const vendorData = (d.vendor_data ?? null) as Json;
  if (version === 'v1') {
    const created = Date.parse(String(d.created_at));
    const payload: JsonObject = {
      session_id: session.sessionId,
      status,
      created_at: Number.isNaN(created) ? timestamp : epochSeconds(created),
      timestamp,
      vendor_data: vendorData,
    };
    if (decision) payload.decision = decision;
    return payload;
  }
  if (version === 'v2') {
    const payload: JsonObject = {
      session_id: session.sessionId,
      status,
      webhook_type: webhookType,
      created_at: timestamp,
      timestamp,
    };
    if (vendorData !== null) payload.vendor_data = vendorData;
    if (d.workflow_id !== undefined && d.workflow_id !== null) payload.workflow_id = d.workflow_id;
    if (d.metadata !== undefined && d.metadata !== null) payload.metadata = cloneJson(d.metadata);
    if (decision) payload.decision = decision;
    return payload;
  }
  const payload: JsonObject = {
    event_id: eventId,
    webhook_type: webhookType,
    timestamp,
    created_at: timestamp,
    application_id: MOCK_APPLICATION_ID,
    environment: 'sandbox',
    session_id: session.sessionId,
    status,
    workflow_id: (d.workflow_id ?? null) as Json,
    workflow_version: session.workflowVersion,
    vendor_data: vendorData,
    metadata: d.metadata === undefined ? null : cloneJson(d.metadata),
  };
  if (session.kind === 'business') payload.session_kind = 'business';
  if (decision) payload.decision = decision;
  return payload;
}

function publicDelivery(delivery: V3WebhookDelivery): JsonObject {
  return {
    uuid: delivery.uuid,
    id: delivery.uuid,
    session_id: delivery.session_id,
    destination: delivery.destination as unknown as Json,
    webhook_type: delivery.webhook_type,
    event_id: delivery.event_id,
    status_code: delivery.status_code,
    state: delivery.state,
    attempts: delivery.attempts,
    attempt_log: delivery.attempt_log as unknown as Json,
    created_at: delivery.created_at,
    payload: JSON.parse(delivery.body) as Json,
  };
}

function publicDestination(destination: WebhookDestination, withSecret: boolean): JsonObject {
  const { secret_shared_key, ...rest } = destination;
  return withSecret ? { ...rest, secret_shared_key } : { ...rest };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface V3WebhookRouteDeps {
  webhooks: V3Webhooks;
  store: V3Store;
  apiKey: string;
  authFailureStatus: 401 | 403;
  faults: FaultInjector;
}

/** `GET /v3/session/{id}/webhooks/`, `GET /v3/session/{id}/webhook/{uuid}/`, `POST .../resend/`. */
export function registerV3WebhookRoutes(routes: RouteTable, deps: V3WebhookRouteDeps): void {
  const { webhooks, store } = deps;
  const check = (c: Context<MockEnv>): Response | undefined => {
    const key = c.req.header('x-api-key');
    if (key === undefined || !constantTimeEqual(key, deps.apiKey)) {
      return detail(c, deps.authFailureStatus, 'Authentication credentials were not provided or are invalid.');
    }
    const id = c.req.param('sessionId') ?? '';
    if (!UUID.test(id) || !store.get(id)) return detail(c, 404, 'Session not found.');
    return undefined;
  };
  const findDelivery = (c: Context<MockEnv>) =>
    webhooks.deliveriesOf(c.req.param('sessionId') ?? '').find((d) => d.uuid === c.req.param('uuid'));
  const options = { faults: deps.faults };
  routes.define(
    '/v3/session/:sessionId/webhooks/',
    {
      GET: (c) => {
        const denied = check(c);
        if (denied) return denied;
        const rows = webhooks.deliveriesOf(c.req.param('sessionId') ?? '').map(publicDelivery);
        return c.json({ count: rows.length, results: rows.reverse() });
      },
    },
    options,
  );
  routes.define(
    '/v3/session/:sessionId/webhook/:uuid/',
    {
      GET: (c) => {
        const denied = check(c);
        if (denied) return denied;
        const delivery = findDelivery(c);
        return delivery ? c.json(publicDelivery(delivery)) : detail(c, 404, 'Webhook delivery not found.');
      },
    },
    options,
  );
  routes.define(
    '/v3/session/:sessionId/webhook/:uuid/resend/',
    {
      POST: (c) => {
        const denied = check(c);
        if (denied) return denied;
        const delivery = findDelivery(c);
        if (!delivery) return detail(c, 404, 'Webhook delivery not found.');
        webhooks.resend(delivery);
        return c.json({ detail: 'Webhook queued for resend.', delivery: publicDelivery(delivery) }, 202);
      },
    },
    options,
  );
}

/** `/__mock/webhook-destinations`: list (no secrets), add (201 with the secret), delete. */
export function registerWebhookDestinationAdminRoutes(
  routes: RouteTable,
  webhooks: V3Webhooks,
  publicUrl: string | undefined,
): void {
  const guard = adminGuard(publicUrl);
  routes.define(
    '/__mock/webhook-destinations',
    {
      GET: (c) => c.json({ destinations: webhooks.list().map((d) => publicDestination(d, false)) }),
      POST: async (c) => {
        const read = await readJsonObject(c);
        if (!read.ok) return read.response;
        const body = read.value;
        const checked = checkDestination({
          url: body.url,
          secret: body.secret_shared_key ?? body.secret,
          webhookVersion: body.webhook_version ?? body.version,
          subscribedEvents: body.subscribed_events ?? body.events,
          label: body.label,
        });
        if (!checked.ok) return fieldErrors(c, checked.errors);
        const added = webhooks.add(checked.value);
        if (!added) return detail(c, 400, 'Too many destinations: delete one first.');
        return c.json(publicDestination(added, true), 201);
      },
    },
    { guard },
  );
  routes.define(
    '/__mock/webhook-destinations/:id',
    {
      GET: (c) => {
        const destination = webhooks.get(c.req.param('id') ?? '');
        return destination ? c.json(publicDestination(destination, true)) : notFound(c);
      },
      DELETE: (c) => (webhooks.remove(c.req.param('id') ?? '') ? c.body(null, 204) : notFound(c)),
    },
    { guard },
  );
}
