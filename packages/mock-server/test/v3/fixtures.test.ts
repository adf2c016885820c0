import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionDecisionSchema } from '@didit-kit/core/v3';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInFixturesDir, FixtureError } from '../../src/fixture-files.ts';
import { V3_FIXTURE_IDS } from '../../src/index.ts';
import { loadV3FixtureFile, loadV3Fixtures } from '../../src/v3/fixtures.ts';

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

  it('a broken v3 fixture is a FixtureError naming the field', () => {
    const file = join(dir, 'decision.broken.json');
    writeFileSync(file, JSON.stringify({ session_id: 'x', status: 42 }));
    expect(() => loadV3FixtureFile(file)).toThrow(FixtureError);
    writeFileSync(file, '{');
    expect(() => loadV3FixtureFile(file)).toThrow(/is not valid JSON/);
  });
});
