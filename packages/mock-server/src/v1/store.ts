import { SESSION_STATUSES } from '@didit-kit/core/v1';
import { type Clock, isoMicros } from '../clock.ts';
import type { Fixture } from '../fixture-files.ts';
import type { JsonObject } from '../json.ts';
import { randomToken } from '../random.ts';
import { SessionRecords, type StoredSession, statusOf, tokenFromUrl } from '../session-store.ts';
import { findOutcome, OUTCOMES, STATUS_TEMPLATES } from './outcomes.ts';

/** A v1 session: a pre-seeded fixture or one created through `POST /v1/session/`. */
export interface V1Session extends StoredSession {
  /** Exactly what `GET /v1/session/{id}/decision/` returns. */
  decision: JsonObject;
}

export interface NewV1Session {
  /** Undefined when the create left it out: the decision then has `callback: null`. */
  callback: string | undefined;
  vendorData: string;
  features: string;
  /** Builds the hosted page URL from the new session's token. */
  url: (sessionToken: string) => string;
}

/** The status after the given one on the happy path (`Not Started` -> `In Progress` -> `Approved`). */
const ADVANCE: Readonly<Record<string, string>> = {
  'Not Started': 'In Progress',
  'In Progress': 'Approved',
  'In Review': 'Approved',
};

/** Statuses in which the hosted page still offers the outcome buttons. */
const OPEN_STATUSES: ReadonlySet<string> = new Set(['Not Started', 'In Progress']);

const FIRST_SESSION_NUMBER = 60_001;

/** The v1 sessions, seeded from `fixtures/*.json` (and `fixturesDir`). */
export class V1SessionStore extends SessionRecords<V1Session> {
  readonly statuses: readonly string[] = SESSION_STATUSES;
  readonly outcomes = OUTCOMES;
  // Top-level decision fields that belong to the session itself; the rest (kyc, aml, face,
  // location, warnings, extra_images) is the verification's content and comes from a template.
  protected readonly ownFields = [
    'session_id',
    'session_number',
    'session_url',
    'vendor_data',
    'callback',
    'features',
    'reviews',
    'created_at',
  ];

  constructor(fixtures: readonly Fixture[], now: Clock) {
    super(fixtures, now, FIRST_SESSION_NUMBER);
    this.reset();
  }

  protected fromFixture(fixture: Fixture, decision: JsonObject): V1Session {
    const sessionToken = tokenFromUrl(decision.session_url) ?? fixture.sessionId;
    return { sessionId: fixture.sessionId, sessionToken, source: 'fixture', decision };
  }

  create(input: NewV1Session): V1Session {
    const sessionId = crypto.randomUUID();
    const sessionToken = randomToken(16);
    const session: V1Session = {
      sessionId,
      sessionToken,
      source: 'api',
      decision: {
        session_id: sessionId,
        session_number: this.nextNumber(),
        session_url: input.url(sessionToken),
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
        created_at: isoMicros(this.now()),
      },
    };
    // Didit's v1 webhook fires when a session starts, too.
    this.addCreated(session, true);
    return session;
  }

  isOpen(session: V1Session): boolean {
    return OPEN_STATUSES.has(statusOf(session));
  }

  advance(session: V1Session): boolean {
    const next = ADVANCE[statusOf(session)];
    if (next === undefined) return false;
    this.transition(session, next, STATUS_TEMPLATES[next]);
    return true;
  }

  /** The user picked `outcome` on the hosted page: through `In Progress` to it. */
  finish(session: V1Session, outcome?: string): boolean {
    const found = outcome === undefined ? undefined : findOutcome(outcome);
    if (found === undefined || !this.isOpen(session)) return false;
    if (statusOf(session) === 'Not Started') this.transition(session, 'In Progress', STATUS_TEMPLATES['In Progress']);
    this.transition(session, found.status, found.templateId);
    return true;
  }

  setOutcome(session: V1Session, outcome: string): boolean {
    const found = findOutcome(outcome);
    if (found === undefined) return false;
    this.transition(session, found.status, found.templateId);
    return true;
  }

  protected templateFor(_session: V1Session, status: string): string | undefined {
    return STATUS_TEMPLATES[status];
  }
}
