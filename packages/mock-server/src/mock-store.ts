import { cloneJson, type JsonObject } from './json.ts';
import { type MockSession, type SessionStore, statusOf } from './store.ts';
import { type V3Session, type V3Store, v3Status } from './v3-store.ts';

/** One session as a test reads it: its generation, status and decision (a copy). */
export interface MockSessionView {
  readonly apiVersion: 'v1' | 'v3';
  readonly sessionId: string;
  readonly status: string;
  /** What the generation's decision route returns for it. */
  readonly decision: JsonObject;
}

/**
 * Every session the mock holds, v1 and v3, behind one object: fixtures and sessions created through
 * either API, reset together. The two generations' decisions are different documents (v3's plural
 * feature arrays), so each keeps its own records (`v1`, `v3`); reads here look in both.
 */
export class MockStore {
  /** v1 sessions (`/v1/session/...`). */
  readonly v1: SessionStore;
  /** v3 sessions (`/v3/session/...`). */
  readonly v3: V3Store;

  constructor(v1: SessionStore, v3: V3Store) {
    this.v1 = v1;
    this.v3 = v3;
  }

  /** A session by id, whichever API created it. */
  get(sessionId: string): MockSessionView | undefined {
    const v3 = this.v3.get(sessionId);
    if (v3) return viewV3(v3);
    const v1 = this.v1.get(sessionId);
    return v1 && viewV1(v1);
  }

  /** Every session, v3 first. */
  list(): MockSessionView[] {
    return [...this.v3.list().map(viewV3), ...this.v1.list().map(viewV1)];
  }

  /** Back to the fixtures alone, in both generations. */
  reset(): void {
    this.v1.reset();
    this.v3.reset();
  }
}

function viewV1(session: MockSession): MockSessionView {
  const { sessionId, decision } = session;
  return { apiVersion: 'v1', sessionId, status: statusOf(session), decision: cloneJson(decision) };
}

function viewV3(session: V3Session): MockSessionView {
  const { sessionId, decision } = session;
  return { apiVersion: 'v3', sessionId, status: v3Status(session), decision: cloneJson(decision) };
}
