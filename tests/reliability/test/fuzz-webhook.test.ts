import {
  InvalidArgumentError,
  serializeWebhookPayload,
  signWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
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
// when one of the signatures it was sent really is the secret's.

const REASONS = new Set([
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
const decision = loadFixtures().values().next().value;

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
          decision: fc.oneof(fc.constant(decision), fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
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
        },
      ),
      SCALE.fuzzRuns,
      () => ({ accepted, ...Object.fromEntries([...reasons].sort()) }),
    );
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
