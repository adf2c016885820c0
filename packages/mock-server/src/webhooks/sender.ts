import { serializeWebhookPayload } from '@didit-kit/core';
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
import { DeliveryQueue } from './queue.ts';

// Who gets a delivery for a session's change, and in which format. v3 sessions deliver to every
// enabled destination subscribed to the event, each in its own format and signed with its own
// secret. The legacy application URL (`webhookUrl`, Didit's console webhook) gets v1 bodies of
// `status.updated` and `data.updated`, for both generations' sessions, only while no destination
// is configured: v1 sessions deliver there alone (on create too, as Didit's v1 does).

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
  secret: string;
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
    this.#legacy = legacy && { destination: null, ...legacy, version: 'v1', events: DEFAULT_EVENTS };
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
      this.queue.push({
        id: crypto.randomUUID(),
        sessionId: session.sessionId,
        status: event.status,
        webhookType: type,
        eventId: event.eventId,
        destination: target.destination && {
          uuid: target.destination.uuid,
          label: target.destination.label,
          url: displayUrl(target.url),
          webhook_version: target.version,
        },
        url: displayUrl(target.url),
        createdAt: isoMicros(nowMs),
        target: { url: target.url, secret: target.secret },
        // Serialised now: the body is the session as it is at the change, whatever comes next.
        body: serializeWebhookPayload(webhookBody(target.version, event)),
        state: 'pending',
        attemptCount: 0,
        attemptLog: [],
        headers: {},
      });
    }
  }

  #targets(apiVersion: 'v1' | 'v3'): Target[] {
    if (this.destinations.size === 0) return this.#legacy ? [this.#legacy] : [];
    // Destination deliveries for v1 sessions are not simulated: Didit's v1 has the console URL only.
    if (apiVersion === 'v1') return [];
    return this.destinations
      .list()
      .filter((d) => d.enabled)
      .map((d) => ({
        destination: d,
        url: d.url,
        secret: d.secret_shared_key,
        version: d.webhook_version,
        events: d.subscribed_events,
      }));
  }
}
