import { DiditClient, ResponseValidationError, sessionDecisionSchema } from '@didit-kit/core/v1';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../lib/fixtures.ts';
import { fuzz } from '../lib/fuzz.ts';
import { SCALE } from '../lib/scale.ts';

// Arbitrary JSON as a decision, read the way an application reads it: through `DiditClient`
// (here with an injected fetch answering 200 with that body). The only outcomes allowed are a
// decision or a ResponseValidationError; and the client's fast path must agree with the zod
// schema it stands in for, on both the verdict and the value.

const fixtures = [...loadFixtures().values()] as Record<string, unknown>[];
const SESSION_ID = '11111111-2222-3333-4444-555555555555';

function clientAnswering(text: string): DiditClient {
  return new DiditClient({
    baseUrl: 'http://didit.test',
    maxRetries: 0,
    fetch: async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } }),
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function readThroughClient(text: string): Promise<Outcome> {
  try {
    return { ok: true, value: await clientAnswering(text).sessions.getDecision(SESSION_ID) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** `compareValues: false` for bodies nested too deep for a recursive deep-equal (the verdicts are still compared). */
function expectConsistent(outcome: Outcome, text: string, compareValues = true): void {
  // From the text the client got (not the generated value: JSON has no -0, for one).
  const reference = sessionDecisionSchema.safeParse(JSON.parse(text));
  if (!outcome.ok) {
    expect(outcome.error, String(outcome.error)).toBeInstanceOf(ResponseValidationError);
    expect((outcome.error as ResponseValidationError).message.length).toBeGreaterThan(0);
    expect(reference.success, 'the client refused a body the schema accepts').toBe(false);
    return;
  }
  expect(reference.success, 'the client accepted a body the schema refuses').toBe(true);
  if (reference.success && compareValues) expect(outcome.value).toEqual(reference.data);
}

/** A fixture with one value somewhere inside replaced, removed, or joined by an unknown key. */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...fixtures),
    fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('replace', 'delete', 'add'),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([fixture, steps, action, value]) => {
    const copy = structuredClone(fixture) as Record<string, unknown>;
    let parent: Record<string, unknown> | unknown[] = copy;
    let key: string | number = '';
    for (const step of steps) {
      const keys: (string | number)[] = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent);
      if (keys.length === 0) break;
      key = keys[step % keys.length]!;
      const child: unknown = (parent as Record<string | number, unknown>)[key];
      if (typeof child !== 'object' || child === null) break;
      if (steps.indexOf(step) === steps.length - 1) break;
      parent = child as Record<string, unknown> | unknown[];
    }
    const target = parent as Record<string | number, unknown>;
    if (action === 'replace') target[key] = value;
    else if (action === 'delete') delete target[key];
    else target[`unknown_${String(key)}`] = value;
    return copy;
  });

/** Arrays nested `depth` deep, at the top or under a field the schema looks into. */
const deeplyNested = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('top', 'kyc', 'warnings', 'unknown_field'))
  .map(([depth, where]) => {
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (where === 'top') return nested;
    // Last, so it replaces the fixture's own field of that name.
    const fixture = JSON.stringify(fixtures[0]);
    return `${fixture.slice(0, -1)},"${where}":${nested}}`;
  });

describe('fuzzing the decision schema through DiditClient', () => {
  it('arbitrary JSON: a decision or a ResponseValidationError, in agreement with the zod schema', async () => {
    await fuzz(
      'decision: arbitrary JSON',
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (json) => {
        const text = JSON.stringify(json);
        expectConsistent(await readThroughClient(text), text);
      }),
      SCALE.fuzzRuns,
    );
  });

  it('fixtures with one value changed, removed or added: the same', async () => {
    let accepted = 0;
    await fuzz(
      'decision: mutated fixtures',
      fc.asyncProperty(mutatedFixture, async (json) => {
        const text = JSON.stringify(json);
        const outcome = await readThroughClient(text);
        if (outcome.ok) accepted++;
        expectConsistent(outcome, text);
      }),
      SCALE.fuzzRuns,
      () => ({ accepted }),
    );
  });

  it('text that is not JSON, and JSON nested 20,000 deep: a ResponseValidationError, never a crash', async () => {
    await fuzz(
      'decision: not JSON, deep nesting',
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), deeplyNested), async (text) => {
        const outcome = await readThroughClient(text);
        try {
          JSON.parse(text);
        } catch {
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.error).toBeInstanceOf(ResponseValidationError);
          return;
        }
        expectConsistent(outcome, text, false);
      }),
      Math.round(SCALE.fuzzRuns / 4),
    );
  });
});
