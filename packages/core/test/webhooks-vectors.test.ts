import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isLegacyWebhookEvent,
  isV3WebhookEvent,
  serializeWebhookPayload,
  signWebhook,
  verifyWebhook,
  type WebhookEvent,
} from '../src/index.ts';
import { canonicalizeForSignatureV2, scanSignedJson } from '../src/webhooks/canonical-scan.ts';
import { simpleSignatureInput } from '../src/webhooks/simple-signature.ts';

// Vectors computed by test/vectors/make_vectors.py with Python's hmac, hashlib and json (the way
// Didit's servers sign), committed as data: this test checks them, it never regenerates them.
type SignatureHeader =
  | 'x-signature'
  | 'x-signature-v2'
  | 'x-signature-simple'
  | 'x-signature-previous'
  | 'x-signature-v2-previous'
  | 'x-signature-simple-previous';

interface Vector {
  name: string;
  note: string;
  secret: string;
  previous_secret?: string;
  body: string;
  headers: { 'x-timestamp': string } & Partial<Record<SignatureHeader, string | null>>;
  canonical_v2: string;
  simple_input: string | null;
  wire?: string;
  /** For v3 vectors: the variant the body parses into, and what becomes of its decision. */
  expect?: { variant: string; decision: 'v3' | 'v1' | 'unparsed' | null };
}

const { vectors } = JSON.parse(readFileSync(new URL('./vectors/webhook-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

const SIGNATURE_HEADERS: readonly SignatureHeader[] = [
  'x-signature',
  'x-signature-v2',
  'x-signature-simple',
  'x-signature-previous',
  'x-signature-v2-previous',
  'x-signature-simple-previous',
];

/** verifyWebhook with the vector's secrets, at its X-Timestamp, its body's age not checked (other tests do). */
function verify(vector: Vector, headers: Record<string, string>, secret?: string | string[]) {
  return verifyWebhook({
    body: vector.body,
    headers,
    secret: secret ?? [vector.secret, ...(vector.previous_secret === undefined ? [] : [vector.previous_secret])],
    now: Number(vector.headers['x-timestamp']) * 1000,
    toleranceSec: Number.POSITIVE_INFINITY,
  });
}

describe('independent webhook vectors (Python hmac + json)', () => {
  it('has the vectors the generator writes: v1 bodies, every v3 event type, a rotation, the 8 wp golden cases', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(34);
    const names = vectors.map((v) => v.name);
    expect(names.filter((n) => n.startsWith('wp golden: '))).toHaveLength(8);
    const variants = new Set(vectors.map((v) => v.expect?.variant));
    for (const type of [
      'status.updated',
      'data.updated',
      'user.status.updated',
      'user.data.updated',
      'business.status.updated',
      'business.data.updated',
      'activity.created',
      'transaction.created',
      'transaction.status.updated',
      'travel_rule.status.updated',
      'unknown',
    ]) {
      expect(variants, type).toContain(type);
    }
    expect(vectors.some((v) => v.previous_secret !== undefined)).toBe(true);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    it('canonical V2 form equals Python json.dumps(sort_keys, compact, ensure_ascii=False)', () => {
      expect(canonicalizeForSignatureV2(vector.body)).toBe(vector.canonical_v2);
    });

    it('the X-Signature-Simple string equals Python str() of the body fields', () => {
      expect(simpleSignatureInput(scanSignedJson(vector.body, 1000).simpleFields) ?? null).toBe(vector.simple_input);
    });

    it('signWebhook gives the same signatures (and -previous ones with [current, previous])', async () => {
      const headers = await signWebhook({
        body: vector.body,
        secret: vector.previous_secret === undefined ? vector.secret : [vector.secret, vector.previous_secret],
        timestamp: Number(vector.headers['x-timestamp']),
      });
      const expected = Object.fromEntries(Object.entries(vector.headers).filter(([, value]) => value !== null));
      expect(headers).toEqual(expected);
    });

    it.each(SIGNATURE_HEADERS.map((h) => [h] as const))(
      'verifyWebhook accepts the Python %s (V2: beside Simple)',
      async (header) => {
        const signature = vector.headers[header];
        if (signature === undefined || signature === null) {
          // Not in this vector: no previous secret, or a body whose Simple string cannot be written.
          expect(header.endsWith('-previous') ? vector.previous_secret : vector.simple_input).toBeFalsy();
          return;
        }
        const body = JSON.parse(vector.body) as Record<string, unknown>;
        let sent: Record<string, string> = { 'X-Timestamp': vector.headers['x-timestamp'], [header]: signature };
        if (header.startsWith('x-signature-v2')) {
          // V2 is weighed only beside a valid X-Signature-Simple (canonicalising costs several parses).
          await expect(verify(vector, sent)).rejects.toMatchObject({ reason: 'invalid_signature' });
          const simple = vector.headers[header.replace('v2', 'simple') as SignatureHeader];
          if (simple === undefined || simple === null) return;
          sent = { ...sent, [header.replace('v2', 'simple')]: simple };
        }
        if (header.startsWith('x-signature-simple') && typeof body.session_id !== 'string') {
          // Simple is only checked when it covers a session (a session_id, a status and a timestamp to
          // check): for an event without a session it would vouch for almost nothing.
          await expect(verify(vector, sent)).rejects.toMatchObject({ reason: 'invalid_signature' });
          return;
        }
        const event = await verify(vector, sent);
        expect(event.timestamp).toBe(body.timestamp);
        if (header.startsWith('x-signature-simple')) {
          // Only what the simple signature covers.
          expect(Object.keys(event).sort()).toEqual(
            ['session_id', 'status', 'timestamp', 'webhook_type'].filter((k) => k in body),
          );
        } else {
          const covered = Object.entries(body).filter(([k]) => ['webhook_type', 'session_id', 'event_id'].includes(k));
          expect(event).toMatchObject(Object.fromEntries(covered));
        }
      },
    );

    it('verifyWebhook refuses every Python signature under another secret', async () => {
      const headers = Object.fromEntries(Object.entries(vector.headers).filter(([, v]) => v !== null)) as Record<
        string,
        string
      >;
      await expect(verify(vector, headers, `${vector.secret}x`)).rejects.toMatchObject({ reason: 'invalid_signature' });
    });

    if (vector.previous_secret !== undefined) {
      const previous = vector.previous_secret;
      it('rotation: the previous secret alone verifies the -previous headers, and only them', async () => {
        const headers = vector.headers as Record<SignatureHeader, string>;
        const at = { 'x-timestamp': vector.headers['x-timestamp'] };
        const simple = { 'x-signature-simple-previous': headers['x-signature-simple-previous'] };
        for (const sent of <Record<string, string>[]>[
          { 'x-signature-previous': headers['x-signature-previous'] },
          { 'x-signature-v2-previous': headers['x-signature-v2-previous'], ...simple },
          simple,
        ]) {
          await expect(verify(vector, { ...at, ...sent }, previous)).resolves.toBeDefined();
          await expect(verify(vector, { ...at, ...sent }, vector.secret)).rejects.toMatchObject({
            reason: 'invalid_signature',
          });
        }
        await expect(verify(vector, { ...at, 'x-signature': headers['x-signature'] }, previous)).rejects.toMatchObject({
          reason: 'invalid_signature',
        });
      });
    }

    if (vector.expect !== undefined) {
      const { variant, decision } = vector.expect;
      it(`parses into the ${variant} variant, decision ${decision ?? 'absent'}`, async () => {
        const headers = { 'x-timestamp': vector.headers['x-timestamp'], 'x-signature': vector.headers['x-signature']! };
        const event: WebhookEvent = await verify(vector, headers);
        if (variant === 'unknown') {
          expect(isV3WebhookEvent(event)).toBe(false);
          expect(isLegacyWebhookEvent(event)).toBe(false);
          return;
        }
        expect(isV3WebhookEvent(event)).toBe(true);
        expect(event.webhook_type).toBe(variant);
        const fields = event as { decision?: unknown; unparsed_decision?: unknown };
        const sent = (JSON.parse(vector.body) as { decision?: unknown }).decision;
        if (decision === null) expect('decision' in fields || 'unparsed_decision' in fields).toBe(false);
        else if (decision === 'unparsed') {
          expect(fields.unparsed_decision).toEqual(sent);
          expect('decision' in fields).toBe(false);
        } else expect(fields.decision).toMatchObject({ session_id: (sent as { session_id: string }).session_id });
      });
    }

    if (vector.wire !== undefined) {
      const wire = vector.wire;
      it('serializeWebhookPayload(JSON.parse(body)) gives Didit wire form byte for byte', () => {
        expect(serializeWebhookPayload(JSON.parse(vector.body))).toBe(wire);
      });
    }
  });
});
