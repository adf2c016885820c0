import { isSessionId, sessionDecisionSchema } from '@didit-kit/core/v1';
import { readDecisionDir } from '../fixture-dir.ts';
import { checkDecisionFile, type DecisionFile, type Fixture, FixtureError } from '../fixture-files.ts';
import { BUILT_IN_V1_FIXTURES } from './built-in-fixtures.ts';

/**
 * The pre-seeded sessions, one per built-in fixture. Their ids are fixed so tests and
 * docs can name them; the first is the id of the example in Didit's own documentation.
 */
export const FIXTURE_SESSION_IDS = {
  /** `decision.declined-aml.json`: Didit's documented example, served verbatim. */
  declinedAml: '11111111-2222-3333-4444-555555555555',
  approved: 'd1d17000-0000-4000-8000-000000000001',
  inReview: 'd1d17000-0000-4000-8000-000000000002',
  declinedFaceMatch: 'd1d17000-0000-4000-8000-000000000003',
  notStarted: 'd1d17000-0000-4000-8000-000000000004',
  inProgress: 'd1d17000-0000-4000-8000-000000000005',
  expired: 'd1d17000-0000-4000-8000-000000000006',
  abandoned: 'd1d17000-0000-4000-8000-000000000007',
  kycExpired: 'd1d17000-0000-4000-8000-000000000008',
} as const;

/** Checks one v1 decision file. Throws `FixtureError` when it cannot be served. */
export function v1Fixture(read: DecisionFile): Fixture {
  const { data, decision } = checkDecisionFile(read, sessionDecisionSchema, 'SessionDecision');
  if (!isSessionId(data.session_id)) {
    throw new FixtureError(
      read.file,
      `session_id ${JSON.stringify(data.session_id)} is not a UUID, so no API route could reach it`,
    );
  }
  return { file: read.file, sessionId: data.session_id, decision };
}

/** Checks a set of v1 decision files, in order. Two files with one `session_id` are an error. */
export function v1Fixtures(files: readonly DecisionFile[]): Fixture[] {
  const seen = new Map<string, string>();
  return files.map((read) => {
    const fixture = v1Fixture(read);
    const other = seen.get(fixture.sessionId);
    if (other !== undefined) {
      throw new FixtureError(fixture.file, `session_id ${fixture.sessionId} is already used by ${fileName(other)}`);
    }
    seen.set(fixture.sessionId, fixture.file);
    return fixture;
  });
}

let builtIns: Fixture[] | undefined;

/** The built-in fixtures, then the user's; a user fixture replaces a built-in one with its `session_id`. */
export function loadV1Fixtures(userDir: string | undefined): Fixture[] {
  const byId = new Map<string, Fixture>();
  // The built-in files never change, so they are checked once per process.
  builtIns ??= v1Fixtures(BUILT_IN_V1_FIXTURES);
  for (const fixture of builtIns) byId.set(fixture.sessionId, fixture);
  if (userDir !== undefined) {
    for (const fixture of v1Fixtures(readDecisionDir(userDir))) byId.set(fixture.sessionId, fixture);
  }
  return [...byId.values()];
}

/** `a.json` of `/some/dir/a.json` (either slash: no node:path here). */
function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
