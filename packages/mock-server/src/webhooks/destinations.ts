import { WEBHOOK_TYPES } from '@didit-kit/core/server';
import { type Clock, isoMicros } from '../clock.ts';
import type { FieldErrors } from '../drf.ts';
import type { JsonObject } from '../json.ts';
import { randomToken } from '../random.ts';
import { isHttpUrl } from '../validation.ts';
import { WEBHOOK_VERSIONS, type WebhookVersion } from './bodies.ts';

// v3 webhook destinations, as Didit's `POST /v3/webhook/destinations/`: each has its own URL,
// secret, body format (`webhook_version`) and subscribed events. Set with the `webhookDestinations`
// option, `--webhook-destination`, or the admin routes (admin/destination-routes.ts).

/** The events a destination gets unless it says, and all the legacy application URL gets. */
export const DEFAULT_EVENTS: readonly string[] = ['status.updated', 'data.updated'];
const MAX_DESTINATIONS = 100;
/** How long deliveries are also signed with a rotated-out secret (Didit's 24 hours after a rotation). */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3600 * 1000;

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
  updated_at: string;
  /** The secret a rotation replaced, and until when (mock clock, ms) deliveries are also signed with it. */
  previous_secret?: { key: string; untilMs: number } | undefined;
}

export type NewDestination = Omit<
  WebhookDestination,
  'uuid' | 'created_at' | 'updated_at' | 'enabled' | 'previous_secret'
> & { enabled?: boolean | undefined };

/** The fields `PATCH /v3/webhook/destinations/{uuid}/` may change. */
export type DestinationChanges = Partial<
  Pick<WebhookDestination, 'label' | 'url' | 'enabled' | 'webhook_version' | 'subscribed_events'>
>;

/** Validates one destination; the errors name the problem per field (the admin route answers them as a 400). */
export function checkDestination(input: {
  url?: unknown;
  secret?: unknown;
  webhookVersion?: unknown;
  subscribedEvents?: unknown;
  label?: unknown;
}): { ok: true; value: NewDestination } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { url, secret, webhookVersion, subscribedEvents, label } = input;
  if (typeof url !== 'string' || !isHttpUrl(url)) errors.url = ['Enter a valid http(s) URL.'];
  if (secret !== undefined && (typeof secret !== 'string' || secret === '' || secret.length > 255)) {
    errors.secret_shared_key = ['Must be a non-empty string of at most 255 characters.'];
  }
  if (webhookVersion !== undefined && !WEBHOOK_VERSIONS.includes(webhookVersion as WebhookVersion)) {
    errors.webhook_version = [`${JSON.stringify(webhookVersion) ?? 'undefined'} is not a valid choice: v1, v2, v3.`];
  }
  const events = subscribedEvents ?? DEFAULT_EVENTS;
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

/**
 * The destinations, at most 100: those of the options (or the CLI) at start-up, and those added
 * through Didit's `/v3/webhook/destinations/` API or the admin routes. `reset()` goes back to the
 * start-up ones, as they were.
 */
export class Destinations {
  readonly #now: Clock;
  readonly #byId = new Map<string, WebhookDestination>();
  readonly #initial: WebhookDestination[] = [];

  /** Throws `TypeError` naming the first bad field of a bad option. */
  constructor(options: readonly WebhookDestinationOptions[], now: Clock) {
    this.#now = now;
    for (const option of options) {
      const checked = checkDestination(option);
      if (!checked.ok) {
        const [field, messages] = Object.entries(checked.errors)[0]!;
        throw new TypeError(`webhookDestinations: ${field}: ${String(messages)}`);
      }
      const added = this.add(checked.value);
      if (added) this.#initial.push(structuredClone(added));
    }
  }

  /** Back to the destinations of the start-up options, as they were then. */
  reset(): void {
    this.#byId.clear();
    for (const destination of this.#initial) this.#byId.set(destination.uuid, structuredClone(destination));
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Undefined when there are too many already. */
  add(value: NewDestination): WebhookDestination | undefined {
    if (this.#byId.size >= MAX_DESTINATIONS) return undefined;
    const now = isoMicros(this.#now());
    const destination: WebhookDestination = {
      uuid: crypto.randomUUID(),
      created_at: now,
      updated_at: now,
      ...value,
      enabled: value.enabled ?? true,
    };
    this.#byId.set(destination.uuid, destination);
    return destination;
  }

  list(): WebhookDestination[] {
    return [...this.#byId.values()];
  }

  get(uuid: string): WebhookDestination | undefined {
    return this.#byId.get(uuid);
  }

  remove(uuid: string): boolean {
    return this.#byId.delete(uuid);
  }

  /** The destination already sending to `url`, if any (Didit's URLs are unique per application). */
  byUrl(url: string): WebhookDestination | undefined {
    return this.list().find((d) => d.url === url);
  }

  /** PATCH: the fields given replace the old ones (`subscribed_events` too); the secret stays. */
  update(destination: WebhookDestination, changes: DestinationChanges): WebhookDestination {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) Object.assign(destination, { [key]: value });
    }
    destination.updated_at = isoMicros(this.#now());
    return destination;
  }

  /** A new secret; for 24 hours deliveries are also signed with the one it replaces (the `-previous` headers). */
  rotateSecret(destination: WebhookDestination): WebhookDestination {
    destination.previous_secret = {
      key: destination.secret_shared_key,
      untilMs: this.#now() + PREVIOUS_SECRET_TTL_MS,
    };
    destination.secret_shared_key = randomToken(32);
    destination.updated_at = isoMicros(this.#now());
    return destination;
  }

  /** What signs a delivery to `destination` now: its secret, and the previous one while it lasts. */
  secretsOf(destination: WebhookDestination): string | readonly [string, string] {
    const previous = destination.previous_secret;
    if (previous === undefined || this.#now() >= previous.untilMs) return destination.secret_shared_key;
    return [destination.secret_shared_key, previous.key];
  }
}

/** A destination as the admin routes show it: the secret only where asked for. */
export function publicDestination(destination: WebhookDestination, withSecret: boolean): JsonObject {
  const { secret_shared_key, previous_secret, ...rest } = destination;
  const rotation: JsonObject =
    previous_secret === undefined
      ? {}
      : { previous_secret_valid_until: new Date(previous_secret.untilMs).toISOString() };
  return withSecret ? { ...rest, secret_shared_key, ...rotation } : { ...rest, ...rotation };
}

/** A URL without any user:password part, for logs and the banner. */
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
