import type { Context } from 'hono';
import { fieldErrors, notFound } from '../../drf.ts';
import type { Json, JsonObject } from '../../json.ts';
import { randomToken } from '../../random.ts';
import { isHttpUrl } from '../../validation.ts';
import type { WebhookVersion } from '../../webhooks/bodies.ts';
import type { DestinationChanges, WebhookDestination } from '../../webhooks/destinations.ts';
import type { OperationRoutes } from '../operation-routes.ts';
import { OPERATIONS } from '../operations.ts';
import { recordAnswer } from './answers.ts';
import type { RecordContext } from './record-context.ts';

// Didit's `/v3/webhook/destinations/` API over the mock's one destination store (the same one the
// `webhookDestinations` option, `--webhook-destination` and the `/__mock/webhook-destinations`
// shortcuts fill), so a destination made here gets the deliveries at once, with its own secret,
// body format and events. The summary counts come from the delivery log.

const DUPLICATE_URL = 'This webhook destination already exists for the application.';
const NO_EVENTS = 'At least one subscribed event is required.';

export function webhookDestinationRoutes(ctx: RecordContext): OperationRoutes {
  const { destinations, queue } = ctx;
  const find = (id: string | undefined) => destinations.get(id ?? '');

  /** The delivery counts of a destination, from the log. */
  const stats = (destination: WebhookDestination): JsonObject => {
    const deliveries = queue.deliveries().filter((d) => d.destination?.uuid === destination.uuid);
    const failed = deliveries.filter((d) => d.state === 'failed').length;
    const times = deliveries.flatMap((d) => d.attemptLog.map((a) => a.duration_ms));
    const last = deliveries.at(-1)?.attemptLog.at(-1)?.at ?? null;
    const average = times.length === 0 ? null : Math.round(times.reduce((a, b) => a + b, 0) / times.length);
    const errorRate = deliveries.length === 0 ? 0 : Math.round((failed / deliveries.length) * 10_000) / 100;
    return {
      deliveries_count: deliveries.length,
      failed_deliveries_count: failed,
      average_response_time_ms: average,
      error_rate_percentage: errorRate,
      last_delivery_at: last,
      summary: {
        total_deliveries: deliveries.length,
        failed_deliveries: failed,
        error_rate_percentage: errorRate,
        min_response_time_ms: times.length === 0 ? null : Math.min(...times),
        avg_response_time_ms: average,
        max_response_time_ms: times.length === 0 ? null : Math.max(...times),
        last_delivery_at: last,
      },
    };
  };
  const view = (destination: WebhookDestination, withSecret: boolean): JsonObject => {
    const { previous_secret: _, secret_shared_key, ...rest } = destination;
    return {
      ...rest,
      ...(withSecret ? { secret_shared_key } : {}),
      subscribed_events_count: destination.subscribed_events.length,
      ...stats(destination),
    };
  };
  /** Didit's 400s for what the request schema lets through: an empty events list, a taken URL, a bad URL. */
  const refused = (c: Context, body: JsonObject, self?: WebhookDestination): Response | undefined => {
    if (Array.isArray(body.subscribed_events) && body.subscribed_events.length === 0) {
      return fieldErrors(c, { subscribed_events: [NO_EVENTS] });
    }
    if (typeof body.url === 'string') {
      if (!isHttpUrl(body.url)) return fieldErrors(c, { url: ['Enter a valid URL.'] });
      const taken = destinations.byUrl(body.url);
      if (taken && taken !== self) return fieldErrors(c, { url: [DUPLICATE_URL] });
    }
    return undefined;
  };

  return {
    'webhookDestinations.list': {
      behaviour: 'stateful',
      what: 'every destination (the options’, the CLI’s, the admin routes’, the API’s), no secrets',
      handle: (c) =>
        recordAnswer(
          c,
          OPERATIONS['webhookDestinations.list'],
          destinations.list().map((d) => view(d, false)),
        ),
    },
    'webhookDestinations.create': {
      behaviour: 'stateful',
      what: 'a destination that gets deliveries at once; its `secret_shared_key`; a taken URL is refused',
      handle: (c, { body }) => {
        const bad = refused(c, body);
        if (bad) return bad;
        const added = destinations.add({
          label: String(body.label),
          url: String(body.url),
          enabled: body.enabled !== false,
          webhook_version: (body.webhook_version as WebhookVersion | undefined) ?? 'v3',
          // Omitted: subscribed to nothing, as Didit has it.
          subscribed_events: Array.isArray(body.subscribed_events) ? (body.subscribed_events as string[]) : [],
          secret_shared_key: randomToken(32),
        });
        if (!added) return fieldErrors(c, { non_field_errors: ['Too many destinations: delete one first.'] });
        return recordAnswer(c, OPERATIONS['webhookDestinations.create'], view(added, true));
      },
    },
    'webhookDestinations.get': {
      behaviour: 'stateful',
      what: 'one destination, with its secret and delivery summary',
      handle: (c, { params }) => {
        const destination = find(params.destination_uuid);
        return destination
          ? recordAnswer(c, OPERATIONS['webhookDestinations.get'], view(destination, true))
          : notFound(c);
      },
    },
    'webhookDestinations.update': {
      behaviour: 'stateful',
      what: '`enabled`, URL, label, version, events (replaced); never the secret (rotate: admin route)',
      handle: (c, { params, body }) => {
        const destination = find(params.destination_uuid);
        if (!destination) return notFound(c);
        const bad = refused(c, body, destination);
        if (bad) return bad;
        const changes: DestinationChanges = {};
        if (typeof body.label === 'string') changes.label = body.label;
        if (typeof body.url === 'string') changes.url = body.url;
        if (typeof body.enabled === 'boolean') changes.enabled = body.enabled;
        if (typeof body.webhook_version === 'string') changes.webhook_version = body.webhook_version as WebhookVersion;
        if (Array.isArray(body.subscribed_events)) changes.subscribed_events = body.subscribed_events as string[];
        destinations.update(destination, changes);
        return recordAnswer(c, OPERATIONS['webhookDestinations.update'], view(destination, true) as Json);
      },
    },
    'webhookDestinations.delete': {
      behaviour: 'stateful',
      what: 'deletes it: no more deliveries there',
      handle: (c, { params }) => (destinations.remove(params.destination_uuid ?? '') ? c.body(null, 204) : notFound(c)),
    },
  };
}
