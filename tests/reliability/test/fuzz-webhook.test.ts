import {
  InvalidArgumentError,
  isLegacyWebhookEvent,
  isV3WebhookEvent,
  serializeWebhookPayload,
  signWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  WEBHOOK_TYPES,
  type WebhookEvent,
  WebhookVerificationError,
} from '@didit-kit/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFigures } from '../lib/figures.ts';
import { loadFixtures } from '../lib/fixtures.ts';
import { fuzz } from '../lib/fuzz.ts';
import { SCALE } from '../lib/scale.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Arbitrary bytes and headers to verifyWebhook: a WebhookVerificationError with a known reason
// (and a message without the secret), never another exception; and it accepts a delivery only
// when one of the signatures it was sent really is the secret's, and the body it signs is fresh.

const REASONS = new Set([
  'too_large',
  'stale',
  'missing_headers',
  'timestamp_too_old',
  'timestamp_in_future',
  'invalid_signature',
  'body_parsed',
  'invalid_json',
  'invalid_payload',
]);

const secrets = new Secrets();
const capture = new Capture();
const NOW_MS = Date.now();
const NOW_SEC = Math.floor(NOW_MS / 1000);
const decisionFixture = loadFixtures().values().next().value;

afterAll(() => {
  const searched = capture.expectNoLeaks(secrets);
  reportFigures('fuzz webhook secrets', { sources: searched.sources, bytes: searched.bytes, leaks: 0 });
});

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const timestampValue = fc.oneof(
  fc.constantFrom(
    String(NOW_SEC),
    String(NOW_SEC - 301),
    String(NOW_SEC + 301),
    ` ${NOW_SEC} `,
    `${NOW_SEC}.5`,
    `${NOW_SEC}e0`,
    '-1',
    '0',
    '',
    '٣٣٣',
    '9'.repeat(40),
    'NaN',
  ),
  fc.integer({ min: NOW_SEC - 400, max: NOW_SEC + 400 }).map(String),
  fc.integer({ min: NOW_SEC - 400, max: NOW_SEC + 400 }),
  fc.string({ maxLength: 20 }),
);
const signatureValue = fc.oneof(
  hex64,
  hex64.map((h) => h.toUpperCase()),
  fc.string({ maxLength: 80 }),
);
const headerValue = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, 0, Number.NaN, true), weight: 1 },
  { arbitrary: fc.object({ maxDepth: 1 }), weight: 1 },
);
const headerRecord = fc
  .record(
    {
      'x-timestamp': fc.oneof(timestampValue, fc.array(timestampValue, { maxLength: 2 })),
      'X-Signature': signatureValue,
      'x-signature-v2': signatureValue,
      'X-SIGNATURE-SIMPLE': signatureValue,
    },
    { requiredKeys: [] },
  )
  .chain((known) =>
    fc.dictionary(fc.string({ maxLength: 16 }), headerValue, { maxKeys: 4 }).map((extra) => ({ ...extra, ...known })),
  );

/** Header inputs of every shape (and some that are not header inputs at all). */
const headersInput = fc.oneof(
  { arbitrary: headerRecord, weight: 6 },
  {
    arbitrary: headerRecord.map((record) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(record)) {
        try {
          headers.set(name, String(value));
        } catch {
          // Not a valid header name or value for Headers: left out.
        }
      }
      return headers;
    }),
    weight: 2,
  },
  { arbitrary: headerRecord.map((record) => new Map(Object.entries(record))), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      {
        get() {
          throw new Error('hostile getter');
        },
      },
      { get: () => 42 },
      { get: () => ['1', '2'] },
      { get: 'not a function' },
      null,
      undefined,
      'x-timestamp: 1',
      42,
      [],
    ),
    weight: 1,
  },
);

/** Bodies: bytes, text, JSON, real payloads, and values a framework might have parsed. */
const bodyInput = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 2 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => bytes.buffer), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => new DataView(bytes.buffer)), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 2 },
  {
    arbitrary: fc
      .record(
        {
          session_id: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
          status: fc.oneof(
            fc.constantFrom('Approved', 'Declined', 'In Review', 'Kyc Expired'),
            fc.string({ maxLength: 12 }),
          ),
          webhook_type: fc.constantFrom('status.updated', 'x'),
          timestamp: fc.oneof(fc.constant(NOW_SEC), fc.double({ noNaN: true, noDefaultInfinity: true })),
          created_at: fc.oneof(fc.integer(), fc.constant(null)),
          vendor_data: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)),
          decision: fc.oneof(fc.constant(decisionFixture), fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
        },
        { requiredKeys: ['session_id', 'status'] },
      )
      .map((payload) => serializeWebhookPayload(payload as Parameters<typeof serializeWebhookPayload>[0])),
    weight: 3,
  },
  { arbitrary: fc.constantFrom({ session_id: 'x' }, null, undefined, 42, [], Symbol('body'), 10n), weight: 1 },
);

describe('fuzzing verifyWebhook', () => {
  it('arbitrary bodies and headers: a WebhookVerificationError with a reason, never another exception; accepted only when really signed', async () => {
    const reasons = new Map<string, number>();
    let accepted = 0;
    await fuzz(
      'verifyWebhook: arbitrary bytes and headers',
      fc.asyncProperty(
        bodyInput,
        headersInput,
        fc.constantFrom('none', 'raw', 'v2', 'simple', 'all'),
        async (body, headersArbitrary, signWith) => {
          let headers: unknown = headersArbitrary;
          // Sometimes with real signatures, so verification gets past the signature check.
          const raw = typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
          if (
            signWith !== 'none' &&
            raw !== undefined &&
            typeof headers === 'object' &&
            headers !== null &&
            !(headers instanceof Headers) &&
            !(headers instanceof Map) &&
            !Array.isArray(headers)
          ) {
            const real = await signWebhook({ body: raw, secret: secrets.webhookSecret, timestamp: NOW_SEC });
            const chosen: Record<string, string | undefined> =
              signWith === 'all'
                ? real
                : {
                    'x-timestamp': real['x-timestamp'],
                    [`x-signature${signWith === 'raw' ? '' : `-${signWith}`}`]:
                      real[`x-signature${signWith === 'raw' ? '' : `-${signWith}`}` as keyof typeof real],
                  };
            headers = { ...(headers as object), ...chosen };
            for (const name of Object.keys(headers as object)) {
              // One value per header name: an arbitrary same-name header in other case would shadow the real one.
              if (name.toLowerCase() in chosen && !(name in chosen)) delete (headers as Record<string, unknown>)[name];
            }
          }
          let result: unknown;
          try {
            result = await verifyWebhook({
              body: body as VerifyWebhookOptions['body'],
              headers: headers as VerifyWebhookOptions['headers'],
              secret: secrets.webhookSecret,
              now: NOW_MS,
            });
          } catch (error) {
            capture.addError('verifyWebhook', error);
            expect(error, String(error)).toBeInstanceOf(WebhookVerificationError);
            const { reason, message } = error as WebhookVerificationError;
            expect(REASONS.has(reason), reason).toBe(true);
            expect(message.length).toBeGreaterThan(0);
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
            return;
          }
          accepted++;
          expect(signWith, 'accepted a delivery that carried no real signature').not.toBe('none');
          expect(typeof (result as { session_id?: unknown }).session_id).toBe('string');
          // Fresh by the body's own signed timestamp, whatever X-Timestamp said.
          expect(Math.abs((result as { timestamp: number }).timestamp - NOW_SEC)).toBeLessThanOrEqual(300);
        },
      ),
      SCALE.fuzzRuns,
      () => ({ accepted, ...Object.fromEntries([...reasons].sort()) }),
    );
  });

  it('v3 envelopes, signed and unsigned: a typed event or a WebhookVerificationError with a reason; accepted only when really signed and fresh', async () => {
    const OLD_SECRET = `${secrets.webhookSecret}-old`;
    const secretsInUse = [secrets.webhookSecret, OLD_SECRET];
    const counts = new Map<string, number>();
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    const sessionId = fc.oneof(fc.uuid(), fc.string({ maxLength: 8 }));
    const name = fc.oneof(
      fc.constantFrom('José', 'Müller-Ünlü', '北京', 'Сергей', 'Zoë 😀', '\u2028', 'a"b\\c'),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const v3Decision = fc.record(
      {
        session_id: sessionId,
        session_kind: fc.constantFrom('user', 'business', 'other'),
        status: fc.constantFrom('Approved', 'Declined', 'In Review', 'Resubmitted'),
        features: fc.array(fc.constantFrom('ID_VERIFICATION', 'LIVENESS', 'AML'), { maxLength: 3 }),
        id_verifications: fc.oneof(
          fc.constant(null),
          fc.array(
            fc.record({ node_id: fc.string({ maxLength: 6 }), status: fc.string({ maxLength: 8 }), first_name: name }),
            { maxLength: 2 },
          ),
        ),
        liveness_checks: fc.oneof(
          fc.constant(null),
          fc.array(
            fc.record({
              node_id: fc.constant('liveness_1'),
              score: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(95.0)),
            }),
            {
              maxLength: 2,
            },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    const decision = fc.oneof(
      { arbitrary: v3Decision, weight: 3 },
      { arbitrary: fc.constant(decisionFixture), weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
    );
    const webhookType = fc.oneof(
      { arbitrary: fc.constantFrom(...WEBHOOK_TYPES), weight: 6 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
      { arbitrary: fc.constantFrom(undefined, null, 42), weight: 1 },
    );
    const time = fc.oneof(
      { arbitrary: fc.integer({ min: NOW_SEC - 300, max: NOW_SEC + 300 }), weight: 6 },
      { arbitrary: fc.integer({ min: NOW_SEC - 400, max: NOW_SEC + 400 }), weight: 2 },
      { arbitrary: fc.constantFrom(NOW_SEC - 30 * 86_400, NOW_SEC + 86_400, NOW_SEC + 0.5, 1e300), weight: 1 },
      {
        arbitrary: fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.string({ maxLength: 10 }),
          fc.constant(null),
        ),
        weight: 1,
      },
    );
    const v3Body = fc.record(
      {
        event_id: fc.oneof({ arbitrary: fc.uuid(), weight: 6 }, fc.constant(null), fc.integer()),
        webhook_type: webhookType,
        timestamp: time,
        created_at: time,
        application_id: fc.uuid(),
        environment: fc.constantFrom('live', 'sandbox', 'staging'),
        session_id: sessionId,
        status: fc.oneof(fc.constantFrom('Approved', 'Declined', 'Not Started'), fc.integer()),
        workflow_version: fc.oneof(fc.integer(), fc.constant(4.0), fc.double({ noNaN: true, noDefaultInfinity: true })),
        vendor_data: fc.oneof(name, fc.constant(null)),
        metadata: fc.jsonValue({ maxDepth: 3 }),
        decision,
        txn_id: fc.string({ maxLength: 8 }),
      },
      { requiredKeys: ['webhook_type', 'timestamp'] },
    );
    /** How the body reaches the verifier: Didit's wire form, or a framework's re-serialisation. */
    const writing = fc.constantFrom('wire', 'JSON.stringify', 'pretty', 'bytes');
    const signing = fc.constantFrom('none', 'raw', 'v2', 'simple', 'all', 'previous', 'wrong secret', 'bogus');

    await fuzz(
      'verifyWebhook: v3 envelopes',
      fc.asyncProperty(
        v3Body,
        writing,
        signing,
        fc.oneof({ arbitrary: fc.integer({ min: -300, max: 300 }), weight: 4 }, fc.integer({ min: -400, max: 400 })),
        async (payload, written, signWith, headerOffset) => {
          const wire = serializeWebhookPayload(payload);
          const body =
            written === 'wire'
              ? wire
              : written === 'JSON.stringify'
                ? JSON.stringify(payload)
                : written === 'pretty'
                  ? JSON.stringify(payload, null, 2)
                  : new TextEncoder().encode(JSON.stringify(payload));
          // Didit signed its wire form; a framework may have re-serialised it since.
          const real = await signWebhook({
            body: wire,
            secret: signWith === 'wrong secret' ? 'not the secret' : secretsInUse,
            timestamp: NOW_SEC + headerOffset,
          });
          const pick = (...names: (keyof typeof real)[]) =>
            Object.fromEntries([['x-timestamp', real['x-timestamp']], ...names.map((n) => [n, real[n]])]);
          const headers: Record<string, string | undefined> =
            signWith === 'none'
              ? { 'x-timestamp': real['x-timestamp'] }
              : signWith === 'bogus'
                ? {
                    'x-timestamp': real['x-timestamp'],
                    'x-signature': 'ab'.repeat(32),
                    'x-signature-v2': 'cd'.repeat(32),
                  }
                : signWith === 'raw'
                  ? pick('x-signature')
                  : signWith === 'v2'
                    ? pick('x-signature-v2')
                    : signWith === 'simple'
                      ? pick('x-signature-simple')
                      : signWith === 'previous'
                        ? pick('x-signature-previous', 'x-signature-v2-previous', 'x-signature-simple-previous')
                        : { ...real };
          let event: WebhookEvent;
          try {
            event = await verifyWebhook({
              body,
              headers,
              secret: signWith === 'previous' ? [secrets.webhookSecret, OLD_SECRET] : secrets.webhookSecret,
              now: NOW_MS,
            });
          } catch (error) {
            capture.addError('verifyWebhook v3', error);
            expect(error, String(error)).toBeInstanceOf(WebhookVerificationError);
            const { reason } = error as WebhookVerificationError;
            expect(REASONS.has(reason), reason).toBe(true);
            count(reason);
            return;
          }
          count(
            isV3WebhookEvent(event) ? 'accepted v3' : isLegacyWebhookEvent(event) ? 'accepted v1/v2' : 'accepted other',
          );
          expect(['none', 'bogus', 'wrong secret'], `accepted a delivery signed "${signWith}"`).not.toContain(signWith);
          // Fresh by the body's signed time: its timestamp, or created_at when it has none.
          const signedTime = typeof payload.timestamp === 'number' ? payload.timestamp : payload.created_at;
          expect(typeof signedTime).toBe('number');
          expect(Math.abs((signedTime as number) - NOW_SEC)).toBeLessThanOrEqual(300);
          expect(Math.abs(headerOffset)).toBeLessThanOrEqual(300);
          if (isV3WebhookEvent(event)) {
            expect(event.webhook_type).toBe(payload.webhook_type);
            expect(event.event_id).toBe(payload.event_id);
            if (event.webhook_type === 'status.updated' || event.webhook_type === 'data.updated') {
              // A decision is a checked object, null, or kept apart unparsed: never a reason to refuse.
              if (event.decision != null) expect(typeof event.decision.session_id).toBe('string');
              if ('unparsed_decision' in event) expect('decision' in event).toBe(false);
            }
          } else if (Object.keys(event).length === 4 && !('event_id' in event)) {
            // Simple alone: only what it covers, from the body.
            expect(event).toMatchObject({ session_id: payload.session_id, status: payload.status });
          }
        },
      ),
      SCALE.fuzzRuns,
      () => Object.fromEntries([...counts].sort()),
    );
    expect(counts.get('accepted v3') ?? 0, 'no v3 delivery was ever accepted: the generator is off').toBeGreaterThan(0);
    expect(counts.get('stale') ?? 0, 'no stale delivery was ever tried').toBeGreaterThan(0);
  });

  it('a missing secret or a bad toleranceSec is the caller’s bug: InvalidArgumentError, whatever the delivery', async () => {
    for (const secret of ['', undefined, 42]) {
      await expect(
        verifyWebhook({ body: '{}', headers: {}, secret: secret as unknown as string }),
      ).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    await expect(
      verifyWebhook({ body: '{}', headers: {}, secret: secrets.webhookSecret, toleranceSec: -1 }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
