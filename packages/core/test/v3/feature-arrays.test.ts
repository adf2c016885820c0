import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { V3_FEATURE_ARRAYS } from '../../src/server.ts';

// Didit's own v3 decision examples (user and business), from the vendored spec.
const spec = JSON.parse(readFileSync(new URL('../../spec/didit-openapi-v3.json', import.meta.url), 'utf8'));
const examples = Object.values(
  spec.paths['/v3/session/{sessionId}/decision/'].get.responses['200'].content['application/json'].examples,
).map((example) => (example as { value: Record<string, unknown> }).value);

describe('V3_FEATURE_ARRAYS', () => {
  it("holds every feature array of Didit's v3 decision examples (arrays of node objects; not reviews)", () => {
    const arrays = examples.flatMap((decision) =>
      Object.entries(decision)
        .filter(([key, value]) => key !== 'reviews' && Array.isArray(value) && value.some((v) => typeof v === 'object'))
        .map(([key]) => key),
    );
    expect(examples).toHaveLength(2);
    expect(arrays.length).toBeGreaterThan(5);
    for (const key of arrays) expect(V3_FEATURE_ARRAYS).toContain(key);
  });

  it('has no key twice', () => {
    expect(new Set(V3_FEATURE_ARRAYS).size).toBe(V3_FEATURE_ARRAYS.length);
  });
});
