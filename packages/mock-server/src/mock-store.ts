import { cloneJson, type JsonObject } from './json.ts';
import { type StoredSession, statusOf } from './session-store.ts';
import type { V1SessionStore } from './v1/store.ts';
import type { V3SessionStore } from './v3/store.ts';

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
 * feature arrays), so each keeps its own records (`v1`, `v3`, with the same verbs); reads here look
 * in both.
 */
export class MockStore {
  /** v1 sessions (`/v1/session/...`). */
  readonly v1: V1SessionStore;
  /** v3 sessions (`/v3/session/...`). */
  readonly v3: V3SessionStore;

  readonly #others: { reset(): void } | undefined;

  /** `others`: the v3 records besides sessions (Users, workflows, balance, ...), reset with them. */
  constructor(v1: V1SessionStore, v3: V3SessionStore, others?: { reset(): void }) {
    this.v1 = v1;
    this.v3 = v3;
    this.#others = others;
  }

  /** A session by id, whichever API created it. */
  get(sessionId: string): MockSessionView | undefined {
    const v3 = this.v3.get(sessionId);
    if (v3) return view('v3', v3);
    const v1 = this.v1.get(sessionId);
    return v1 && view('v1', v1);
  }

  /** Every session, v3 first, each generation's oldest first. */
  list(): MockSessionView[] {
    return [...this.v3.list().map((s) => view('v3', s)), ...this.v1.list().map((s) => view('v1', s))];
  }

  /** Back to the fixtures alone, in both generations (and the other v3 records as they started). */
  reset(): void {
    this.v1.reset();
    this.v3.reset();
    this.#others?.reset();
  }
}

function view(apiVersion: 'v1' | 'v3', session: StoredSession): MockSessionView {
  const { sessionId, decision } = session;
  return { apiVersion, sessionId, status: statusOf(session), decision: cloneJson(decision) };
}
