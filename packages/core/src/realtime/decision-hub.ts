import { isTerminalStatus as isV1Terminal } from '../v1/schemas/statuses.ts';
import { isTerminalStatus as isV3Terminal } from '../v3/schemas/statuses.ts';

/** One version of a session's decision, as the hub stores and fans it out. */
export interface DecisionSnapshot {
  /** The decision's JSON text, as the proxy's `/decision/` route serves it. */
  readonly decision: string;
  /**
   * Opaque; the same for the same decision and different for another (a hash of `decision`), so
   * it is the event stream's `id`, the browser's `Last-Event-ID`, and the same on every instance.
   */
  readonly version: string;
  /** The decision's status is terminal (Approved, Declined, ...): the stream ends after it. */
  readonly terminal: boolean;
  /**
   * When the decision was current, in epoch ms: a webhook's signed `timestamp` (to the end of its
   * second), or when a read from Didit started. A hub never lets an older decision replace a newer one.
   */
  readonly at: number;
}

/** Called with each new snapshot of a session's decision. */
export type DecisionListener = (snapshot: DecisionSnapshot) => void;

/**
 * Where decisions meet their subscribers: the webhook handler publishes a session's latest
 * decision, the proxy's event streams subscribe to it. `MemoryDecisionHub` serves one process;
 * `RedisDecisionHub` carries a webhook received by one instance to subscribers on all of them.
 * Session ids are compared case-insensitively.
 */
export interface DecisionHub {
  /** The latest decision published for this session (within its retention), if any. */
  latest(sessionId: string): Promise<DecisionSnapshot | undefined>;
  /**
   * Stores `decision` (JSON text), current at `at` (epoch ms, default now), as the session's latest
   * and tells every subscriber, on every instance, unless the stored one is newer (a later `at`):
   * a delivery Didit retried after a newer one must not undo it. Resolves to the session's latest
   * snapshot afterwards: the new one, or the newer one that was kept (compare `at`).
   */
  publish(sessionId: string, decision: string, at?: number): Promise<DecisionSnapshot>;
  /**
   * Calls `listener` with each snapshot published for this session from now on (and again with
   * the latest after a lost connection to a shared store is restored: compare `version`).
   * Resolves once the subscription is live, with the function that ends it.
   */
  subscribe(sessionId: string, listener: DecisionListener): Promise<() => void>;
  /**
   * Records a webhook event key for `ttlMs`; true the first time, false while it is remembered.
   * Atomic across instances, so a delivery retried to another instance is still seen once.
   */
  claimEvent(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets a claimed key (its processing failed), so a redelivery is processed. */
  releaseEvent(key: string): Promise<void>;
}

/** How long a session's latest decision is kept by default: a day, past any verification flow. */
export const DEFAULT_DECISION_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The snapshot of a decision's JSON text: its version is a SHA-256 of the text (WebCrypto, any runtime). */
export async function decisionSnapshot(decision: string, at: number = Date.now()): Promise<DecisionSnapshot> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(decision)));
  let version = '';
  // 96 bits: collisions between two decisions of one session are not a practical concern.
  for (const byte of digest.subarray(0, 12)) version += byte.toString(16).padStart(2, '0');
  return { at, version, terminal: isTerminal(statusOf(decision)), decision };
}

/** `at`, checked: a finite epoch-ms number (a hub compares it), else now. */
export function snapshotTime(at: number | undefined, now: () => number): number {
  return typeof at === 'number' && Number.isFinite(at) ? at : now();
}

/** A hub carries decisions of either generation (their terminal statuses are the same today). */
function isTerminal(status: string | undefined): boolean {
  return isV3Terminal(status) || isV1Terminal(status);
}

function statusOf(decision: string): string | undefined {
  try {
    const status = (JSON.parse(decision) as { status?: unknown } | null)?.status;
    return typeof status === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}

/** Session ids are UUIDs: one spelling per session for keys and channels. */
export function sessionKey(sessionId: string): string {
  return sessionId.toLowerCase();
}
