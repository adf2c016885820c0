import { V3_FEATURE_ARRAYS } from '@didit-kit/core/server';
import { type Clock, isoMicros } from './clock.ts';
import { cloneJson, type Json, type JsonObject } from './json.ts';
import { randomToken } from './random.ts';
import { V3_FIXTURE_IDS, type V3Fixture } from './v3-fixtures.ts';

// The v3 sessions: Didit's v3 decision is a different document from v1's (plural feature arrays,
// `session_kind`, `environment`), so v3 sessions keep their own records, seeded from fixtures/v3/.

export type V3Kind = 'user' | 'business';

export interface V3ReviewItem {
  uuid: string;
  activity_type: 'STATUS_UPDATED' | 'COMMENT';
  actor_display: string;
  actor_type: 'API_KEY' | 'SYSTEM';
  new_status: string | null;
  previous_status: string | null;
  comment: string | null;
  created_at: string;
}

export interface V3Session {
  readonly sessionId: string;
  readonly sessionToken: string;
  readonly kind: V3Kind;
  readonly createdMs: number;
  workflowVersion: number;
  scenario: string | undefined;
  /** What `GET /v3/session/{id}/decision/` returns. */
  decision: JsonObject;
  reviews: V3ReviewItem[];
}

/** A sandbox scenario: the status and fixture a session ends with when the user finishes. */
export interface V3Scenario {
  readonly status: string;
  readonly templateId: string;
  readonly kind: V3Kind;
}

export const V3_SCENARIOS: Readonly<Record<string, V3Scenario>> = {
  approve: { status: 'Approved', templateId: V3_FIXTURE_IDS.approved, kind: 'user' },
  decline_document_expired: { status: 'Declined', templateId: V3_FIXTURE_IDS.declinedDocumentExpired, kind: 'user' },
  decline_face_match_low_similarity: { status: 'Declined', templateId: V3_FIXTURE_IDS.declinedFaceMatch, kind: 'user' },
  decline_aml_hit: { status: 'Declined', templateId: V3_FIXTURE_IDS.inReviewAml, kind: 'user' },
  review_aml_possible_match: { status: 'In Review', templateId: V3_FIXTURE_IDS.inReviewAml, kind: 'user' },
  decline_kyb_registry_mismatch: {
    status: 'Declined',
    templateId: V3_FIXTURE_IDS.kybDeclinedRegistry,
    kind: 'business',
  },
};

/** What a business session finishes with when no scenario is armed. */
const KYB_DEFAULT: V3Scenario = { status: 'In Review', templateId: V3_FIXTURE_IDS.kybAwaitingUser, kind: 'business' };

/** Statuses in which create with the same `vendor_data` returns the session again. */
export const UNFINISHED = new Set(['Not Started', 'In Progress', 'Resubmitted', 'Awaiting User']);

// Fields of the decision that belong to the session, kept when a fixture supplies the rest.
const OWN_FIELDS = [
  'session_id',
  'session_kind',
  'session_number',
  'session_url',
  'environment',
  'workflow_id',
  'vendor_data',
  'metadata',
  'expected_details',
  'contact_details',
  'callback',
  'reviews',
  'created_at',
  'expires_at',
] as const;

const FIRST_NUMBER = 70_001;
const MAX_SESSIONS = 10_000;

export interface NewV3Session {
  kind: V3Kind;
  workflowId: string;
  vendorData: string | null;
  callback: string | null;
  metadata: Json;
  expectedDetails: Json;
  contactDetails: Json;
  scenario: string | undefined;
  url: (sessionToken: string) => string;
}

export function v3Status(session: V3Session): string {
  return typeof session.decision.status === 'string' ? session.decision.status : '';
}

/** A v3 session event, for webhooks: `status.updated` (every status change) or `data.updated`. */
export type V3Listener = (session: V3Session, webhookType: 'status.updated' | 'data.updated') => void;

export class V3Store {
  readonly #listeners: V3Listener[] = [];
  readonly #fixtures: readonly V3Fixture[];
  readonly #templates: ReadonlyMap<string, JsonObject>;
  readonly #now: Clock;
  #sessions = new Map<string, V3Session>();
  #byToken = new Map<string, V3Session>();
  #nextNumber = FIRST_NUMBER;
  /** share_token -> session id; and the tokens already imported. */
  readonly shares = new Map<string, { sessionId: string; expiresMs: number }>();
  readonly imported = new Set<string>();

  constructor(fixtures: readonly V3Fixture[], now: Clock) {
    this.#fixtures = fixtures;
    this.#templates = new Map(fixtures.map((f) => [f.sessionId, f.decision]));
    this.#now = now;
    this.reset();
  }

  reset(): void {
    this.#sessions = new Map();
    this.#byToken = new Map();
    this.#nextNumber = FIRST_NUMBER;
    this.shares.clear();
    this.imported.clear();
    for (const fixture of this.#fixtures) {
      const decision = cloneJson(fixture.decision);
      const url = typeof decision.session_url === 'string' ? decision.session_url : '';
      this.#add({
        sessionId: fixture.sessionId,
        sessionToken: /\/session\/([A-Za-z0-9_-]+)\/?$/.exec(url)?.[1] ?? fixture.sessionId,
        kind: decision.session_kind === 'business' ? 'business' : 'user',
        createdMs: Date.parse(String(decision.created_at)) || 0,
        workflowVersion: 1,
        scenario: undefined,
        decision,
        reviews: [],
      });
    }
  }

  onEvent(listener: V3Listener): void {
    this.#listeners.push(listener);
  }

  emit(session: V3Session, webhookType: 'status.updated' | 'data.updated'): void {
    for (const listener of this.#listeners) listener(session, webhookType);
  }

  /** A status change that is not a review (the user starting the hosted page, say). */
  changeStatus(session: V3Session, status: string): void {
    if (v3Status(session) === status) return;
    session.decision.status = status;
    this.emit(session, 'status.updated');
  }

  get(sessionId: string): V3Session | undefined {
    return this.#sessions.get(sessionId);
  }

  getByToken(token: string): V3Session | undefined {
    return this.#byToken.get(token);
  }

  getByNumber(number: number): V3Session | undefined {
    for (const session of this.#sessions.values()) if (session.decision.session_number === number) return session;
    return undefined;
  }

  /** Newest first. */
  list(): V3Session[] {
    return [...this.#sessions.values()].reverse();
  }

  /** The unfinished session of this workflow and `vendor_data`, which create returns again. */
  findUnfinished(workflowId: string, vendorData: string): V3Session | undefined {
    for (const session of this.#sessions.values()) {
      const d = session.decision;
      if (d.workflow_id === workflowId && d.vendor_data === vendorData && UNFINISHED.has(v3Status(session))) {
        return session;
      }
    }
    return undefined;
  }

  create(input: NewV3Session): V3Session {
    const sessionId = crypto.randomUUID();
    // 9 random bytes: a 12-character token, as Didit's.
    const sessionToken = randomToken(9);
    const now = this.#now();
    const template = this.#templates.get(
      input.kind === 'business' ? V3_FIXTURE_IDS.kybAwaitingUser : V3_FIXTURE_IDS.approved,
    );
    const decision: JsonObject = {
      session_id: sessionId,
      session_kind: input.kind,
      session_number: this.#nextNumber++,
      session_url: input.url(sessionToken),
      status: 'Not Started',
      environment: 'sandbox',
      workflow_id: input.workflowId,
      features: template?.features ?? [],
      vendor_data: input.vendorData,
      metadata: input.metadata,
      expected_details: input.expectedDetails,
      contact_details: input.contactDetails,
      callback: input.callback,
      reviews: [],
      created_at: isoMicros(now),
      expires_at: isoMicros(now + 7 * 24 * 3600 * 1000),
    };
    for (const key of V3_FEATURE_ARRAYS) if (template && key in template) decision[key] = null;
    const session: V3Session = {
      sessionId,
      sessionToken,
      kind: input.kind,
      createdMs: now,
      workflowVersion: 1,
      scenario: input.scenario,
      decision,
      reviews: [],
    };
    this.#add(session);
    while (this.#sessions.size > MAX_SESSIONS + this.#fixtures.length) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return session;
  }

  /** A copy of a shared session, as another application's import. */
  importCopy(
    source: V3Session,
    workflowId: string,
    vendorData: string | null,
    status: string,
    url: (sessionToken: string) => string,
  ): V3Session {
    const session = this.create({
      kind: source.kind,
      workflowId,
      vendorData,
      callback: null,
      metadata: null,
      expectedDetails: source.decision.expected_details ?? null,
      contactDetails: source.decision.contact_details ?? null,
      scenario: undefined,
      url,
    });
    this.#applyTemplate(session, source.decision);
    session.decision.status = status;
    return session;
  }

  delete(sessionId: string): boolean {
    const session = this.#sessions.get(sessionId);
    if (!session) return false;
    this.#sessions.delete(sessionId);
    this.#byToken.delete(session.sessionToken);
    return true;
  }

  /** The user finished the hosted page: the armed scenario (or `approve`) decides the outcome. */
  finish(session: V3Session): V3Scenario {
    const scenario =
      (session.scenario === undefined ? undefined : V3_SCENARIOS[session.scenario]) ??
      (session.kind === 'business' ? KYB_DEFAULT : V3_SCENARIOS.approve!);
    const template = this.#templates.get(scenario.templateId);
    if (template) this.#applyTemplate(session, template);
    session.decision.status = scenario.status;
    this.emit(session, 'status.updated');
    return scenario;
  }

  setStatus(session: V3Session, status: string, actor: 'API_KEY' | 'SYSTEM', comment: string | null): void {
    const previous = v3Status(session);
    session.decision.status = status;
    const createdAt = isoMicros(this.#now());
    const reviews = Array.isArray(session.decision.reviews) ? session.decision.reviews : [];
    reviews.push({ user: 'API Client', new_status: status, comment, created_at: createdAt });
    session.decision.reviews = reviews.slice(-100);
    this.addReview(session, {
      activity_type: 'STATUS_UPDATED',
      actor_type: actor,
      new_status: status,
      previous_status: previous,
      comment,
    });
    this.emit(session, 'status.updated');
  }

  addReview(
    session: V3Session,
    item: Pick<V3ReviewItem, 'activity_type' | 'actor_type' | 'new_status' | 'previous_status' | 'comment'>,
  ): V3ReviewItem {
    const review: V3ReviewItem = {
      uuid: crypto.randomUUID(),
      actor_display: item.actor_type === 'API_KEY' ? 'API Client' : 'System',
      created_at: isoMicros(this.#now()),
      ...item,
    };
    session.reviews.push(review);
    if (session.reviews.length > 100) session.reviews.splice(0, session.reviews.length - 100);
    return review;
  }

  #applyTemplate(session: V3Session, template: JsonObject): void {
    const next: JsonObject = cloneJson(template);
    for (const field of OWN_FIELDS) {
      const own = session.decision[field];
      if (own !== undefined) next[field] = own;
    }
    session.decision = next;
  }

  #add(session: V3Session): void {
    this.#sessions.set(session.sessionId, session);
    this.#byToken.set(session.sessionToken, session);
  }
}
