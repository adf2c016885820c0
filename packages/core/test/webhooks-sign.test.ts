import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, serializeWebhookPayload, signWebhook } from '../src/index.ts';
import { CanonicalJsonError, canonicalizeForSignatureV2, scanSignedJson } from '../src/webhooks/canonical-scan.ts';
import { compareCodePoints, writeCanonical } from '../src/webhooks/canonical-write.ts';
import { JsonNumberText, parseLosslessJson } from '../src/webhooks/lossless-json.ts';
import { pythonNumber, pythonNumberFromLexeme, pythonStrFromLexeme } from '../src/webhooks/python-json-number.ts';
import { simpleSignatureInput } from '../src/webhooks/simple-signature.ts';

// Property runs are replayable: a failure prints its seed; FC_SEED=<seed> replays it.
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

const SECRET = 'whsec_unit_test_secret';

describe('pythonNumber: numbers as Python json.dumps prints them after the whole-float rule', () => {
  it.each([
    [97, '97'],
    [-0, '0'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00009, '9e-05'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [-2.5e-6, '-2.5e-06'],
    [5e-324, '5e-324'],
    [0.30000000000000004, '0.30000000000000004'],
    [0.7034920634920635, '0.7034920634920635'],
    [4503599627370495.5, '4503599627370495.5'],
    [1e16, '10000000000000000'],
    [1e21, '1000000000000000000000'],
    [1e22, '10000000000000000000000'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('%s → %s', (value, expected) => {
    expect(pythonNumber(value)).toBe(expected);
  });

  it.each([
    ['97', '97'],
    ['-0', '0'],
    ['97.0', '97'],
    ['-0.0', '0'],
    ['1E2', '100'],
    ['2.5e+3', '2500'],
    ['1e-05', '1e-05'],
    ['12345678901234567890', '12345678901234567890'],
    ['1e400', 'Infinity'],
  ])('lexeme %s → %s (ints keep every digit)', (lexeme, expected) => {
    expect(pythonNumberFromLexeme(lexeme)).toBe(expected);
  });

  it.each([
    ['1735689600', '1735689600'],
    ['-0', '0'],
    ['1735689600.0', '1735689600.0'],
    ['1.5', '1.5'],
    ['-0.0', '-0.0'],
    ['1e16', '1e+16'],
    ['1E2', '100.0'],
    ['1e-05', '1e-05'],
    ['12345678901234567890', '12345678901234567890'],
    ['1e400', 'inf'],
    ['-1e400', '-inf'],
  ])('str() of lexeme %s → %s (what X-Signature-Simple writes)', (lexeme, expected) => {
    expect(pythonStrFromLexeme(lexeme)).toBe(expected);
  });
});

describe('scanSignedJson: the one-pass V2 canonicaliser', () => {
  /** The tree-building reference: parse with number lexemes, then write canonically. */
  const reference = (text: string): string => writeCanonical(parseLosslessJson(text), false);
  const outcome = (run: () => string) => {
    try {
      return { ok: run() };
    } catch {
      return { error: true };
    }
  };
  const nearJson = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
    fc.jsonValue().map((v) => serializeWebhookPayload(v)),
    // Repeated keys (the last one wins), in any order, with keys Python and JavaScript sort differently.
    fc
      .array(
        fc.tuple(fc.oneof(fc.string(), fc.constantFrom('😀', 'ﬀ', '\uffff', 'é')), fc.jsonValue({ maxDepth: 2 })),
        {
          maxLength: 8,
        },
      )
      .chain((members) => fc.shuffledSubarray([...members, ...members]))
      .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('a', 'b', 'é', '😀', 'ﬀ', '\\u00e9', 'a\\n', ''),
          fc.constantFrom('1', '1.0', '-0', '1e-05', '0.00001', '97.50', '1E2', '"x"', '"\\u00e9"', '[]', '{}', 'null'),
        ),
        { maxLength: 6 },
      )
      .map((members) => `{${members.map(([k, v]) => `"${k}" : ${v}`).join(' ,')}}`),
    fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789.eE+-truefalsn \\u\t\n'.split('')), maxLength: 30 }),
  );

  it('gives the same canonical form as the tree-building writer, and fails on the same texts (property)', () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        expect(outcome(() => scanSignedJson(text, 1000).canonical)).toEqual(outcome(() => reference(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps an already canonical text as it is (no copy), and rewrites only what differs', () => {
    const canonical = '{"a":[1,2.5,"é"],"b":{"c":null}}';
    expect(scanSignedJson(canonical, 64).canonical).toBe(canonical);
    expect(scanSignedJson(' { "b" : {"c":null}, "a":[1, 2.50, "\\u00e9"] } ', 64).canonical).toBe(canonical);
  });

  it('refuses more nested containers than maxDepth as soon as it meets them', () => {
    expect(scanSignedJson('[[[1]]]', 3).canonical).toBe('[[[1]]]');
    expect(() => scanSignedJson('[[[[1]]]]', 3)).toThrow(CanonicalJsonError);
    expect(() => scanSignedJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 1000)).toThrow(/Nesting deeper/);
  });

  it('notes the top-level fields X-Signature-Simple covers, as JSON text, the last of a repeated key', () => {
    const { simpleFields } = scanSignedJson(
      '{"status":"A","nested":{"session_id":"no"},"timestamp":1.0,"status":"B","session_id":"s\\u00e9"}',
      64,
    );
    expect(simpleFields).toEqual({ status: '"B"', timestamp: '1.0', session_id: '"s\\u00e9"' });
    expect(simpleSignatureInput(simpleFields)).toBe('1.0:sé:B:');
    expect(scanSignedJson('[1]', 64).simpleFields).toBeUndefined();
    expect(simpleSignatureInput(scanSignedJson('{"timestamp":{}}', 64).simpleFields)).toBeUndefined();
    expect(simpleSignatureInput(scanSignedJson('{"status":true,"session_id":null}', 64).simpleFields)).toBe(
      ':None:True:',
    );
  });
});

describe('serializeWebhookPayload: Didit wire form', () => {
  it('sorts keys by code point, compact, \\uXXXX escapes for everything from U+007F', () => {
    const body = serializeWebhookPayload({ z: 1, '😀': 'a', ﬀ: 'b', a: 'Zoë 😀\u007f\n"\\', b: [1, 0.5, null, true] });
    expect(body).toBe(
      '{"a":"Zo\\u00eb \\ud83d\\ude00\\u007f\\n\\"\\\\","b":[1,0.5,null,true],"z":1,"\\ufb00":"b","\\ud83d\\ude00":"a"}',
    );
  });

  it('leaves out undefined properties, writes null for undefined array items, uses toJSON', () => {
    expect(serializeWebhookPayload({ a: undefined, b: [undefined], c: new Date(0) })).toBe(
      '{"b":[null],"c":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it.each([
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
    ['NaN', { n: Number.NaN }],
    ['undefined', undefined],
    ['a function', () => 1],
  ])('refuses %s with InvalidArgumentError', (_name, value) => {
    expect(() => serializeWebhookPayload(value)).toThrow(InvalidArgumentError);
  });

  it('round-trips any JSON value through JSON.parse (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const body = serializeWebhookPayload(value);
        expect(/^[\x20-\x7e]*$/.test(body)).toBe(true);
        // JSON cannot hold -0; everything else comes back equal.
        expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('has the same V2 form whichever way a framework re-serialised it (property)', () => {
    // Beyond 2^53 JavaScript prints a whole double with its shortest digits (35935397272399710 for
    // 35935397272399712): an int-looking lexeme that Python would read as a different int. Such
    // values cannot survive a JavaScript re-serialisation, so the property leaves them out.
    const safe = fc.jsonValue().filter((v) => !hasUnsafeWhole(v));
    fc.assert(
      fc.property(safe, (value) => {
        const wire = serializeWebhookPayload(value);
        expect(canonicalizeForSignatureV2(JSON.stringify(value))).toBe(canonicalizeForSignatureV2(wire));
        expect(canonicalizeForSignatureV2(JSON.stringify(value, null, 2))).toBe(canonicalizeForSignatureV2(wire));
      }),
    );
  });
});

describe('parseLosslessJson', () => {
  it('accepts exactly what JSON.parse accepts (property over near-JSON strings)', () => {
    const nearJson = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
      fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789.eE+-truefalsn \\u\t\n'.split('')), maxLength: 30 }),
      fc.string(),
    );
    fc.assert(
      fc.property(nearJson, (text) => {
        let native: unknown;
        let nativeOk = true;
        try {
          native = JSON.parse(text);
        } catch {
          nativeOk = false;
        }
        let lossless: unknown;
        let losslessOk = true;
        try {
          lossless = parseLosslessJson(text);
        } catch {
          losslessOk = false;
        }
        expect(losslessOk).toBe(nativeOk);
        if (nativeOk) expect(toPlain(lossless)).toEqual(native);
      }),
    );
  });

  it('keeps the last of duplicate keys, like JSON.parse and json.loads', () => {
    expect(canonicalizeForSignatureV2('{"a":1,"b":2,"a":3}')).toBe('{"a":3,"b":2}');
  });

  it('refuses nesting deeper than Python can sign, without a stack overflow', () => {
    expect(() => parseLosslessJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/too deep/);
  });
});

describe('compareCodePoints', () => {
  it('orders an astral character after U+FFxx, as Python does (UTF-16 order would not)', () => {
    expect(['😀', 'ﬀ', 'a'].sort(compareCodePoints)).toEqual(['a', 'ﬀ', '😀']);
    expect(['😀', 'ﬀ'].sort()).toEqual(['😀', 'ﬀ']);
  });
});

describe('signWebhook', () => {
  it('signs a body with all three headers', async () => {
    const body = serializeWebhookPayload({
      session_id: '11111111-2222-3333-4444-555555555555',
      status: 'Approved',
      webhook_type: 'status.updated',
      created_at: 1,
      timestamp: 1735689600,
      vendor_data: 'u',
    });
    const headers = await signWebhook({ body, secret: SECRET, timestamp: 1735689600 });
    expect(Object.keys(headers).sort()).toEqual(['x-signature', 'x-signature-simple', 'x-signature-v2', 'x-timestamp']);
    expect(headers['x-timestamp']).toBe('1735689600');
    for (const value of Object.values(headers).slice(1)) expect(value).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs bytes, ArrayBuffer and Buffer the same as the string', async () => {
    const body = '{"b":1,"a":"é"}';
    const expected = await signWebhook({ body, secret: SECRET, timestamp: 5 });
    const bytes = new TextEncoder().encode(body);
    expect(await signWebhook({ body: bytes, secret: SECRET, timestamp: 5 })).toEqual(expected);
    expect(await signWebhook({ body: bytes.buffer, secret: SECRET, timestamp: 5 })).toEqual(expected);
    // A Buffer that is a view into a larger pool.
    const pooled = Buffer.concat([Buffer.from('xx'), Buffer.from(body)]).subarray(2);
    expect(await signWebhook({ body: pooled, secret: SECRET, timestamp: 5 })).toEqual(expected);
  });

  it('leaves out V2 and Simple for a body that is not JSON, and Simple for one that is not an object', async () => {
    expect(Object.keys(await signWebhook({ body: 'not json', secret: SECRET }))).toEqual([
      'x-timestamp',
      'x-signature',
    ]);
    expect(Object.keys(await signWebhook({ body: '[1]', secret: SECRET }))).toEqual([
      'x-timestamp',
      'x-signature',
      'x-signature-v2',
    ]);
  });

  it("signs Simple over the body's own timestamp, session_id, status and webhook_type, as Didit does", async () => {
    const { createHmac } = await import('node:crypto');
    const expected = (input: string) => createHmac('sha256', SECRET).update(input).digest('hex');
    const v1 = await signWebhook({
      body: '{"session_id":"a","status":"b","timestamp":7}',
      secret: SECRET,
      timestamp: 9,
    });
    expect(v1['x-signature-simple']).toBe(expected('7:a:b:'));
    const v3 = await signWebhook({
      body: '{"session_id":"a","status":"b","timestamp":7,"webhook_type":"status.updated"}',
      secret: SECRET,
      timestamp: 9,
    });
    expect(v3['x-signature-simple']).toBe(expected('7:a:b:status.updated'));
  });

  it('signs the -previous headers with the second secret of [current, previous]', async () => {
    const body = '{"session_id":"a","status":"b","timestamp":7}';
    const current = await signWebhook({ body, secret: SECRET, timestamp: 5 });
    const previous = await signWebhook({ body, secret: 'old secret', timestamp: 5 });
    const both = await signWebhook({ body, secret: [SECRET, 'old secret'], timestamp: 5 });
    expect(both).toEqual({
      ...current,
      'x-signature-previous': previous['x-signature'],
      'x-signature-v2-previous': previous['x-signature-v2'],
      'x-signature-simple-previous': previous['x-signature-simple'],
    });
    expect(await signWebhook({ body, secret: [SECRET], timestamp: 5 })).toEqual(current);
  });

  it('defaults the timestamp to now', async () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = await signWebhook({ body: '{}', secret: SECRET });
    expect(Number(headers['x-timestamp'])).toBeGreaterThanOrEqual(before);
    expect(Number(headers['x-timestamp'])).toBeLessThanOrEqual(before + 1);
  });

  it.each([
    ['an empty secret', { body: '{}', secret: '' }],
    ['no secret in an array', { body: '{}', secret: [] }],
    ['three secrets', { body: '{}', secret: [SECRET, 'b', 'c'] }],
    ['an object body', { body: { a: 1 } as unknown as string, secret: SECRET }],
    ['a fractional timestamp', { body: '{}', secret: SECRET, timestamp: 1.5 }],
  ])('refuses %s with InvalidArgumentError (no secret in the message)', async (_name, options) => {
    const error = await signWebhook(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(String((error as Error).message)).not.toContain(SECRET);
  });
});

function hasUnsafeWhole(x: unknown): boolean {
  if (typeof x === 'number') return Number.isInteger(x) && !Number.isSafeInteger(x) && Math.abs(x) < 1e21;
  if (typeof x === 'object' && x !== null) return Object.values(x).some(hasUnsafeWhole);
  return false;
}

function toPlain(value: unknown): unknown {
  if (value instanceof JsonNumberText) return Number(value.text);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value)
      Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
