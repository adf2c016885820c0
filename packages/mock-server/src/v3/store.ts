import { V3_FEATURE_ARRAYS } from '@didit-kit/core/server';
import { SESSION_STATUSES } from '@didit-kit/core/v3';
import { type Clock, isoMicros } from '../clock.ts';
import type { Fixture } from '../fixture-files.ts';
import type { Json, JsonObject } from '../json.ts';
import { randomToken } from '../random.ts';
import {
  MAX_REVIEWS,
  type OutcomeChoice,
  type Review,
  SessionRecords,
  type StoredSession,
  statusOf,
  tokenFromUrl,
} from '../session-store.ts';
import { V3_FIXTURE_IDS } from './fixtures.ts';
import { DEFAULT_SCENARIO, STATUS_TEMPLATES, UNFINISHED, V3_SCENARIOS, type V3Kind } from './scenarios.ts';

// Didit's v3 decision is a different document from v1's (plural feature arrays, `session_kind`,
// `environment`), so v3 sessions keep their own records, seeded from fixtures/v3/.

/** One entry of a session's review trail (`GET /v3/sessions/{id}/reviews/`). */
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

/** A v3 session: a pre-seeded fixture, or one created (or imported) through the API. */
export interface V3Session extends StoredSession {
  readonly kind: V3Kind;
  workflowVersion: number;
  /** The armed sandbox scenario (see `V3_SCENARIOS`). */
  scenario: string | undefined;
  /** Exactly what `GET /v3/session/{id}/decision/` returns. */
  decision: JsonObject;
  /** The review trail, oldest first. */
  reviewItems: V3ReviewItem[];
}

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

const FIRST_NUMBER = 70_001;

/** The v3 sessions, seeded from `fixtures/v3/*.json`. */
export class V3SessionStore extends SessionRecords<V3Session> {
  readonly statuses: readonly string[] = SESSION_STATUSES;
  readonly outcomes: readonly OutcomeChoice[] = Object.entries(V3_SCENARIOS).map(([id, { status }]) => ({
    id,
    status,
    label: `${status}: ${id}`,
  }));
  protected readonly ownFields = [
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
  ];
  /** share_token -> the shared session; and the tokens already imported. */
  readonly shares = new Map<string, { sessionId: string; expiresMs: number }>();
  readonly imported = new Set<string>();

  constructor(fixtures: readonly Fixture[], now: Clock) {
    super(fixtures, now, FIRST_NUMBER);
    this.reset();
  }

  override reset(): void {
    this.shares.clear();
    this.imported.clear();
    super.reset();
  }

  protected fromFixture(fixture: Fixture, decision: JsonObject): V3Session {
    return {
      sessionId: fixture.sessionId,
      sessionToken: tokenFromUrl(decision.session_url) ?? fixture.sessionId,
      source: 'fixture',
      kind: decision.session_kind === 'business' ? 'business' : 'user',
      workflowVersion: 1,
      scenario: undefined,
      decision,
      reviewItems: [],
    };
  }

  getByNumber(number: number): V3Session | undefined {
    return this.list().find((session) => session.decision.session_number === number);
  }

  /** The unfinished session of this workflow and `vendor_data`, which create returns again. */
  findUnfinished(workflowId: string, vendorData: string): V3Session | undefined {
    return this.list().find((session) => {
      const d = session.decision;
      return d.workflow_id === workflowId && d.vendor_data === vendorData && UNFINISHED.has(statusOf(session));
    });
  }

  create(input: NewV3Session): V3Session {
    const sessionId = crypto.randomUUID();
    // 9 random bytes: a 12-character token, as Didit's.
    const sessionToken = randomToken(9);
    const now = this.now();
    const template = this.template(
      input.kind === 'business' ? V3_FIXTURE_IDS.kybAwaitingUser : V3_FIXTURE_IDS.approved,
    );
    const decision: JsonObject = {
      session_id: sessionId,
      session_kind: input.kind,
      session_number: this.nextNumber(),
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
      source: 'api',
      kind: input.kind,
      workflowVersion: 1,
      scenario: input.scenario,
      decision,
      reviewItems: [],
    };
    // Didit's v3 webhooks start with the first status change, not on create.
    this.addCreated(session, false);
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
    this.applyTemplate(session, source.decision);
    this.update(session, { status });
    return session;
  }

  isOpen(session: V3Session): boolean {
    return UNFINISHED.has(statusOf(session));
  }

  /** `Not Started` -> `In Progress` -> the armed scenario's outcome (as if the user finished the page). */
  advance(session: V3Session): boolean {
    const status = statusOf(session);
    if (status === 'Not Started') this.transition(session, 'In Progress');
    else if (!this.finish(session)) return false;
    return true;
  }

  /** The user finished the hosted page: `outcome` (a scenario of the session's kind), else the armed one, decides. */
  finish(session: V3Session, outcome?: string): boolean {
    if (!this.isOpen(session)) return false;
    if (outcome !== undefined) return this.setOutcome(session, outcome);
    const scenario =
      (session.scenario === undefined ? undefined : V3_SCENARIOS[session.scenario]) ?? DEFAULT_SCENARIO[session.kind];
    this.transition(session, scenario.status, scenario.templateId);
    return true;
  }

  /** Arms the scenario `outcome` (of the session's kind) and gives the session its outcome now. */
  setOutcome(session: V3Session, outcome: string): boolean {
    const scenario = Object.hasOwn(V3_SCENARIOS, outcome) ? V3_SCENARIOS[outcome] : undefined;
    if (scenario === undefined || scenario.kind !== session.kind) return false;
    session.scenario = outcome;
    this.transition(session, scenario.status, scenario.templateId);
    return true;
  }

  /** A reviewer's decision through the API: the `reviews[]` entry, the new status, and a review-trail item. */
  override review(session: V3Session, review: Review): void {
    const previous = statusOf(session);
    super.review(session, review);
    this.addReviewItem(session, {
      activity_type: 'STATUS_UPDATED',
      actor_type: 'API_KEY',
      new_status: review.newStatus,
      previous_status: previous,
      comment: review.comment,
    });
  }

  addReviewItem(
    session: V3Session,
    item: Pick<V3ReviewItem, 'activity_type' | 'actor_type' | 'new_status' | 'previous_status' | 'comment'>,
  ): V3ReviewItem {
    const review: V3ReviewItem = {
      uuid: crypto.randomUUID(),
      actor_display: item.actor_type === 'API_KEY' ? 'API Client' : 'System',
      created_at: isoMicros(this.now()),
      ...item,
    };
    session.reviewItems.push(review);
    if (session.reviewItems.length > MAX_REVIEWS)
      session.reviewItems.splice(0, session.reviewItems.length - MAX_REVIEWS);
    return review;
  }

  protected templateFor(session: V3Session, status: string): string | undefined {
    return STATUS_TEMPLATES[session.kind][status];
  }
}
