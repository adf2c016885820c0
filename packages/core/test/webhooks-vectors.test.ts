import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serializeWebhookPayload, signWebhook, verifyWebhook } from '../src/index.ts';
import { canonicalizeForSignatureV2 } from '../src/webhooks/canonical-json.ts';

// Vectors computed by test/vectors/make_vectors.py with Python's hmac, hashlib and json (the way
// Didit's servers sign), committed as data: this test checks them, it never regenerates them.
interface Vector {
  name: string;
  note: string;
  secret: string;
  body: string;
  headers: {
    'x-timestamp': string;
    'x-signature': string;
    'x-signature-v2': string;
    'x-signature-simple': string | null;
  };
  canonical_v2: string;
  wire?: string;
}

const { vectors } = JSON.parse(readFileSync(new URL('./vectors/webhook-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

describe('independent webhook vectors (Python hmac + json)', () => {
  it('has the vectors the generator writes', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const at = Number(vector.headers['x-timestamp']) * 1000;

    it('canonical V2 form equals Python json.dumps(sort_keys, compact, ensure_ascii=False)', () => {
      expect(canonicalizeForSignatureV2(vector.body)).toBe(vector.canonical_v2);
    });

    it('signWebhook gives the same three signatures', async () => {
      const headers = await signWebhook({
        body: vector.body,
        secret: vector.secret,
        timestamp: Number(vector.headers['x-timestamp']),
      });
      expect(headers['x-timestamp']).toBe(vector.headers['x-timestamp']);
      expect(headers['x-signature']).toBe(vector.headers['x-signature']);
      expect(headers['x-signature-v2']).toBe(vector.headers['x-signature-v2']);
      expect(headers['x-signature-simple']).toBe(vector.headers['x-signature-simple'] ?? undefined);
    });

    it.each([['x-signature'], ['x-signature-v2'], ['x-signature-simple']] as const)(
      'verifyWebhook accepts the Python %s alone',
      async (header) => {
        const signature = vector.headers[header];
        if (signature === null) {
          // No webhook_type in the body: no simple signature to check, and none is guessed.
          expect(vector.body).not.toContain('"webhook_type"');
          return;
        }
        const outcome = await verifyWebhook({
          body: vector.body,
          headers: { 'X-Timestamp': vector.headers['x-timestamp'], [header]: signature },
          secret: vector.secret,
          now: at,
        }).then(
          (event) => ({ ok: true as const, event }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        expect(outcome).toMatchObject({ ok: true, event: { session_id: JSON.parse(vector.body).session_id } });
      },
    );

    it('verifyWebhook refuses every Python signature under another secret', async () => {
      await expect(
        verifyWebhook({ body: vector.body, headers: vector.headers, secret: `${vector.secret}x`, now: at }),
      ).rejects.toMatchObject({ reason: 'invalid_signature' });
    });

    if (vector.wire !== undefined) {
      const wire = vector.wire;
      it('serializeWebhookPayload(JSON.parse(body)) gives Didit wire form byte for byte', () => {
        expect(serializeWebhookPayload(JSON.parse(vector.body))).toBe(wire);
      });
    }
  });
});
