import { type Clock, isoMicros } from './clock.ts';
import type { Fixture } from './fixture-files.ts';
import { cloneJson, type JsonObject } from './json.ts';

// The one store interface both generations' sessions live behind (v1/store.ts, v3/store.ts): the
// same records (by id, by hosted-page token), the same verbs for every change, and one change
// event for the webhooks. A v1 decision and a v3 decision are different documents, so each
// generation keeps its own records and says how its sessions are made, advanced and finished.

/** What every session has, whichever generation made it. */
export interface StoredSession {
  readonly sessionId: string;
  /** The last path segment of the hosted page URL, `/session/{sessionToken}`. */
  readonly sessionToken: string;
  readonly source: 'fixture' | 'api';
  /** Exactly what the generation's decision route returns. Change it through the store's verbs. */
  decision: JsonObject;
}

/** `status.updated`: created (v1) or a new status; `data.updated`: the content changed in place. */
export type ChangeType = 'status.updated' | 'data.updated';

/** Told to listeners on every change a webhook reports. */
export interface SessionChange<S extends StoredSession = StoredSession> {
  readonly session: S;
  readonly type: ChangeType;
  /** The status before the change; null on creation. */
  readonly previousStatus: string | null;
}

/** A reviewer's decision (`PATCH update-status`). */
export interface Review {
  user: string;
  newStatus: string;
  comment: string | null;
}

/** A result a developer can pick (on the hosted page, or with the admin routes). */
export interface OutcomeChoice {
  readonly id: string;
  readonly status: string;
  readonly label: string;
}

/** Sessions created through the API beyond this many push out the oldest, so a long run stays bounded. */
export const MAX_CREATED_SESSIONS = 10_000;
/**
 * A session keeps its latest this many `reviews[]` entries (the oldest go first), so a client that
 * PATCHes in a loop cannot grow one decision without bound (20,000 reviews made a 40 MB decision).
 */
export const MAX_REVIEWS = 100;

export function statusOf(session: { readonly decision: JsonObject }): string {
  const status = session.decision.status;
  return typeof status === 'string' ? status : '';
}

/**
 * The one store interface, the same verbs for both generations (`V1SessionStore`, `V3SessionStore`):
 * what the routes, the hosted page, the admin routes and `MockStore` use.
 */
export interface SessionStore<S extends StoredSession = StoredSession> {
  /** The statuses the admin routes may set. */
  readonly statuses: readonly string[];
  /** The outcomes the hosted page offers (and the admin routes take). */
  readonly outcomes: readonly OutcomeChoice[];
  get(sessionId: string): S | undefined;
  getByToken(sessionToken: string): S | undefined;
  /** Every session, oldest first. */
  list(): S[];
  delete(sessionId: string): boolean;
  /** Back to the fixtures: created sessions go, changed fixture sessions are restored. */
  reset(): void;
  /** Told of every change a webhook reports; returns the unsubscribe. */
  onChange(listener: (change: SessionChange<S>) => void): () => void;
  /** The decision as JSON bytes, serialised once per change. */
  decisionJson(session: S): Uint8Array<ArrayBuffer>;
  /** To `status`, with the content of the fixture `templateId` when given. */
  transition(session: S, status: string, templateId?: string): void;
  /** A status set by hand (the admin routes); false when the generation has no such status. */
  setStatus(session: S, status: string): boolean;
  /** A reviewer's decision: a `reviews[]` entry and the new status. */
  review(session: S, review: Review): void;
  /** The content changed in place: `data.updated`. */
  dataChanged(session: S): void;
  /** Decision fields no webhook reports. */
  update(session: S, fields: JsonObject): void;
  /** True while the user may still finish the session on the hosted page. */
  isOpen(session: S): boolean;
  /** One step along the happy path (as a user on the hosted page would go); false when it does not advance. */
  advance(session: S): boolean;
  /** The user finished the hosted page, choosing `outcome`; false when the session is not open or cannot take it. */
  finish(session: S, outcome?: string): boolean;
  /** Gives the session an outcome's status and content at once; false for an unknown outcome. */
  setOutcome(session: S, outcome: string): boolean;
}

const encoder = new TextEncoder();

/** The records and verbs both generations' stores share; each says how its sessions are made and finished. */
export abstract class SessionRecords<S extends StoredSession> implements SessionStore<S> {
  abstract readonly statuses: readonly string[];
  abstract readonly outcomes: readonly OutcomeChoice[];
  /** Decision fields that belong to the session: kept when a fixture supplies the rest. */
  protected abstract readonly ownFields: readonly string[];

  protected readonly now: Clock;
  readonly #fixtures: readonly Fixture[];
  readonly #templates: ReadonlyMap<string, JsonObject>;
  readonly #listeners = new Set<(change: SessionChange<S>) => void>();
  /** The decision as JSON bytes, made on the first read after a change (see `decisionJson`). */
  readonly #json = new WeakMap<S, Uint8Array<ArrayBuffer>>();
  #sessions = new Map<string, S>();
  #byToken = new Map<string, S>();
  /** Sessions created through the API, oldest first. */
  #created: string[] = [];
  readonly #firstNumber: number;
  #nextNumber: number;

  /**
   * Created sessions are numbered from `firstNumber` (each generation has its own range). Subclasses
   * call `reset()` once their own fields are set: it builds the fixture sessions.
   */
  constructor(fixtures: readonly Fixture[], now: Clock, firstNumber: number) {
    this.#fixtures = fixtures;
    this.#templates = new Map(fixtures.map((fixture) => [fixture.sessionId, fixture.decision]));
    this.now = now;
    this.#firstNumber = firstNumber;
    this.#nextNumber = firstNumber;
  }

  /** A session made from a fixture (a copy of its decision) at reset. */
  protected abstract fromFixture(fixture: Fixture, decision: JsonObject): S;
  abstract isOpen(session: S): boolean;
  abstract advance(session: S): boolean;
  abstract finish(session: S, outcome?: string): boolean;
  abstract setOutcome(session: S, outcome: string): boolean;
  /** The fixture whose content a session takes with a status set by hand (none: the content stays). */
  protected abstract templateFor(session: S, status: string): string | undefined;

  reset(): void {
    this.#sessions = new Map();
    this.#byToken = new Map();
    this.#created = [];
    this.#nextNumber = this.#firstNumber;
    for (const fixture of this.#fixtures) this.#add(this.fromFixture(fixture, cloneJson(fixture.decision)));
  }

  get(sessionId: string): S | undefined {
    return this.#sessions.get(sessionId);
  }

  getByToken(sessionToken: string): S | undefined {
    return this.#byToken.get(sessionToken);
  }

  list(): S[] {
    return [...this.#sessions.values()];
  }

  delete(sessionId: string): boolean {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return false;
    this.#sessions.delete(sessionId);
    this.#byToken.delete(session.sessionToken);
    return true;
  }

  onChange(listener: (change: SessionChange<S>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The decision as UTF-8 JSON bytes, serialised once per change rather than once per request (the
   * decision route is what clients poll). Every verb that changes a decision drops them.
   */
  decisionJson(session: S): Uint8Array<ArrayBuffer> {
    let bytes = this.#json.get(session);
    if (bytes === undefined) {
      bytes = encoder.encode(JSON.stringify(session.decision));
      this.#json.set(session, bytes);
    }
    return bytes;
  }

  /**
   * Moves a session to `status`. With a template (a fixture's session id), the verification's
   * content comes from that fixture while the session keeps its own fields (`ownFields`).
   */
  transition(session: S, status: string, templateId?: string): void {
    const previousStatus = statusOf(session);
    if (templateId !== undefined) this.applyTemplate(session, templateId);
    session.decision.status = status;
    this.#json.delete(session);
    if (previousStatus !== status) this.#emit({ session, type: 'status.updated', previousStatus });
  }

  /** A status set by hand (the admin routes): the content of that status's fixture, when there is one. */
  setStatus(session: S, status: string): boolean {
    if (!this.statuses.includes(status)) return false;
    this.transition(session, status, this.templateFor(session, status));
    return true;
  }

  /** A reviewer's decision (`PATCH update-status`): a new `reviews[]` entry and the new status. */
  review(session: S, review: Review): void {
    const reviews = Array.isArray(session.decision.reviews) ? session.decision.reviews : [];
    reviews.push({
      user: review.user,
      new_status: review.newStatus,
      comment: review.comment,
      created_at: isoMicros(this.now()),
    });
    if (reviews.length > MAX_REVIEWS) reviews.splice(0, reviews.length - MAX_REVIEWS);
    session.decision.reviews = reviews;
    this.transition(session, review.newStatus);
  }

  /** The content changed in place (a feature's status, say): `data.updated`. Call it after the edit. */
  dataChanged(session: S): void {
    this.#json.delete(session);
    this.#emit({ session, type: 'data.updated', previousStatus: statusOf(session) });
  }

  /** Sets decision fields that no webhook reports (create, called again, updates the callback). */
  update(session: S, fields: JsonObject): void {
    Object.assign(session.decision, fields);
    this.#json.delete(session);
  }

  /** Adds a session created through the API; `announce` tells listeners (Didit's v1 webhook on create). */
  protected addCreated(session: S, announce: boolean): void {
    this.#add(session);
    this.#created.push(session.sessionId);
    while (this.#created.length > MAX_CREATED_SESSIONS) this.delete(this.#created.shift()!);
    if (announce) this.#emit({ session, type: 'status.updated', previousStatus: null });
  }

  /** The `session_number` of the next session created. */
  protected nextNumber(): number {
    return this.#nextNumber++;
  }

  /** A fixture's decision, by session id. */
  protected template(templateId: string): JsonObject | undefined {
    return this.#templates.get(templateId);
  }

  /** Takes the verification's content from a template (a fixture id, or a decision), keeping `ownFields`. */
  protected applyTemplate(session: S, template: string | JsonObject): void {
    const source = typeof template === 'string' ? this.#templates.get(template) : template;
    if (source === undefined) return;
    const next = cloneJson(source);
    for (const field of this.ownFields) {
      const own = session.decision[field];
      if (own !== undefined) next[field] = own;
    }
    session.decision = next;
    this.#json.delete(session);
  }

  #add(session: S): void {
    this.#sessions.set(session.sessionId, session);
    this.#byToken.set(session.sessionToken, session);
  }

  #emit(change: SessionChange<S>): void {
    for (const listener of this.#listeners) listener(change);
  }
}

/** A fixture's hosted-page token: the last segment of its `session_url` (`.../session/{token}`). */
export function tokenFromUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  return /\/session\/([A-Za-z0-9_-]+)\/?$/.exec(url)?.[1];
}
