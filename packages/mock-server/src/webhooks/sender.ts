import { serializeWebhookPayload } from '@didit-kit/core/server';
import { type Clock, epochSeconds, isoMicros } from '../clock.ts';
import { type SessionChange, statusOf } from '../session-store.ts';
import type { Timers } from '../timers.ts';
import type { V3Session } from '../v3/store.ts';
import { type DeliveryEvent, type WebhookVersion, webhookBody } from './bodies.ts';
import {
  DEFAULT_EVENTS,
  Destinations,
  displayUrl,
  type WebhookDestination,
  type WebhookDestinationOptions,
} from './destinations.ts';
import { type Delivery, DeliveryQueue } from './queue.ts';
import { type RecordEvent, recordEventBody } from './record-events.ts';

// Who gets a delivery for a change, and in which format. v3 sessions deliver to every enabled
// destination subscribed to the event, each in its own format and signed with its own secret (and
// its previous one, for a day after a rotation). The legacy application URL (`webhookUrl`, Didit's
// console webhook) gets v1 bodies of `status.updated` and `data.updated`, for both generations'
// sessions, only while no destination is enabled: v1 sessions deliver there alone (on create too,
// as Didit's v1 does). The other records' events (users, businesses, transactions, the travel rule)
// go to the destinations subscribed to them (record-events.ts).

export interface WebhookSenderConfig {
  destinations: readonly WebhookDestinationOptions[];
  /** The legacy application URL and its secret. */
  legacy: { url: string; secret: string } | undefined;
  retryDelaysMs: readonly number[];
  now: Clock;
  timers: Timers;
}

interface Target {
  destination: WebhookDestination | null;
  url: string;
  secret: () => string | readonly string[];
  version: WebhookVersion;
  events: readonly string[];
}

export class WebhookSender {
  readonly destinations: Destinations;
  readonly queue: DeliveryQueue;
  readonly #legacy: Target | undefined;
  readonly #now: Clock;

  constructor(config: WebhookSenderConfig) {
    this.#now = config.now;
    this.destinations = new Destinations(config.destinations, config.now);
    this.queue = new DeliveryQueue(config);
    const { legacy } = config;
    this.#legacy = legacy && {
      destination: null,
      url: legacy.url,
      secret: () => legacy.secret,
      version: 'v1',
      events: DEFAULT_EVENTS,
    };
  }

  /** The legacy URL without any user:password part (for the log), or null. */
  get legacyUrl(): string | null {
    return this.#legacy === undefined ? null : displayUrl(this.#legacy.url);
  }

  /** Queues the deliveries of one change of a session of either generation. */
  send(apiVersion: 'v1' | 'v3', change: SessionChange): void {
    const { session, type } = change;
    const targets = this.#targets(apiVersion).filter((target) => target.events.includes(type));
    if (targets.length === 0) return;
    const nowMs = this.#now();
    const v3 = apiVersion === 'v3' ? (session as V3Session) : undefined;
    const event: DeliveryEvent = {
      eventId: crypto.randomUUID(),
      webhookType: type,
      sessionId: session.sessionId,
      status: statusOf(session),
      decision: session.decision,
      workflowVersion: v3?.workflowVersion,
      business: v3?.kind === 'business',
      timestamp: epochSeconds(nowMs),
    };
    for (const target of targets) {
      // Serialised now: the body is the session as it is at the change, whatever comes next.
      this.#push(target, nowMs, {
        sessionId: session.sessionId,
        subject: `session:${session.sessionId}`,
        status: event.status,
        webhookType: type,
        eventId: event.eventId,
        body: serializeWebhookPayload(webhookBody(target.version, event)),
      });
    }
  }

  /** Queues the deliveries of a change of another record (a user, a transaction, ...) to the destinations subscribed to it. */
  sendRecordEvent(event: RecordEvent): void {
    const targets = this.#destinationTargets().filter((target) => target.events.includes(event.type));
    if (targets.length === 0) return;
    const nowMs = this.#now();
    const eventId = crypto.randomUUID();
    const body = serializeWebhookPayload(recordEventBody(event, eventId, epochSeconds(nowMs)));
    const status = event.fields.status;
    for (const target of targets) {
      this.#push(target, nowMs, {
        sessionId: null,
        subject: event.subject,
        status: typeof status === 'string' ? status : '',
        webhookType: event.type,
        eventId,
        body,
      });
    }
  }

  #push(
    target: Target,
    nowMs: number,
    what: Pick<Delivery, 'sessionId' | 'subject' | 'status' | 'webhookType' | 'eventId' | 'body'>,
  ): void {
    this.queue.push({
      ...what,
      id: crypto.randomUUID(),
      destination: target.destination && {
        uuid: target.destination.uuid,
        label: target.destination.label,
        url: displayUrl(target.url),
        webhook_version: target.version,
      },
      url: displayUrl(target.url),
      createdAt: isoMicros(nowMs),
      target: { url: target.url, secret: target.secret },
      state: 'pending',
      attemptCount: 0,
      attemptLog: [],
      headers: {},
    });
  }

  #targets(apiVersion: 'v1' | 'v3'): Target[] {
    const destinations = this.#destinationTargets();
    // The application's URL, only while no destination is enabled (Didit's documented fallback).
    if (destinations.length === 0) return this.#legacy ? [this.#legacy] : [];
    // Destination deliveries for v1 sessions are not simulated: Didit's v1 has the console URL only.
    if (apiVersion === 'v1') return [];
    return destinations;
  }

  #destinationTargets(): Target[] {
    return this.destinations
      .list()
      .filter((d) => d.enabled)
      .map((d) => ({
        destination: d,
        url: d.url,
        secret: () => this.destinations.secretsOf(d),
        version: d.webhook_version,
        events: d.subscribed_events,
      }));
  }
}
