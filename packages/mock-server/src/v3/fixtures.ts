import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sessionDecisionSchema } from '@didit-kit/core/v3';
import { builtInFixturesDir, type Fixture, FixtureError, readDecisionFile } from '../fixture-files.ts';

/** The v3 decision fixtures (`fixtures/v3/`), by outcome. Each is a pre-seeded v3 session too. */
export const V3_FIXTURE_IDS = {
  approved: 'd1d17000-0000-4000-8000-000000000301',
  declinedDocumentExpired: 'd1d17000-0000-4000-8000-000000000302',
  declinedFaceMatch: 'd1d17000-0000-4000-8000-000000000303',
  inReviewAml: 'd1d17000-0000-4000-8000-000000000304',
  resubmitted: 'd1d17000-0000-4000-8000-000000000305',
  expired: 'd1d17000-0000-4000-8000-000000000306',
  abandoned: 'd1d17000-0000-4000-8000-000000000307',
  kybAwaitingUser: 'd1d17000-0000-4000-8000-000000000308',
  kybDeclinedRegistry: 'd1d17000-0000-4000-8000-000000000309',
} as const;

let builtIns: Fixture[] | undefined;

/** Reads `fixtures/v3/*.json` once per process, each checked by core's v3 `sessionDecisionSchema`. */
export function loadV3Fixtures(): Fixture[] {
  if (builtIns) return builtIns;
  const dir = join(builtInFixturesDir(), 'v3');
  const fixtures: Fixture[] = [];
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.json')) fixtures.push(loadV3FixtureFile(join(dir, name)));
    }
  }
  builtIns = fixtures;
  return fixtures;
}

/** Reads and validates one v3 decision file. Throws `FixtureError` when it cannot be served. */
export function loadV3FixtureFile(file: string): Fixture {
  const { data, decision } = readDecisionFile(file, sessionDecisionSchema, 'v3 SessionDecision');
  if (typeof data.session_id !== 'string') throw new FixtureError(file, 'needs a session_id');
  return { file, sessionId: data.session_id, decision };
}
