import { sessionDecisionSchema } from '@didit-kit/core/v3';
import { checkDecisionFile, type DecisionFile, type Fixture, FixtureError } from '../fixture-files.ts';
import { BUILT_IN_V3_FIXTURES } from './built-in-fixtures.ts';

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

/** The built-in v3 fixtures (`fixtures/v3/*.json`), each checked once per process by core's v3 `sessionDecisionSchema`. */
export function loadV3Fixtures(): Fixture[] {
  builtIns ??= BUILT_IN_V3_FIXTURES.map(v3Fixture);
  return builtIns;
}

/** Checks one v3 decision file. Throws `FixtureError` when it cannot be served. */
export function v3Fixture(read: DecisionFile): Fixture {
  const { data, decision } = checkDecisionFile(read, sessionDecisionSchema, 'v3 SessionDecision');
  if (typeof data.session_id !== 'string') throw new FixtureError(read.file, 'needs a session_id');
  return { file: read.file, sessionId: data.session_id, decision };
}
