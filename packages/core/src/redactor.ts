import { ResponseValidationError } from './errors.ts';
import { unquotedBodyOf } from './not-json-error.ts';

const MAX_RECENT = 4;

/**
 * Shorter secrets are not used as patterns: replacing every `a` (or every `"`) in a message
 * would garble it while hiding nothing a reader could not guess. Didit's keys, client secrets
 * and tokens are far longer.
 */
export const MIN_REDACTED_LENGTH = 8;

/** How much of a body that is not JSON an error quotes. */
const MAX_QUOTED = 80;

/** A secret's start this long or longer, left at the end of a cut text, is masked too. */
const MIN_MASKED_PREFIX = 3;

/** Past this depth a value is replaced rather than walked (a hostile body nested a million deep). */
const MAX_DEPTH = 64;

/**
 * Keeps secrets (the API key, the client secret, the Basic credentials, the latest few access
 * tokens) out of everything an error carries: its message, its body, its cause chain. Loggers
 * and `util.inspect` print all of those.
 *
 * It works on values, not on serialised text: a parsed body is walked and the secrets are cut out
 * of its strings, keys included, so a secret holding `"` or `\` (escaped in JSON text) is found,
 * and no secret, however odd, can make a body unparseable. It never throws.
 */
export class Redactor {
  readonly #secrets = new Set<string>();
  readonly #permanent = new Set<string>();
  /** Each secret, and its JSON-escaped form (a message may quote a body as JSON), longest first. */
  #patterns: string[] = [];

  /** A secret for the client's whole life (a key, the client secret). */
  add(secret: string): void {
    if (secret.length < MIN_REDACTED_LENGTH) return;
    this.#permanent.add(secret);
    this.addRecent(secret);
  }

  /**
   * A short-lived secret (an access token). Only the latest few are kept (an older one can still
   * be echoed a moment later); with short-lived tokens the set would otherwise grow forever.
   */
  addRecent(secret: string): void {
    if (secret.length < MIN_REDACTED_LENGTH) return;
    this.#secrets.add(secret);
    for (const old of this.#secrets) {
      if (this.#secrets.size <= this.#permanent.size + MAX_RECENT) break;
      if (!this.#permanent.has(old)) this.#secrets.delete(old);
    }
    this.#patterns = [...this.#secrets]
      .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
      .sort((a, b) => b.length - a.length);
  }

  get isEmpty(): boolean {
    return this.#patterns.length === 0;
  }

  /** True when `text` holds a secret. */
  holdsSecret(text: string): boolean {
    return this.#patterns.some((pattern) => text.includes(pattern));
  }

  /**
   * The first `max` characters of `text` (with `…` when cut), redacted before it is cut, so a
   * secret that straddles the cut cannot survive as a prefix: the cut end is also masked when it is
   * the start (3 characters or more) of a secret.
   */
  truncate(text: string, max: number): string {
    const clean = this.redact(text);
    if (clean.length <= max) return clean;
    let cut = clean.slice(0, max);
    for (const pattern of this.#patterns) {
      for (let length = Math.min(pattern.length - 1, cut.length); length >= MIN_MASKED_PREFIX; length--) {
        if (cut.endsWith(pattern.slice(0, length))) {
          cut = `${cut.slice(0, -length)}[redacted]`;
          return `${cut}…`;
        }
      }
    }
    return `${cut}…`;
  }

  /**
   * `value` without the secrets: a string with each one replaced; an array or object copied with
   * its strings and keys redacted (the very value when nothing changed); bytes that hold a
   * secret dropped; an `Error` (a transport's, kept as `cause`) copied with its message, stack,
   * cause chain and other properties redacted (a Node HTTP parser error keeps the raw bytes it
   * choked on in `data`).
   */
  redact<V>(value: V): V {
    return this.isEmpty ? value : (this.#walk(value, 0, new Set()) as V);
  }

  /**
   * A 2xx body that failed validation: scrubbed like the rest, and when it was not JSON, the
   * start of it quoted in the message, redacted before it is cut (see `truncate`).
   */
  redactValidationError(error: ResponseValidationError): ResponseValidationError {
    const body = unquotedBodyOf(error);
    const quote = body === undefined ? '' : `, got ${JSON.stringify(this.truncate(body, MAX_QUOTED))}`;
    const message = this.redact(error.message) + quote;
    const issues = this.redact(error.issues);
    if (message === error.message && issues === error.issues) return error;
    return new ResponseValidationError(message, { status: error.status, requestId: error.requestId, issues });
  }

  /** `ancestors` holds the objects on the way here: a cycle is cut, not followed. */
  #walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
    if (typeof value === 'string') {
      let text = value;
      for (const pattern of this.#patterns) text = text.split(pattern).join('[redacted]');
      return text;
    }
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof Uint8Array) {
      const text = new TextDecoder().decode(value);
      return this.#walk(text, 0, ancestors) === text ? value : '[redacted bytes]';
    }
    if (ancestors.has(value) || depth > MAX_DEPTH) return '[omitted]';
    ancestors.add(value);
    try {
      const error = value instanceof Error ? value : undefined;
      // An object as JSON shows it: its own enumerable properties; an error's message, stack and cause too.
      const entries: [string, unknown][] = Object.entries(value);
      if (error) entries.push(['message', error.message], ['stack', error.stack], ['cause', error.cause]);
      let changed = false;
      const copy = (Array.isArray(value) ? [] : {}) as Record<string, unknown>;
      for (const [key, item] of entries) {
        const cleanKey = this.#walk(key, 0, ancestors) as string;
        const clean = this.#walk(item, depth + 1, ancestors);
        if (cleanKey !== key || clean !== item) changed = true;
        copy[cleanKey] = clean;
      }
      if (!changed) return value;
      if (!error) return copy;
      const { message, stack, cause, ...extras } = copy;
      const redacted = new Error(message as string, error.cause === undefined ? undefined : { cause });
      redacted.name = error.name;
      redacted.stack = stack as string | undefined;
      return Object.assign(redacted, extras);
    } catch {
      return '[omitted]'; // a getter that throws, a revoked proxy: not shown at all
    } finally {
      ancestors.delete(value);
    }
  }
}
