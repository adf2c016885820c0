import { ResponseValidationError } from './errors.ts';

const MAX_RECENT = 4;

/**
 * Keeps secrets (the API key, the client secret, the Basic credentials, the latest few access
 * tokens) out of everything an error carries: its message, its body, its cause chain. Loggers
 * and `util.inspect` print all of those.
 */
export class Redactor {
  readonly #secrets = new Set<string>();
  readonly #permanent = new Set<string>();

  /** A secret for the client's whole life (a key, the client secret). */
  add(secret: string): void {
    this.#permanent.add(secret);
    this.#secrets.add(secret);
  }

  /**
   * A short-lived secret (an access token). Only the latest few are kept (an older one can still
   * be echoed a moment later); with short-lived tokens the set would otherwise grow forever.
   */
  addRecent(secret: string): void {
    this.#secrets.add(secret);
    for (const old of this.#secrets) {
      if (this.#secrets.size <= this.#permanent.size + MAX_RECENT) break;
      if (!this.#permanent.has(old)) this.#secrets.delete(old);
    }
  }

  get isEmpty(): boolean {
    return this.#secrets.size === 0;
  }

  redact<V>(value: V): V {
    if (this.isEmpty) return value;
    if (typeof value === 'string') {
      let text: string = value;
      for (const secret of this.#secrets) text = text.split(secret).join('[redacted]');
      return text as V;
    }
    if (typeof value === 'object' && value !== null) {
      const text = JSON.stringify(value);
      const clean = this.redact(text);
      return clean === text ? value : (JSON.parse(clean) as V);
    }
    return value;
  }

  /**
   * The transport's error, kept as `cause` for debugging, unless it quotes a secret (a fetch
   * wrapper may put request headers in its message): then a copy with the secret redacted.
   */
  redactCause(error: unknown, depth = 0): unknown {
    if (this.isEmpty || depth > 5) return error;
    if (!(error instanceof Error)) return this.#redactAny(error);
    const cause = this.redactCause(error.cause, depth + 1);
    const message = this.redact(error.message);
    const stack = error.stack === undefined ? undefined : this.redact(error.stack);
    // Other own properties too: undici's parser error keeps the raw bytes it choked on in `data`.
    let changed = message !== error.message || stack !== error.stack || cause !== error.cause;
    const extras: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(error)) {
      if (key === 'cause') continue;
      extras[key] = this.#redactAny(value);
      if (extras[key] !== value) changed = true;
    }
    if (!changed) return error;
    const copy = new Error(message, error.cause === undefined ? undefined : { cause });
    copy.name = error.name;
    copy.stack = stack;
    Object.assign(copy, extras);
    return copy;
  }

  /** Any value: strings and JSON-able objects redacted, bytes that hold a secret dropped. */
  #redactAny(value: unknown): unknown {
    if (value instanceof Uint8Array) {
      return this.redact(new TextDecoder().decode(value)) === new TextDecoder().decode(value)
        ? value
        : '[redacted bytes]';
    }
    try {
      return this.redact(value);
    } catch {
      return value; // not serialisable (circular), so not something JSON logs would print either
    }
  }

  /** A 2xx body that failed validation is quoted in the message: scrub it like the rest. */
  redactValidationError(error: ResponseValidationError): ResponseValidationError {
    const message = this.redact(error.message);
    if (message === error.message) return error;
    return new ResponseValidationError(message, {
      status: error.status,
      requestId: error.requestId,
      issues: error.issues,
    });
  }
}
