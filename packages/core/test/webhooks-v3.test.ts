import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  isLegacyWebhookEvent,
  isV3WebhookEvent,
  type KnownWebhookType,
  type LegacyWebhookEvent,
  type SessionDecision,
  type SessionStatusUpdatedEvent,
  serializeWebhookPayload,
  signWebhook,
  type TransactionStatusUpdatedEvent,
  type UnknownWebhookEvent,
  type V3WebhookEvent,
  type VerifyWebhookOptions,
  type v1,
  verifyWebhook,
  WEBHOOK_TYPES,
  type WebhookEvent,
  WebhookVerificationError,
  type WebhookVerificationReason,
  webhookEventSchema,
} from '../src/index.ts';

// v3 deliveries: the event union, freshness from the signed body, rotation, the size bound and the
// order of the work (a forged delivery must cost little), and Didit's golden fixture.

const SECRET = 'whsec_v3_test_1f4e7a2c9b';
const OLD_SECRET = 'whsec_v3_old_8d3b6e0a5c';
const NOW_SEC = 1_767_225_600;
const NOW = NOW_SEC * 1000;
const SESSION_ID = '3b9d6f1e-2a4c-4e8b-9d7f-6a5c4b3e2d1f';

function envelope(webhook_type: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b',
    webhook_type,
    timestamp: NOW_SEC,
    created_at: NOW_SEC - 6,
    application_id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    environment: 'live',
    ...fields,
  };
}

const v3Decision = {
  session_id: SESSION_ID,
  session_kind: 'user',
  status: 'Approved',
  features: ['ID_VERIFICATION'],
  id_verifications: [{ node_id: 'feature_ocr_1', status: 'Approved', first_name: 'José', warnings: [] }],
  reviews: [],
};

const sessionEvent = (type = 'status.updated', fields: Record<string, unknown> = {}) =>
  envelope(type, {
    session_id: SESSION_ID,
    status: 'Approved',
    workflow_id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    workflow_version: 3,
    vendor_data: 'user-Zoë',
    metadata: { plan: 'pro' },
    decision: v3Decision,
    ...fields,
  });

async function signed(payload: unknown, options: { header?: number; secret?: string | string[] } = {}) {
  const body = serializeWebhookPayload(payload);
  return {
    body,
    headers: await signWebhook({ body, secret: options.secret ?? SECRET, timestamp: options.header ?? NOW_SEC }),
  };
}

type Headers = Record<string, string | undefined>;
const only = (headers: Headers, ...names: string[]) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name === 'x-timestamp' || names.includes(name)));

async function outcome(options: Partial<VerifyWebhookOptions> & Pick<VerifyWebhookOptions, 'body' | 'headers'>) {
  return verifyWebhook({ secret: SECRET, now: NOW, ...options }).then(
    (event) => ({ event }),
    (error: unknown) => {
      expect(error).toBeInstanceOf(WebhookVerificationError);
      return { reason: (error as WebhookVerificationError).reason, message: (error as Error).message };
    },
  );
}

describe('freshness comes from the signed body, not from X-Timestamp', () => {
  const THIRTY_DAYS = 30 * 86_400;

  it.each([
    ['X-Signature', ['x-signature']],
    ['X-Signature-V2 (beside Simple)', ['x-signature-v2', 'x-signature-simple']],
    ['X-Signature-Simple', ['x-signature-simple']],
    ['all three', ['x-signature', 'x-signature-v2', 'x-signature-simple']],
  ])('a body signed 30 days ago, re-sent with a fresh X-Timestamp and %s, is stale', async (_name, names) => {
    const old = await signed(sessionEvent('status.updated', { timestamp: NOW_SEC - THIRTY_DAYS }), {
      header: NOW_SEC - THIRTY_DAYS,
    });
    // The replay: the captured body and signatures, a new X-Timestamp.
    const headers = { ...only(old.headers, ...names), 'x-timestamp': String(NOW_SEC) };
    expect(await outcome({ body: old.body, headers })).toMatchObject({ reason: 'stale' });
  });

  it('X-Timestamp cannot freshen it, whatever the tolerance on the header', async () => {
    const old = await signed(sessionEvent('status.updated', { timestamp: NOW_SEC - 301 }));
    expect(await outcome(old)).toMatchObject({ reason: 'stale', message: expect.stringMatching(/301 s old/) });
    await expect(verifyWebhook({ ...old, secret: SECRET, now: NOW - 1000 })).resolves.toBeDefined();
    expect(await outcome({ ...old, toleranceSec: Number.POSITIVE_INFINITY })).toHaveProperty('event');
  });

  it('accepts a body up to toleranceSec old, and refuses a body from the future as a clock problem', async () => {
    const recent = await signed(sessionEvent('status.updated', { timestamp: NOW_SEC - 300 }));
    expect(await outcome(recent)).toHaveProperty('event');
    const ahead = await signed(sessionEvent('status.updated', { timestamp: NOW_SEC + 301 }));
    expect(await outcome(ahead)).toMatchObject({ reason: 'timestamp_in_future' });
  });

  it('falls back to created_at when the body has no timestamp, and refuses a body with neither', async () => {
    const fresh = await signed({ webhook_type: 'kyc.new_thing', event_id: 'e', created_at: NOW_SEC - 10 });
    expect(await outcome(fresh)).toHaveProperty('event');
    const old = await signed({ webhook_type: 'kyc.new_thing', event_id: 'e', created_at: NOW_SEC - 3600 });
    expect(await outcome(old)).toMatchObject({ reason: 'stale' });
    const timeless = await signed({ webhook_type: 'kyc.new_thing', event_id: 'e' });
    expect(await outcome(timeless)).toMatchObject({ reason: 'stale' });
  });

  it('still refuses an old X-Timestamp before any signature work (timestamp_too_old)', async () => {
    const old = await signed(sessionEvent(), { header: NOW_SEC - 301 });
    expect(await outcome(old)).toMatchObject({ reason: 'timestamp_too_old' });
  });
});

describe('rotation', () => {
  const payload = sessionEvent('status.updated', { status: 'Declined' });

  it('accepts any one of several secrets', async () => {
    for (const secret of [SECRET, OLD_SECRET]) {
      const delivery = await signed(payload, { secret });
      expect(await outcome({ ...delivery, secret: [SECRET, OLD_SECRET] })).toHaveProperty('event');
      expect(await outcome({ ...delivery, secret: [OLD_SECRET, SECRET] })).toHaveProperty('event');
    }
    const delivery = await signed(payload, { secret: 'a third secret' });
    expect(await outcome({ ...delivery, secret: [SECRET, OLD_SECRET] })).toMatchObject({ reason: 'invalid_signature' });
  });

  it.each([
    ['X-Signature-Previous', 'x-signature-previous'],
    ['X-Signature-V2-Previous', 'x-signature-v2-previous'],
    ['X-Signature-Simple-Previous', 'x-signature-simple-previous'],
  ])('accepts %s alone, with the old secret among the secrets (and only then)', async (name, header) => {
    const { body, headers } = await signed(payload, { secret: [SECRET, OLD_SECRET] });
    const sent: Record<string, string> = {
      'X-Timestamp': headers['x-timestamp'],
      [name]: headers[header as keyof typeof headers]!,
    };
    // X-Signature-V2(-Previous) counts beside a valid X-Signature-Simple(-Previous), as Didit sends them.
    if (header === 'x-signature-v2-previous')
      sent['X-Signature-Simple-Previous'] = headers['x-signature-simple-previous']!;
    expect(await outcome({ body, headers: sent, secret: [SECRET, OLD_SECRET] })).toHaveProperty('event');
    expect(await outcome({ body, headers: sent, secret: OLD_SECRET })).toHaveProperty('event');
    expect(await outcome({ body, headers: sent, secret: SECRET })).toMatchObject({ reason: 'invalid_signature' });
  });

  it('accepts a delivery whose current signatures are wrong while a -Previous one is right', async () => {
    const { body, headers } = await signed(payload, { secret: [SECRET, OLD_SECRET] });
    const wrong = '0'.repeat(64);
    const sent = {
      ...headers,
      'x-signature': wrong,
      'x-signature-v2': wrong,
      'x-signature-simple': wrong,
      'x-signature-simple-previous': wrong,
    };
    expect(await outcome({ body, headers: sent, secret: OLD_SECRET })).toHaveProperty('event');
  });
});

describe('the event union', () => {
  it('has a variant for every v3 event type, and switch narrows to it', async () => {
    expect(WEBHOOK_TYPES).toHaveLength(10);
    for (const type of WEBHOOK_TYPES) {
      const session = type === 'status.updated' || type === 'data.updated';
      const payload = session
        ? sessionEvent(type)
        : envelope(type, { status: 'APPROVED', vendor_data: 'u-1', extra: 1 });
      const { event } = (await outcome(await signed(payload))) as { event: WebhookEvent };
      expect(isV3WebhookEvent(event), type).toBe(true);
      expect(isLegacyWebhookEvent(event)).toBe(false);
      if (!isV3WebhookEvent(event)) continue;
      expectTypeOf(event.webhook_type).toEqualTypeOf<KnownWebhookType>();
      expect(event).toMatchObject({ webhook_type: type, event_id: payload.event_id, timestamp: NOW_SEC });
      switch (event.webhook_type) {
        case 'status.updated':
        case 'data.updated':
          expectTypeOf(event.decision).toEqualTypeOf<SessionDecision | null | undefined>();
          expect(event.decision?.id_verifications?.[0]?.first_name).toBe('José');
          expect(event.session_id).toBe(SESSION_ID);
          break;
        case 'transaction.status.updated':
          expectTypeOf(event).toEqualTypeOf<TransactionStatusUpdatedEvent>();
          expect(event.status).toBe('APPROVED');
          break;
        default:
          expect(event.vendor_data).toBe('u-1');
          // The rest of the body is kept (loose), read with rawFields.
          expect((event as unknown as { extra: number }).extra).toBe(1);
      }
    }
  });

  it('parses a type it does not know as the open variant, envelope and all', async () => {
    const payload = envelope('kyc.new_thing', { session_id: SESSION_ID, status: 'Approved', more: [1] });
    const { event } = (await outcome(await signed(payload))) as { event: WebhookEvent };
    expect(isV3WebhookEvent(event)).toBe(false);
    expect(isLegacyWebhookEvent(event)).toBe(false);
    const unknown = event as UnknownWebhookEvent;
    expect(unknown).toMatchObject({ webhook_type: 'kyc.new_thing', event_id: payload.event_id, status: 'Approved' });
    expect(unknown).toEqual(payload);
  });

  it('accepts a v1 body (no webhook_type) and a v2 one (status.updated without event_id), with v1 decisions', async () => {
    const v1Decision = { session_id: SESSION_ID, status: 'Declined', kyc: { status: 'Declined', first_name: 'Zoë' } };
    const v1Body = {
      session_id: SESSION_ID,
      status: 'Declined',
      created_at: NOW_SEC - 60,
      timestamp: NOW_SEC,
      vendor_data: 'v',
      decision: v1Decision,
    };
    for (const payload of [v1Body, { ...v1Body, webhook_type: 'status.updated', workflow_id: 'w', metadata: {} }]) {
      const { event } = (await outcome(await signed(payload))) as { event: WebhookEvent };
      expect(isLegacyWebhookEvent(event)).toBe(true);
      expect(isV3WebhookEvent(event)).toBe(false);
      const legacy = event as LegacyWebhookEvent;
      const decision = legacy.decision!;
      expect('kyc' in decision).toBe(true);
      if ('kyc' in decision) {
        expectTypeOf(decision).toEqualTypeOf<v1.SessionDecision>();
        expect(decision.kyc?.first_name).toBe('Zoë');
        // v1's schema fills its lists.
        expect(decision.warnings).toEqual([]);
      }
    }
  });

  it('chooses the decision schema by its shape: a v2 delivery with a v3-shaped decision gets a v3 decision', async () => {
    const payload = {
      session_id: SESSION_ID,
      status: 'Approved',
      timestamp: NOW_SEC,
      webhook_type: 'status.updated',
      decision: v3Decision,
    };
    const { event } = (await outcome(await signed(payload))) as { event: LegacyWebhookEvent };
    expect(isLegacyWebhookEvent(event)).toBe(true);
    // Read with the v1 schema it would have "passed" with warnings: [] and no feature arrays.
    expect(event.decision).toEqual(v3Decision);
  });

  it('never refuses a signed delivery over its decision: one that fits no schema is kept as unparsed_decision', async () => {
    for (const decision of [{ kyc: { status: 'Approved' } }, { foo: 1 }, 'a string', [1, 2], 42]) {
      const { event } = (await outcome(await signed(sessionEvent('status.updated', { decision })))) as {
        event: SessionStatusUpdatedEvent;
      };
      expect(event.webhook_type).toBe('status.updated');
      expect('decision' in event).toBe(false);
      expect(event.unparsed_decision).toEqual(decision);
      expectTypeOf(event.unparsed_decision).toBeUnknown();
    }
    const nullDecision = (await outcome(await signed(sessionEvent('status.updated', { decision: null })))) as {
      event: SessionStatusUpdatedEvent;
    };
    expect(nullDecision.event.decision).toBeNull();
  });

  it('refuses a known v3 type whose envelope is broken (invalid_payload, with the path)', async () => {
    const result = await verifyWebhook({
      ...(await signed(sessionEvent('status.updated', { session_id: 42 }))),
      secret: SECRET,
      now: NOW,
    }).catch((e: WebhookVerificationError) => e);
    expect(result).toMatchObject({ reason: 'invalid_payload' });
    expect((result as WebhookVerificationError).issues.map((i) => i.path.join('.'))).toContain('session_id');
  });

  it('webhookEventSchema parses the same union', () => {
    const event = webhookEventSchema.parse(sessionEvent());
    expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    expect(isV3WebhookEvent(event)).toBe(true);
    expect(webhookEventSchema.safeParse({ webhook_type: 1 }).success).toBe(false);
    expect(webhookEventSchema.safeParse([]).success).toBe(false);
  });

  it('X-Signature-Simple alone: only the covered fields, no event_id (it is not signed), so not a v3 variant', async () => {
    const { body, headers } = await signed(sessionEvent());
    const { event } = (await outcome({ body, headers: only(headers, 'x-signature-simple') })) as {
      event: WebhookEvent;
    };
    expect(event).toEqual({
      session_id: SESSION_ID,
      status: 'Approved',
      webhook_type: 'status.updated',
      timestamp: NOW_SEC,
    });
    expect(isV3WebhookEvent(event)).toBe(false);
  });

  it('types: the union narrows once the open variant is set aside', () => {
    expectTypeOf<
      Extract<V3WebhookEvent, { webhook_type: 'status.updated' }>
    >().toEqualTypeOf<SessionStatusUpdatedEvent>();
    expectTypeOf<WebhookEvent>().toEqualTypeOf<V3WebhookEvent | LegacyWebhookEvent | UnknownWebhookEvent>();
  });
});

describe("Didit's golden fixture (the WordPress plugin's, contract section 4.2)", () => {
  const body =
    '{"application_id":"11111111-2222-3333-4444-555555555555","created_at":1774969994,"environment":"live","event_id":"9c0c8b8a-1111-4222-9333-444444444444","metadata":{"wp_user_id":42},"session_id":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","status":"Declined","timestamp":1774970000,"vendor_data":"wp-42","webhook_type":"status.updated","workflow_id":"22222222-3333-4444-5555-666666666666","workflow_version":4}';
  const secret = 'wh_test_secret_9f2c4b8e1a7d';
  const signatures = {
    'X-Signature': '1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63',
    'X-Signature-V2': '1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63',
    'X-Signature-Simple': 'ea157dba351b4c0f93fdaacd85059d494fd7696b3993c7a6707c2593d0fb4c74',
  };
  const now = 1_774_970_000_000;

  it('refuses X-Signature-V2 alone, saying it counts beside X-Signature-Simple', async () => {
    const headers = { 'X-Timestamp': '1774970000', 'X-Signature-V2': signatures['X-Signature-V2'] };
    await expect(verifyWebhook({ body, headers, secret, now })).rejects.toMatchObject({
      reason: 'invalid_signature',
      message: expect.stringContaining('beside a valid X-Signature-Simple'),
    });
  });

  it.each(Object.entries(signatures))('verifies with %s (V2 beside Simple)', async (name, value) => {
    const headers: Record<string, string> = { 'X-Timestamp': '1774970000', [name]: value };
    if (name === 'X-Signature-V2') headers['X-Signature-Simple'] = signatures['X-Signature-Simple'];
    const event = await verifyWebhook({ body, headers, secret, now });
    expect(event).toMatchObject({ session_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', status: 'Declined' });
    if (name !== 'X-Signature-Simple') {
      expect(isV3WebhookEvent(event) && event.webhook_type === 'status.updated' && event.metadata).toEqual({
        wp_user_id: 42,
      });
    }
  });

  it('signWebhook gives the same three signatures', async () => {
    const headers = await signWebhook({ body, secret, timestamp: 1_774_970_000 });
    expect(headers).toEqual(
      Object.fromEntries([
        ['x-timestamp', '1774970000'],
        ...Object.entries(signatures).map(([k, v]) => [k.toLowerCase(), v]),
      ]),
    );
  });

  it('is stale ten minutes later, whatever X-Timestamp says', async () => {
    const later = now + 600_000;
    const headers = { 'X-Timestamp': String(later / 1000), ...signatures };
    expect(await outcome({ body, headers, secret, now: later })).toMatchObject({ reason: 'stale' });
  });
});

describe('the size bound', () => {
  const bogus = { 'x-timestamp': String(NOW_SEC), 'x-signature-v2': 'ab'.repeat(32) };

  it('refuses a body over maxBodyBytes (default 1 MiB) before anything else, headers included', async () => {
    expect(DEFAULT_WEBHOOK_MAX_BODY_BYTES).toBe(1024 * 1024);
    const big = 'x'.repeat(DEFAULT_WEBHOOK_MAX_BODY_BYTES + 1);
    expect(await outcome({ body: big, headers: bogus })).toMatchObject({ reason: 'too_large' });
    expect(await outcome({ body: big, headers: {} })).toMatchObject({ reason: 'too_large' });
    expect(await outcome({ body: Buffer.from(big), headers: {} })).toMatchObject({ reason: 'too_large' });
    expect(await outcome({ body: new TextEncoder().encode(big).buffer, headers: {} })).toMatchObject({
      reason: 'too_large',
    });
    // At the bound, the body goes on to the signature check.
    expect(await outcome({ body: big.slice(1), headers: bogus })).toMatchObject({ reason: 'invalid_signature' });
  });

  it('counts UTF-8 bytes, not characters, and honours maxBodyBytes', async () => {
    // Raw UTF-8, as a framework may re-serialise it (X-Signature-V2 still holds).
    const body = JSON.stringify(sessionEvent('status.updated', { vendor_data: 'é'.repeat(600) }));
    const delivery = { body, headers: await signWebhook({ body, secret: SECRET, timestamp: NOW_SEC }) };
    const size = new TextEncoder().encode(delivery.body).length;
    expect(delivery.body.length).toBeLessThan(size);
    expect(await outcome({ ...delivery, maxBodyBytes: size })).toHaveProperty('event');
    expect(await outcome({ ...delivery, maxBodyBytes: size - 1 })).toMatchObject({ reason: 'too_large' });
    // A body of multi-byte characters: under the bound in UTF-16 units, over it in bytes.
    const wide = JSON.stringify({ text: '€'.repeat(500) });
    expect(await outcome({ body: wide, headers: bogus, maxBodyBytes: 1000 })).toMatchObject({ reason: 'too_large' });
  });
});

describe('the order of the work: a forged delivery costs little', () => {
  /** Milliseconds `verifyWebhook` takes to refuse, and why. */
  async function timeRefusal(
    body: string | Uint8Array,
    headers: Headers,
  ): Promise<[number, WebhookVerificationReason]> {
    const started = performance.now();
    const error = await verifyWebhook({ body, headers, secret: SECRET, now: NOW }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return [elapsed, (error as WebhookVerificationError).reason];
  }
  const bogusV2 = { 'x-timestamp': String(NOW_SEC), 'x-signature-v2': 'ab'.repeat(32) };

  it('parses nothing for a forged X-Signature alone', async () => {
    const { body } = await signed(sessionEvent());
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const result = await outcome({
        body,
        headers: { 'x-timestamp': String(NOW_SEC), 'x-signature': 'cd'.repeat(32) },
      });
      expect(result).toMatchObject({ reason: 'invalid_signature' });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('bounds the nesting only for X-Signature-V2: a deep body still verifies by its raw bytes', async () => {
    const deep = `{"session_id":"s","status":"Approved","timestamp":${NOW_SEC},"metadata":${'['.repeat(100)}${']'.repeat(100)}}`;
    const headers = await signWebhook({ body: deep, secret: SECRET, timestamp: NOW_SEC });
    expect(await outcome({ body: deep, headers: only(headers, 'x-signature') })).toHaveProperty('event');
    expect(await outcome({ body: deep, headers: only(headers, 'x-signature-v2', 'x-signature-simple') })).toMatchObject(
      { reason: 'invalid_signature' },
    );
  });

  it('parses and canonicalises nothing for a forged delivery carrying all three signatures', async () => {
    const { body } = await signed(sessionEvent());
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const bogus = 'cd'.repeat(32);
      const headers = {
        'x-timestamp': String(NOW_SEC),
        'x-signature': bogus,
        'x-signature-v2': bogus,
        'x-signature-simple': bogus,
      };
      expect(await outcome({ body, headers })).toMatchObject({ reason: 'invalid_signature' });
      // Only the literals of the fields X-Signature-Simple covers are decoded, never the body.
      expect(parse.mock.calls.map(([text]) => String(text))).toEqual([
        '"3b9d6f1e-2a4c-4e8b-9d7f-6a5c4b3e2d1f"',
        '"Approved"',
        '"status.updated"',
      ]);
    } finally {
      parse.mockRestore();
    }
  });

  it('refuses a body nested past the bound with a forged X-Signature-Simple without parsing it', async () => {
    const half = 500_000;
    const deep = `{"session_id":"s","status":"Approved","timestamp":${NOW_SEC},"x":${'['.repeat(half)}${']'.repeat(half)}}`;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const headers = { 'x-timestamp': String(NOW_SEC), 'x-signature-simple': 'ab'.repeat(32) };
      expect(await outcome({ body: deep, headers })).toMatchObject({ reason: 'invalid_signature' });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  /** Arrays nested 60 deep (under every depth bound), repeated to `bytes`: costly to canonicalise. */
  const nestedArrays = (bytes: number) => {
    const unit = `${'['.repeat(60)}${']'.repeat(60)}`;
    return `[${Array.from({ length: Math.floor(bytes / (unit.length + 1)) }, () => unit).join(',')}]`;
  };

  it('refuses a hostile 12 MB body in under 50 ms (as a string and as bytes)', async () => {
    await timeRefusal('{}', bogusV2); // warm-up: module and WebCrypto set-up are not the point
    // The verifier this replaced parsed and canonicalised all of it: about 12 s.
    const hostile = nestedArrays(12_000_000);
    const bytes = new TextEncoder().encode(hostile);
    for (const body of [hostile, bytes]) {
      const [ms, reason] = await timeRefusal(body, bogusV2);
      expect(reason).toBe('too_large');
      expect(ms, `${ms.toFixed(1)} ms`).toBeLessThan(50);
    }
  });

  it('refuses an unsigned 1 MB body nested deeper than the bound with a bogus X-Signature-V2 in under 50 ms', async () => {
    await timeRefusal('{}', bogusV2);
    const half = 500_000;
    const [ms, reason] = await timeRefusal(`${'['.repeat(half)}${']'.repeat(half)}`, bogusV2);
    expect(reason).toBe('invalid_signature');
    expect(ms, `${ms.toFixed(1)} ms`).toBeLessThan(50);
  });

  it('refuses an unsigned 1 MB body of nested arrays under the depth bound, with a bogus X-Signature-V2, fast', async () => {
    // Under the depth bound, so the whole megabyte is read and canonicalised (once, for V2 and Simple).
    const body = nestedArrays(1_000_000);
    await timeRefusal('{}', bogusV2);
    const [ms, reason] = await timeRefusal(body, { ...bogusV2, 'x-signature-simple': 'ab'.repeat(32) });
    expect(reason).toBe('invalid_signature');
    // Generous for a loaded machine; the verifier this replaced took about a second here.
    expect(ms, `${ms.toFixed(1)} ms`).toBeLessThan(250);
  });
});

describe("verifyWebhook with apiVersion: 'v1'", () => {
  it('types a v1 delivery as LegacyWebhookEvent, with no narrowing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = serializeWebhookPayload({
      session_id: '3b9d6f1e-2a4c-4e8b-9d7f-6a5c4b3e2d1f',
      status: 'Approved',
      created_at: now - 60,
      timestamp: now,
    });
    const headers = await signWebhook({ body, secret: SECRET });
    const event = await verifyWebhook({ body, headers, secret: SECRET, apiVersion: 'v1' });
    expectTypeOf(event).toEqualTypeOf<LegacyWebhookEvent>();
    expect(event.session_id).toBe('3b9d6f1e-2a4c-4e8b-9d7f-6a5c4b3e2d1f');
    expect(event.status).toBe('Approved');
  });

  it('refuses a v3 delivery with a message that names the v1 type and the two fixes', async () => {
    const { body, headers } = await signed(sessionEvent('status.updated'));
    await expect(verifyWebhook({ body, headers, secret: SECRET, apiVersion: 'v1', now: NOW })).rejects.toMatchObject({
      reason: 'invalid_payload',
      message: expect.stringMatching(
        /^Expected a v1 delivery \(a LegacyWebhookEvent.*with an event_id, from a v3 destination\. Verify it without apiVersion: 'v1'.*webhook_version to v1\.$/,
      ),
    });
  });
});
