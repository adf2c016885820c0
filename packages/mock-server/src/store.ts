import { type Clock, isoMicros } from './clock.ts';
import type { Fixture } from './fixtures.ts';
import { cloneJson, type JsonObject } from './json.ts';
import { randomToken } from './random.ts';

/** A session the mock knows: a pre-seeded fixture or one created through the API. */
export interface MockSession {
  readonly sessionId: string;
  /** The last path segment of the hosted page URL, `/session/{sessionToken}`. */
  readonly sessionToken: string;
  readonly source: 'fixture' | 'api';
  /** Exactly what `GET /v1/session/{id}/decision/` returns. */
  decision: JsonObject;
}

/** Told to listeners on creation (`previousStatus: null`) and on every status change. */
export interface SessionChange {
  readonly session: MockSession;
  readonly previousStatus: string | null;
}

export interface NewSession {
  /** Undefined when the create left it out: the decision then has `callback: null`. */
  callback: string | undefined;
  vendorData: string;
  features: string;
  /** Builds the hosted page URL from the new session's token. */
  url: (sessionToken: string) => string;
}

export interface Review {
  user: string;
  newStatus: string;
  comment: string | null;
}

// Top-level decision fields that belong to the session itself; the rest (kyc, aml, face,
// location, warnings, extra_images) is the verification's content and comes from a template.
const OWN_FIELDS = [
  'session_id',
  'session_number',
  'session_url',
  'vendor_data',
  'callback',
  'features',
  'reviews',
  'created_at',
] as const;

const FIRST_SESSION_NUMBER = 60_001;
/** Sessions created through the API beyond this many push out the oldest, so a long run stays bounded. */
export const MAX_CREATED_SESSIONS = 10_000;
/**
 * A session keeps its latest this many `reviews[]` entries (the oldest go first), so a client that
 * PATCHes in a loop cannot grow one decision without bound (20,000 reviews made a 40 MB decision).
 */
export const MAX_REVIEWS = 100;

export function statusOf(session: MockSession): string {
  const status = session.decision.status;
  return typeof status === 'string' ? status : '';
}

/** The mock's state: every session by id and by hosted-page token. */
const encoder = new TextEncoder();

export class SessionStore {
  readonly #fixtures: readonly Fixture[];
  readonly #templates: ReadonlyMap<string, JsonObject>;
  readonly #now: Clock;
  readonly #listeners = new Set<(change: SessionChange) => void>();
  #sessions = new Map<string, MockSession>();
  readonly #json = new WeakMap<MockSession, Uint8Array<ArrayBuffer>>();
  #byToken = new Map<string, MockSession>();
  #created: string[] = [];
  #nextNumber = FIRST_SESSION_NUMBER;

  constructor(fixtures: readonly Fixture[], now: Clock) {
    this.#fixtures = fixtures;
    this.#templates = new Map(fixtures.map((fixture) => [fixture.sessionId, fixture.decision]));
    this.#now = now;
    this.reset();
  }

  /** Back to the fixtures: created sessions go, changed fixture sessions are restored. */
  reset(): void {
    this.#sessions = new Map();
    this.#byToken = new Map();
    this.#created = [];
    this.#nextNumber = FIRST_SESSION_NUMBER;
    for (const fixture of this.#fixtures) {
      const session: MockSession = {
        sessionId: fixture.sessionId,
        sessionToken: tokenFromUrl(fixture.decision.session_url) ?? fixture.sessionId,
        source: 'fixture',
        decision: cloneJson(fixture.decision),
      };
      this.#add(session);
    }
  }

  onChange(listener: (change: SessionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): MockSession[] {
    return [...this.#sessions.values()];
  }

  /**
   * The decision as UTF-8 JSON bytes, serialised once per change rather than once per request
   * (the decision route is what clients poll). Every change goes through `transition`, which drops it.
   */
  decisionJson(session: MockSession): Uint8Array<ArrayBuffer> {
    let bytes = this.#json.get(session);
    if (bytes === undefined) {
      bytes = encoder.encode(JSON.stringify(session.decision));
      this.#json.set(session, bytes);
    }
    return bytes;
  }

  get(sessionId: string): MockSession | undefined {
    return this.#sessions.get(sessionId);
  }

  getByToken(sessionToken: string): MockSession | undefined {
    return this.#byToken.get(sessionToken);
  }

  create(input: NewSession): MockSession {
    const sessionId = crypto.randomUUID();
    const sessionToken = randomToken(16);
    const url = input.url(sessionToken);
    const session: MockSession = {
      sessionId,
      sessionToken,
      source: 'api',
      decision: {
        session_id: sessionId,
        session_number: this.#nextNumber++,
        session_url: url,
        status: 'Not Started',
        vendor_data: input.vendorData,
        callback: input.callback ?? null,
        features: input.features,
        kyc: null,
        aml: null,
        face: null,
        location: null,
        warnings: [],
        reviews: [],
        extra_images: [],
        created_at: isoMicros(this.#now()),
      },
    };
    this.#add(session);
    this.#created.push(sessionId);
    while (this.#created.length > MAX_CREATED_SESSIONS) this.#remove(this.#created.shift()!);
    this.#emit({ session, previousStatus: null });
    return session;
  }

  /**
   * Moves a session to `status`. With a template (a fixture's session id), the verification's
   * content comes from that fixture while the session keeps its own id, vendor data, callback,
   * URL, number, creation time and reviews.
   */
  transition(session: MockSession, status: string, templateId?: string): void {
    const previousStatus = statusOf(session);
    this.#json.delete(session);
    const template = templateId === undefined ? undefined : this.#templates.get(templateId);
    if (template !== undefined) {
      const next: JsonObject = { ...cloneJson(template) };
      for (const field of OWN_FIELDS) {
        const own = session.decision[field];
        if (own !== undefined) next[field] = own;
      }
      session.decision = next;
    }
    session.decision.status = status;
    if (previousStatus !== status) this.#emit({ session, previousStatus });
  }

  /** A reviewer's decision (`PATCH update-status`): a new `reviews[]` entry and the new status. */
  review(session: MockSession, review: Review): void {
    const reviews = Array.isArray(session.decision.reviews) ? session.decision.reviews : [];
    reviews.push({
      user: review.user,
      new_status: review.newStatus,
      comment: review.comment,
      created_at: isoMicros(this.#now()),
    });
    if (reviews.length > MAX_REVIEWS) reviews.splice(0, reviews.length - MAX_REVIEWS);
    session.decision.reviews = reviews;
    this.transition(session, review.newStatus);
  }

  #add(session: MockSession): void {
    this.#sessions.set(session.sessionId, session);
    this.#byToken.set(session.sessionToken, session);
  }

  #remove(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    this.#sessions.delete(sessionId);
    this.#byToken.delete(session.sessionToken);
  }

  #emit(change: SessionChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

/** A fixture's hosted-page token: the last segment of its `session_url` (`.../session/{token}`). */
function tokenFromUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /\/session\/([A-Za-z0-9_-]+)\/?$/.exec(url);
  return match?.[1];
}
