import type { IncomingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import declinedExample from '../spec/examples/v1/webhook.declined-with-decision.json' with { type: 'json' };
import expiredExample from '../spec/examples/v1/webhook.kyc-expired.json' with { type: 'json' };
import {
  InvalidArgumentError,
  isDiditError,
  isLegacyWebhookEvent,
  type LegacyWebhookEvent,
  serializeWebhookPayload,
  signWebhook,
  type v1,
  verifyWebhook,
  type WebhookEvent,
  WebhookVerificationError,
  type WebhookVerificationReason,
  webhookEventSchema,
} from '../src/index.ts';
import { signatureMatches } from '../src/webhooks/hmac.ts';

// Property runs are replayable: a failure prints its seed; FC_SEED=<seed> replays it.
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

const SECRET = 'whsec_verify_test_5b0e2f7c';
const NOW_SEC = 1_735_689_600;
const NOW = NOW_SEC * 1000;
const REASONS: readonly WebhookVerificationReason[] = [
  'too_large',
  'stale',
  'missing_headers',
  'timestamp_too_old',
  'timestamp_in_future',
  'invalid_signature',
  'body_parsed',
  'invalid_json',
  'invalid_payload',
];

const payload = {
  ...declinedExample,
  webhook_type: 'status.updated',
  vendor_data: 'user-Zoë-😀',
  timestamp: NOW_SEC,
  decision: { ...declinedExample.decision, kyc: { ...declinedExample.decision.kyc, first_name: 'Сергей' } },
};

async function delivery(body: string, timestamp = NOW_SEC) {
  return { body, headers: await signWebhook({ body, secret: SECRET, timestamp }) };
}

/** The event as a v1/v2 delivery (what these v1-shaped bodies are), with its v1 decision. */
function legacy(event: WebhookEvent): LegacyWebhookEvent & { decision?: v1.SessionDecision | null } {
  expect(isLegacyWebhookEvent(event)).toBe(true);
  const { decision } = event as LegacyWebhookEvent;
  if (decision != null) expect('kyc' in decision).toBe(true);
  return event as LegacyWebhookEvent & { decision?: v1.SessionDecision | null };
}

async function refusal(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('verifyWebhook: round trips', () => {
  it('accepts a signed wire body and returns the typed event, decision included', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const event: WebhookEvent = await verifyWebhook({ body, headers, secret: SECRET, now: NOW });
    expect(event).toEqual(webhookEventSchema.parse(JSON.parse(body)));
    expect(legacy(event).decision?.kyc?.first_name).toBe('Сергей');
    expect(legacy(event).vendor_data).toBe('user-Zoë-😀');
  });

  it('parses both shared examples (signed as they are)', async () => {
    for (const example of [declinedExample, expiredExample]) {
      const body = JSON.stringify(example, null, 2);
      const { headers } = await delivery(body, example.timestamp);
      const event = await verifyWebhook({ body, headers, secret: SECRET, now: example.timestamp * 1000 });
      expect(legacy(event).session_id).toBe(example.session_id);
      expect(legacy(event).status).toBe(example.status);
    }
  });

  it.each([
    ['a string', (s: string) => s],
    ['a Uint8Array', (s: string) => new TextEncoder().encode(s)],
    ['a Buffer from a shared pool', (s: string) => Buffer.concat([Buffer.from('junk'), Buffer.from(s)]).subarray(4)],
    ['an ArrayBuffer', (s: string) => new TextEncoder().encode(s).buffer],
    ['a DataView', (s: string) => new DataView(new TextEncoder().encode(s).buffer) as unknown as Uint8Array],
    [
      'a view of a SharedArrayBuffer',
      (s: string) => {
        const bytes = new TextEncoder().encode(s);
        const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
        shared.set(bytes);
        return shared as unknown as Uint8Array;
      },
    ],
  ])('accepts the body as %s', async (_name, toBody) => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    await expect(verifyWebhook({ body: toBody(body), headers, secret: SECRET, now: NOW })).resolves.toMatchObject({
      session_id: payload.session_id,
    });
  });

  it('reads headers from a fetch Headers, a plain object in any case, and IncomingHttpHeaders with arrays', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    const mixed = {
      'X-Timestamp': headers['x-timestamp'],
      'X-Signature': headers['x-signature'],
      'Content-Type': 'application/json',
    };
    const node: IncomingHttpHeaders = {
      'x-timestamp': headers['x-timestamp'],
      'x-signature': [headers['x-signature'], 'second copy ignored'] as unknown as string,
      'set-cookie': ['a=b'],
      host: 'localhost',
    };
    for (const shape of [new Headers(headers as unknown as Record<string, string>), upper, mixed, node]) {
      await expect(verifyWebhook({ body, headers: shape, secret: SECRET, now: NOW })).resolves.toMatchObject({
        status: 'Declined',
      });
    }
  });

  it('takes `now` as a Date or epoch milliseconds, and the clock by default', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    await expect(verifyWebhook({ body, headers, secret: SECRET, now: new Date(NOW) })).resolves.toBeDefined();
    const nowSec = Math.floor(Date.now() / 1000);
    const fresh = await delivery(serializeWebhookPayload({ ...payload, timestamp: nowSec }), nowSec);
    await expect(verifyWebhook({ ...fresh, secret: SECRET })).resolves.toBeDefined();
  });
});

describe('verifyWebhook: bodies a framework re-serialised (X-Signature-V2)', () => {
  it('accepts JSON.stringify of the parsed body (key order, raw unicode) with all headers', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(reserialised).not.toBe(body);
    const event = await verifyWebhook({ body: reserialised, headers, secret: SECRET, now: NOW });
    expect(legacy(event).decision?.kyc?.first_name).toBe('Сергей');
  });

  it('accepts 97 where Didit wrote 97.0, and refuses 97.5', async () => {
    const raw = `{"created_at":1,"session_id":"${payload.session_id}","score":97.0,"status":"Approved","timestamp":${NOW_SEC},"vendor_data":null,"webhook_type":"status.updated"}`;
    const { headers } = await delivery(raw);
    const parsedAgain = JSON.stringify(JSON.parse(raw));
    expect(parsedAgain).toContain('"score":97,');
    await expect(verifyWebhook({ body: parsedAgain, headers, secret: SECRET, now: NOW })).resolves.toMatchObject({
      score: 97,
    });
    const changed = parsedAgain.replace('"score":97,', '"score":97.5,');
    const { 'x-signature-simple': _simple, ...withoutSimple } = headers;
    expect(
      (await refusal(verifyWebhook({ body: changed, headers: withoutSimple, secret: SECRET, now: NOW }))).reason,
    ).toBe('invalid_signature');
  });

  it('needs V2 for a re-serialised body: X-Signature alone refuses it', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const error = await refusal(
      verifyWebhook({
        body: JSON.stringify(JSON.parse(body)),
        headers: { 'x-timestamp': headers['x-timestamp'], 'x-signature': headers['x-signature'] },
        secret: SECRET,
        now: NOW,
      }),
    );
    expect(error.reason).toBe('invalid_signature');
    expect(error.message).toMatch(/raw/);
  });
});

describe('verifyWebhook: X-Signature-Simple', () => {
  it('alone, returns only the fields it covers, never the unauthenticated decision or vendor_data', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    // A forged decision: only the simple signature still matches.
    const forged = body.replace('"status":"Declined"', '"status":"Declined","forged":true').replace('user-', 'evil-');
    const event = await verifyWebhook({ body: forged, headers, secret: SECRET, now: NOW });
    expect(event).toEqual({
      session_id: payload.session_id,
      status: 'Declined',
      webhook_type: 'status.updated',
      timestamp: NOW_SEC,
    });
  });

  it('signs the body timestamp, not X-Timestamp: a fresh header does not change it', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const simpleOnly = { 'x-timestamp': String(NOW_SEC + 100), 'x-signature-simple': headers['x-signature-simple'] };
    await expect(verifyWebhook({ body, headers: simpleOnly, secret: SECRET, now: NOW })).resolves.toMatchObject({
      timestamp: NOW_SEC,
    });
  });

  it('is refused for another timestamp, status or session', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const simpleOnly = { 'x-timestamp': headers['x-timestamp'], 'x-signature-simple': headers['x-signature-simple'] };
    const cases = [
      { body: body.replace(`"timestamp":${NOW_SEC}`, `"timestamp":${NOW_SEC + 1}`), headers: simpleOnly },
      { body: body.replace('"status":"Declined","timestamp"', '"status":"Approved","timestamp"'), headers: simpleOnly },
      { body: body.replaceAll(payload.session_id, '99999999-2222-3333-4444-555555555555'), headers: simpleOnly },
    ];
    expect(new Set(cases.map((c) => c.body)).size).toBe(3);
    for (const attempt of cases) {
      const error = await refusal(verifyWebhook({ ...attempt, secret: SECRET, now: NOW }));
      expect(error.reason).toBe('invalid_signature');
    }
  });
});

describe('verifyWebhook: tampering', () => {
  it('refuses a changed byte anywhere, unless the change leaves the same JSON value (every position)', async () => {
    const body = serializeWebhookPayload({
      ...expiredExample,
      timestamp: NOW_SEC,
      vendor_data: 'Zoë',
      webhook_type: 'status.updated',
    });
    const { headers } = await delivery(body);
    const original = JSON.parse(body) as unknown;
    const bytes = new TextEncoder().encode(body);
    for (let i = 0; i < bytes.length; i++) {
      for (const replacement of [bytes[i]! ^ 0x01, bytes[i]! ^ 0x20, 0x20]) {
        if (replacement === bytes[i]) continue;
        const changed = bytes.slice();
        changed[i] = replacement;
        const outcome = await verifyWebhook({ body: changed, headers, secret: SECRET, now: NOW }).then(
          (event) => ({ event }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(WebhookVerificationError);
          continue;
        }
        // Accepted only when nothing a signature covers changed: `\u00eb` → `\u00Eb` (same value, V2),
        // or a change outside the fields the simple signature covers, which are then all that is returned.
        const sameValue = JSON.stringify(JSON.parse(new TextDecoder().decode(changed))) === JSON.stringify(original);
        if (!sameValue)
          expect(Object.keys(outcome.event).sort()).toEqual(['session_id', 'status', 'timestamp', 'webhook_type']);
      }
    }
  });

  it('refuses a changed byte in a big body with X-Signature and X-Signature-V2 (property)', async () => {
    const body = serializeWebhookPayload(payload);
    const { 'x-signature-simple': _simple, ...headers } = await signWebhook({
      body,
      secret: SECRET,
      timestamp: NOW_SEC,
    });
    const bytes = new TextEncoder().encode(body);
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (i, xor) => {
        const changed = bytes.slice();
        changed[i] = bytes[i]! ^ xor;
        const outcome = await verifyWebhook({ body: changed, headers, secret: SECRET, now: NOW }).then(
          (event) => ({ event }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) return;
        // Only a change that keeps the parsed value (an escape's hex case) can pass.
        expect(JSON.parse(new TextDecoder().decode(changed))).toEqual(JSON.parse(body));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses swapped signature headers', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const swapped = {
      'x-timestamp': headers['x-timestamp'],
      'x-signature': headers['x-signature-v2'],
      'x-signature-v2': headers['x-signature-simple'],
      'x-signature-simple': headers['x-signature'],
    };
    expect((await refusal(verifyWebhook({ body, headers: swapped, secret: SECRET, now: NOW }))).reason).toBe(
      'invalid_signature',
    );
  });

  it("refuses another delivery's signatures and a wrong secret", async () => {
    const one = await delivery(serializeWebhookPayload(payload));
    const other = await delivery(serializeWebhookPayload({ ...payload, status: 'Approved' }));
    await refusal(verifyWebhook({ body: one.body, headers: other.headers, secret: SECRET, now: NOW }));
    const wrong = await refusal(verifyWebhook({ ...one, secret: `${SECRET}-other`, now: NOW }));
    expect(wrong.reason).toBe('invalid_signature');
  });
});

describe('verifyWebhook: timestamps', () => {
  it('accepts up to 300 s either way and refuses beyond, as a replay or a clock problem', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    await expect(verifyWebhook({ body, headers, secret: SECRET, now: NOW + 300_000 })).resolves.toBeDefined();
    await expect(verifyWebhook({ body, headers, secret: SECRET, now: NOW - 300_000 })).resolves.toBeDefined();
    const old = await refusal(verifyWebhook({ body, headers, secret: SECRET, now: NOW + 301_000 }));
    expect(old.reason).toBe('timestamp_too_old');
    const future = await refusal(verifyWebhook({ body, headers, secret: SECRET, now: NOW - 301_000 }));
    expect(future.reason).toBe('timestamp_in_future');
  });

  it('refuses a correctly signed delivery replayed an hour later', async () => {
    const replay = await delivery(serializeWebhookPayload(payload), NOW_SEC - 3600);
    expect((await refusal(verifyWebhook({ ...replay, secret: SECRET, now: NOW }))).reason).toBe('timestamp_too_old');
  });

  it('honours toleranceSec, and Infinity skips the check', async () => {
    const { body, headers } = await delivery(serializeWebhookPayload(payload));
    const tight = await refusal(verifyWebhook({ body, headers, secret: SECRET, now: NOW + 11_000, toleranceSec: 10 }));
    expect(tight.reason).toBe('timestamp_too_old');
    await expect(
      verifyWebhook({ body, headers, secret: SECRET, now: NOW + 10 * 365 * 86_400_000, toleranceSec: Infinity }),
    ).resolves.toBeDefined();
  });
});

describe('verifyWebhook: every rejection reason', () => {
  const cases: [WebhookVerificationReason, () => Promise<unknown>][] = [
    ['missing_headers', async () => verifyWebhook({ body: '{}', headers: {}, secret: SECRET, now: NOW })],
    [
      'missing_headers',
      async () => verifyWebhook({ body: '{}', headers: { 'x-timestamp': String(NOW_SEC) }, secret: SECRET, now: NOW }),
    ],
    [
      'missing_headers',
      async () =>
        verifyWebhook({ body: '{}', headers: { 'x-timestamp': 'yesterday', 'x-signature': 'ab' }, secret: SECRET }),
    ],
    [
      'timestamp_too_old',
      async () => verifyWebhook({ ...(await delivery('{}', NOW_SEC - 301)), secret: SECRET, now: NOW }),
    ],
    [
      'timestamp_in_future',
      async () => verifyWebhook({ ...(await delivery('{}', NOW_SEC + 301)), secret: SECRET, now: NOW }),
    ],
    ['invalid_signature', async () => verifyWebhook({ ...(await delivery('{}')), secret: 'another secret', now: NOW })],
    [
      'body_parsed',
      async () =>
        verifyWebhook({
          body: payload as unknown as string,
          headers: (await delivery('{}')).headers,
          secret: SECRET,
          now: NOW,
        }),
    ],
    ['invalid_json', async () => verifyWebhook({ ...(await delivery('not json')), secret: SECRET, now: NOW })],
    [
      'stale',
      async () =>
        verifyWebhook({
          ...(await delivery(serializeWebhookPayload({ ...payload, timestamp: NOW_SEC - 30 * 86_400 }))),
          secret: SECRET,
          now: NOW,
        }),
    ],
    [
      'too_large',
      async () =>
        verifyWebhook({ ...(await delivery(`"${'x'.repeat(2000)}"`)), secret: SECRET, now: NOW, maxBodyBytes: 1000 }),
    ],
    [
      'invalid_payload',
      async () => verifyWebhook({ ...(await delivery('{"status":"Approved"}')), secret: SECRET, now: NOW }),
    ],
  ];

  it.each(cases)('%s', async (reason, run) => {
    const error = await refusal(run());
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('webhook_verification');
    expect(error.name).toBe('WebhookVerificationError');
    expect(isDiditError(error)).toBe(true);
    expect(JSON.stringify(error)).toContain(reason);
    // Nothing secret: not the secret, not a signature we computed.
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(everything).not.toContain(SECRET);
    for (const signature of Object.values((await delivery('{}')).headers).slice(1)) {
      expect(everything).not.toContain(signature);
    }
  });

  it('explains the raw-body pitfall and how to get the raw body when given a parsed object', async () => {
    const error = await refusal(
      verifyWebhook({ body: { a: 1 } as unknown as string, headers: {}, secret: SECRET, now: NOW }),
    );
    expect(error.reason).toBe('body_parsed');
    expect(error.message).toContain('got an object');
    for (const recipe of ['express.raw', 'c.req.text()', 'request.text()', 'node:http']) {
      expect(error.message).toContain(recipe);
    }
  });

  it('reports the schema issues of a signed body that is not an event', async () => {
    const error = await refusal(verifyWebhook({ ...(await delivery('{"status":1}')), secret: SECRET, now: NOW }));
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['session_id', 'status']));
  });

  it.each([
    ['a missing secret', { secret: undefined as unknown as string }],
    ['an empty secret', { secret: '' }],
    ['a negative tolerance', { toleranceSec: -1 }],
    ['a NaN tolerance', { toleranceSec: Number.NaN }],
    ['an empty array of secrets', { secret: [] as unknown as string }],
    ['an array with an empty secret', { secret: [SECRET, ''] }],
    ['a zero maxBodyBytes', { maxBodyBytes: 0 }],
    ['a NaN maxBodyBytes', { maxBodyBytes: Number.NaN }],
    ['an invalid Date as now', { now: new Date('not a date') }],
  ])('throws InvalidArgumentError for %s (a caller bug, not a bad delivery)', async (_name, override) => {
    const { body, headers } = await delivery('{}');
    await expect(verifyWebhook({ body, headers, secret: SECRET, now: NOW, ...override })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('verifyWebhook: arbitrary input (fuzz)', () => {
  const headerName = fc.constantFrom(
    'x-timestamp',
    'X-Timestamp',
    'x-signature',
    'X-SIGNATURE-V2',
    'x-signature-simple',
    'content-type',
    '__proto__',
    'constructor',
    'get',
  );
  const headerValue = fc.oneof(
    fc.string(),
    fc.constant(String(NOW_SEC)),
    fc.stringMatching(/^[0-9a-f]{64}$/),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.integer(),
    fc.constant(undefined),
    fc.constant(null),
  );
  const headers = fc.oneof(
    fc.dictionary(headerName, headerValue),
    fc.dictionary(fc.string(), fc.string()).map((h) => {
      try {
        return new Headers(h);
      } catch {
        return h;
      }
    }),
    fc.anything(),
  );
  const body = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    fc.anything(),
  );

  it('always ends in a WebhookVerificationError with a known reason, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(body, headers, async (b, h) => {
        const error = await verifyWebhook({
          body: b as string,
          headers: h as Record<string, string>,
          secret: SECRET,
          now: NOW,
        }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(WebhookVerificationError);
        expect(REASONS).toContain((error as WebhookVerificationError).reason);
      }),
      { numRuns: 500 },
    );
  });

  it('with valid headers for another body, refuses arbitrary bytes as invalid_signature', async () => {
    const { headers: valid } = await delivery(serializeWebhookPayload(payload));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 500 }), async (bytes) => {
        const error = await refusal(verifyWebhook({ body: bytes, headers: valid, secret: SECRET, now: NOW }));
        // An empty body is what a body parser that ran first leaves: said so.
        expect(error.reason).toBe(bytes.length === 0 ? 'body_parsed' : 'invalid_signature');
      }),
      { numRuns: 200 },
    );
  });
});

describe('signatureMatches (constant-time comparison)', () => {
  const mac = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const hex = Buffer.from(mac).toString('hex');

  it('accepts the hex in either case, with surrounding spaces', () => {
    expect(signatureMatches(mac, hex)).toBe(true);
    expect(signatureMatches(mac, ` ${hex.toUpperCase()} `)).toBe(true);
  });

  it.each([
    ['one bit off', `${hex.slice(0, 63)}${(Number.parseInt(hex[63]!, 16) ^ 1).toString(16)}`],
    ['too short', hex.slice(0, 62)],
    ['too long', `${hex}00`],
    ['not hex', `${hex.slice(0, 62)}zz`],
    ['empty', ''],
    ['a sha256= prefix', `sha256=${hex}`],
  ])('refuses %s', (_name, value) => {
    expect(signatureMatches(mac, value)).toBe(false);
  });
});
