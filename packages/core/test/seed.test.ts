import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// v1's schema from its module: the package entry exports it under `v1`.
import { sessionDecisionSchema } from '../src/v1/schemas/decision.schema.ts';

const seedPath = new URL('../spec/examples/v1/decision.declined-aml.json', import.meta.url);

describe('the seed decision', () => {
  it('parses to a SessionDecision deep-equal to the JSON', () => {
    const json: unknown = JSON.parse(readFileSync(seedPath, 'utf8'));
    const decision = sessionDecisionSchema.parse(json);
    expect(decision).toEqual(json);
    expect(decision.status).toBe('Declined');
    expect(decision.aml?.hits[0]?.caption).toBe('Kozlov Sergey Alexandrovich');
  });
});
