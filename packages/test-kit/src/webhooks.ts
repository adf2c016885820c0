// Signed webhook deliveries as Didit sends them, for the tests of a webhook receiver. The bodies and
// signatures are core's own (`serializeWebhookPayload`, `signWebhook`), handed in by the test: the kit
// cannot depend on core, whose own tests use it (a cycle turbo refuses).

/** Core's two signing functions (`import { serializeWebhookPayload, signWebhook } from '@didit-kit/core'`). */
export interface WebhookSigning {
  serializeWebhookPayload(payload: never): string;
  signWebhook(options: {
    body: string;
    secret: string;
    timestamp?: number;
  }): Promise<Record<string, string | undefined>>;
}

export interface SignOptions {
  /** Another secret than the sender's (a forged delivery). */
  secret?: string;
  /** Unix seconds for `X-Timestamp`. Default: now. */
  timestamp?: number;
  /** Only these signature headers (with `x-timestamp`), as a sender that signs with one scheme. Default: all. */
  only?: readonly string[];
}

export interface SignedDelivery {
  /** The raw body, exactly as sent. */
  body: string;
  /** `content-type`, `x-timestamp` and the signature headers. */
  headers: Record<string, string>;
}

export interface WebhookSender {
  readonly secret: string;
  /** The body (a payload, serialised as Didit does; a string, sent as it is) and the headers that sign it. */
  sign(payload: unknown, options?: SignOptions): Promise<SignedDelivery>;
  /** Posts `payload`, signed, to `url`. */
  deliver(url: string, payload: unknown, options?: SignOptions): Promise<Response>;
}

/** Signs and posts deliveries with `secret`, through core's signing functions. */
export function webhookSender(signing: WebhookSigning, secret: string): WebhookSender {
  const sign = async (payload: unknown, options: SignOptions = {}): Promise<SignedDelivery> => {
    const body = typeof payload === 'string' ? payload : signing.serializeWebhookPayload(payload as never);
    const signed = await signing.signWebhook({
      body,
      secret: options.secret ?? secret,
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [name, value] of Object.entries(signed)) {
      if (value === undefined) continue;
      if (options.only && name !== 'x-timestamp' && !options.only.includes(name)) continue;
      headers[name] = value;
    }
    return { body, headers };
  };
  return {
    secret,
    sign,
    async deliver(url, payload, options) {
      const { body, headers } = await sign(payload, options);
      return fetch(url, { method: 'POST', body, headers });
    },
  };
}

let counter = 0;

/** A fresh `event_id` for a v3 delivery. */
export function eventId(): string {
  return `0b7c3a10-5b6d-4e8f-9a0b-${String(++counter).padStart(12, '0')}`;
}

/** A v3 `status.updated` body for `sessionId` (Didit's shape, §4.2 of the contract); with `decision` when given. */
export function v3Event(
  sessionId: string,
  status: string,
  decision?: Record<string, unknown>,
  id = eventId(),
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    event_id: id,
    webhook_type: 'status.updated',
    timestamp: now,
    created_at: now - 5,
    session_id: sessionId,
    status,
    vendor_data: 'user-42',
    ...(decision ? { decision } : {}),
  };
}

/** A v1/v2 body (no `webhook_type`, no `event_id`). */
export function legacyEvent(sessionId: string, status: string, createdAt: number): Record<string, unknown> {
  return { session_id: sessionId, status, created_at: createdAt, timestamp: Math.floor(Date.now() / 1000) };
}
