import { InvalidArgumentError } from '../errors.ts';
import {
  DEFAULT_DECISION_RETENTION_MS,
  type DecisionHub,
  type DecisionListener,
  type DecisionSnapshot,
  decisionSnapshot,
  sessionKey,
  snapshotTime,
} from './decision-hub.ts';
import { LocalFanout } from './local-fanout.ts';

/**
 * The commands the hub sends on its command connection: what an `ioredis` client (`new Redis(url)`)
 * has. A structural type, so `@didit-kit/core` neither depends on nor loads a Redis driver.
 */
export interface RedisCommandsLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, px: 'PX', milliseconds: number): Promise<unknown>;
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
  del(key: string): Promise<number>;
  publish(channel: string, message: string): Promise<number>;
  /** Runs a Lua script atomically: the hub stores and announces a decision only if it is not older. */
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * Stores and announces a snapshot (ARGV[1]) unless the stored one is newer: its `at`, the first
 * field of the JSON the hub writes, is read without decoding the rest. Returns what is stored.
 */
const PUBLISH_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local at = tonumber(string.match(current, '^{"at":([-%d.eE+]+)'))
  if at and at > tonumber(ARGV[2]) then return current end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('PUBLISH', KEYS[1], ARGV[1])
return ARGV[1]
`;

/** The subscriber connection (a connection in subscribe mode can send nothing else): an `ioredis` client. */
export interface RedisSubscriberLike {
  subscribe(...channels: string[]): Promise<unknown>;
  unsubscribe(...channels: string[]): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'message', listener: (channel: string, message: string) => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
  quit(): Promise<unknown>;
}

/** A client the hub can use for commands and duplicate into its own subscriber connection. */
export interface RedisClientLike extends RedisCommandsLike {
  duplicate(): RedisSubscriberLike;
}

export type RedisDecisionHubOptions = (
  | {
      /** One client: used for commands and duplicated into a subscriber connection the hub owns (and closes). */
      client: RedisClientLike;
      publisher?: undefined;
      subscriber?: undefined;
    }
  | {
      client?: undefined;
      /** The connection for commands (GET, SET, PUBLISH). */
      publisher: RedisCommandsLike;
      /** A second connection to the same Redis, used only to subscribe; yours to close. */
      subscriber: RedisSubscriberLike;
    }
) & {
  /** Prefix of every key and channel. Default `didit:`. */
  keyPrefix?: string | undefined;
  /** How long a session's latest decision is kept after its last publish, in ms. Default a day. */
  retentionMs?: number | undefined;
  /** Told about failures of the background re-sync after a reconnection (nothing is thrown there). */
  onError?: ((error: unknown) => void) | undefined;
};

/**
 * A hub shared by every server instance through Redis: the latest decision of each session is a
 * key (kept `retentionMs`), each publish goes out on the session's channel, and webhook event
 * keys are claimed with `SET NX`. A webhook received by one instance reaches event streams on
 * all of them; a stream opened later, or resumed on another instance, starts from the stored
 * latest decision.
 *
 * Pass `ioredis` clients (`npm i ioredis`):
 * `new RedisDecisionHub({ client: new Redis(process.env.REDIS_URL) })`. ioredis reconnects and
 * re-subscribes by itself after Redis restarts; on each reconnection the hub also reads the
 * latest decision of every session it has subscribers for and hands it to them again (they skip
 * a version they already have), so an update published while the subscription was down is not lost.
 */
export class RedisDecisionHub implements DecisionHub {
  readonly #fanout = new LocalFanout();
  readonly #commands: RedisCommandsLike;
  readonly #subscriber: RedisSubscriberLike;
  readonly #ownsSubscriber: boolean;
  readonly #prefix: string;
  readonly #retentionMs: number;
  readonly #onError: ((error: unknown) => void) | undefined;
  /** The SUBSCRIBE of each session with local listeners, awaited by every new listener. */
  readonly #subscribed = new Map<string, Promise<unknown>>();
  readonly #onMessage = (channel: string, message: string) => this.#received(channel, message);
  readonly #onReady = () => {
    this.#resync().catch((error: unknown) => this.#onError?.(error));
  };

  constructor(options: RedisDecisionHubOptions) {
    if (options.client) {
      this.#commands = options.client;
      this.#subscriber = options.client.duplicate();
      this.#ownsSubscriber = true;
    } else if (options.publisher && options.subscriber) {
      this.#commands = options.publisher;
      this.#subscriber = options.subscriber;
      this.#ownsSubscriber = false;
    } else {
      throw new InvalidArgumentError(
        'RedisDecisionHub: pass { client } or { publisher, subscriber } (ioredis clients)',
      );
    }
    this.#prefix = options.keyPrefix ?? 'didit:';
    const retentionMs = options.retentionMs ?? DEFAULT_DECISION_RETENTION_MS;
    if (!Number.isSafeInteger(retentionMs) || retentionMs <= 0) {
      throw new InvalidArgumentError('RedisDecisionHub: retentionMs must be a whole number > 0');
    }
    this.#retentionMs = retentionMs;
    this.#onError = options.onError;
    this.#subscriber.on('message', this.#onMessage);
    this.#subscriber.on('ready', this.#onReady);
  }

  async latest(sessionId: string): Promise<DecisionSnapshot | undefined> {
    return parse(await this.#commands.get(this.#decisionKey(sessionKey(sessionId))));
  }

  async publish(sessionId: string, decision: string, at?: number): Promise<DecisionSnapshot> {
    const key = sessionKey(sessionId);
    const snapshot = await decisionSnapshot(decision, snapshotTime(at, Date.now));
    const payload = JSON.stringify(snapshot);
    // One atomic step on Redis, across instances: compared, stored, then announced (a subscriber
    // that misses the message finds it stored).
    const stored = await this.#commands.eval(
      PUBLISH_IF_NEWER,
      1,
      this.#decisionKey(key),
      payload,
      snapshot.at,
      this.#retentionMs,
    );
    return (typeof stored === 'string' && stored !== payload ? parse(stored) : undefined) ?? snapshot;
  }

  async subscribe(sessionId: string, listener: DecisionListener): Promise<() => void> {
    const key = sessionKey(sessionId);
    if (this.#fanout.add(key, listener)) {
      this.#subscribed.set(key, this.#subscriber.subscribe(this.#decisionKey(key)));
    }
    try {
      await this.#subscribed.get(key);
    } catch (error) {
      this.#remove(key, listener);
      throw error;
    }
    return () => this.#remove(key, listener);
  }

  async claimEvent(key: string, ttlMs: number): Promise<boolean> {
    const ms = Math.max(1, Math.ceil(ttlMs));
    return (await this.#commands.set(`${this.#prefix}webhook-event:${key}`, '1', 'PX', ms, 'NX')) === 'OK';
  }

  async releaseEvent(key: string): Promise<void> {
    await this.#commands.del(`${this.#prefix}webhook-event:${key}`);
  }

  /** Stops listening; closes the subscriber connection if the hub made it (yours stay open). */
  async close(): Promise<void> {
    this.#subscriber.off('message', this.#onMessage);
    this.#subscriber.off('ready', this.#onReady);
    if (this.#ownsSubscriber) await this.#subscriber.quit();
  }

  #decisionKey(key: string): string {
    return `${this.#prefix}decision:${key}`;
  }

  #remove(key: string, listener: DecisionListener): void {
    if (!this.#fanout.remove(key, listener)) return;
    this.#subscribed.delete(key);
    this.#subscriber.unsubscribe(this.#decisionKey(key)).catch((error: unknown) => this.#onError?.(error));
  }

  #received(channel: string, message: string): void {
    const head = `${this.#prefix}decision:`;
    if (!channel.startsWith(head)) return;
    const key = channel.slice(head.length);
    if (!this.#fanout.has(key)) return;
    const snapshot = parse(message);
    if (snapshot) this.#fanout.deliver(key, snapshot);
  }

  /**
   * After a reconnection: subscribe again (idempotent; once this answers, nothing published
   * later is missed), then hand every local listener the stored latest decision.
   */
  async #resync(): Promise<void> {
    const keys = this.#fanout.keys();
    if (keys.length === 0) return;
    await this.#subscriber.subscribe(...keys.map((key) => this.#decisionKey(key)));
    await Promise.all(
      keys.map(async (key) => {
        const snapshot = parse(await this.#commands.get(this.#decisionKey(key)));
        if (snapshot) this.#fanout.deliver(key, snapshot);
      }),
    );
  }
}

/** A stored or published snapshot; anything else in the key or on the channel is ignored. */
function parse(payload: string | null): DecisionSnapshot | undefined {
  if (payload === null) return undefined;
  try {
    const value = JSON.parse(payload) as Partial<DecisionSnapshot> | null;
    if (typeof value?.decision !== 'string' || typeof value.version !== 'string') return undefined;
    // A snapshot stored by a version without `at` counts as the oldest.
    const at = typeof value.at === 'number' && Number.isFinite(value.at) ? value.at : 0;
    return { at, version: value.version, terminal: value.terminal === true, decision: value.decision };
  } catch {
    return undefined;
  }
}
