import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionDecisionSchema } from '@didit-kit/core/v3';
import { afterAll, describe, expect, it } from 'vitest';
import { readDecisionDir } from '../../src/fixture-dir.ts';
import { FixtureError } from '../../src/fixture-files.ts';
import { V3_FIXTURE_IDS } from '../../src/index.ts';
import { loadV3Fixtures, v3Fixture } from '../../src/v3/fixtures.ts';

const builtInFixturesDir = () => fileURLToPath(new URL('../../fixtures/', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'didit-v3-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('v3 fixtures (fixtures/v3/)', () => {
  it('one per outcome, each valid by core v3 sessionDecisionSchema, at the documented ids', () => {
    const fixtures = loadV3Fixtures();
    expect(fixtures.map((f) => f.sessionId).sort()).toEqual(Object.values(V3_FIXTURE_IDS).sort());
    expect(readdirSync(join(builtInFixturesDir(), 'v3'))).toHaveLength(fixtures.length);
    const statuses = new Map(fixtures.map((f) => [f.sessionId, f.decision.status]));
    expect(statuses.get(V3_FIXTURE_IDS.approved)).toBe('Approved');
    expect(statuses.get(V3_FIXTURE_IDS.resubmitted)).toBe('Resubmitted');
    expect(statuses.get(V3_FIXTURE_IDS.expired)).toBe('Expired');
    expect(statuses.get(V3_FIXTURE_IDS.abandoned)).toBe('Abandoned');
    expect(statuses.get(V3_FIXTURE_IDS.kybAwaitingUser)).toBe('Awaiting User');
    for (const fixture of fixtures) {
      expect(sessionDecisionSchema.safeParse(fixture.decision).success).toBe(true);
      expect(fixture.decision.environment).toBe('sandbox');
    }
  });

  it('a broken v3 fixture is a FixtureError naming the file and the field', () => {
    const file = 'decision.broken.json';
    expect(() => v3Fixture({ file, data: { session_id: 'x', status: 42 } })).toThrow(FixtureError);
    expect(() => v3Fixture({ file, data: { session_id: 'x', status: 42 } })).toThrow(
      /decision\.broken\.json: does not match the v3 SessionDecision schema[\s\S]*status/,
    );
    writeFileSync(join(dir, file), '{');
    expect(() => readDecisionDir(dir)).toThrow(FixtureError);
    expect(() => readDecisionDir(dir)).toThrow(/decision\.broken\.json: is not valid JSON/);
  });
});
