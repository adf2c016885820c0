import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionDecisionSchema } from '../src/index.ts';
import { compileFastValidator } from '../src/schemas/fast-validator.ts';
import { createdSessionSchema } from '../src/schemas/session.schema.ts';

const seedText = readFileSync(new URL('./fixtures/decision.declined-aml.json', import.meta.url), 'utf8');
const fast = compileFastValidator(sessionDecisionSchema);

/** The verdict and output of zod, and of the compiled validator, on a fresh copy of `value`. */
function both(value: unknown) {
  const text = JSON.stringify(value);
  const viaZod = sessionDecisionSchema.safeParse(JSON.parse(text));
  const viaFast = fast?.(JSON.parse(text));
  return { viaZod, viaFast };
}

// Values that are often valid: the seed with one field replaced by an arbitrary JSON value.
const seed = JSON.parse(seedText) as Record<string, unknown>;
const paths = (function collect(value: unknown, prefix: (string | number)[]): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => collect((value as Record<string | number, unknown>)[k], [...prefix, k]))];
})(seed, []).filter((p) => p.length > 0);

function withReplaced(path: (string | number)[], replacement: unknown): unknown {
  const copy = JSON.parse(seedText) as Record<string | number, unknown>;
  if (path.length === 0) return replacement;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

describe('the compiled decision validator', () => {
  it('compiles for the decision schema', () => {
    expect(fast).toBeTypeOf('function');
  });

  it('declines schemas it does not fully understand (string checks), leaving them to zod', () => {
    expect(compileFastValidator(createdSessionSchema)).toBeDefined();
    expect(compileFastValidator(createdSessionSchema.def.shape.session_id.check(() => {}))).toBeUndefined();
    expect(compileFastValidator(sessionDecisionSchema.check(() => {}))).toBeUndefined();
  });

  it('accepts the seed and returns the same data zod returns', () => {
    const { viaZod, viaFast } = both(seed);
    expect(viaZod.success).toBe(true);
    expect(viaFast).toEqual(viaZod.data);
  });

  it('fills absent lists with [] as zod does', () => {
    const { viaZod, viaFast } = both({ session_id: 'x', status: 'Approved', warnings: null });
    expect(viaFast).toEqual(viaZod.data);
    expect(viaFast).toMatchObject({ warnings: [], reviews: [], extra_images: [] });
  });

  it('agrees with zod on the seed with any one field replaced by any JSON value (or removed)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.constant(undefined)), (path, replacement) => {
        const { viaZod, viaFast } = both(withReplaced(path, replacement));
        expect(viaFast !== undefined).toBe(viaZod.success);
        if (viaZod.success) expect(viaFast).toEqual(viaZod.data);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('agrees with zod on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const { viaZod, viaFast } = both(value);
        expect(viaFast !== undefined).toBe(viaZod.success);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
