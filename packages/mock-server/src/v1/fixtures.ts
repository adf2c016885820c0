import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isSessionId, sessionDecisionSchema } from '@didit-kit/core/v1';
import { builtInFixturesDir, type Fixture, FixtureError, readDecisionFile } from '../fixture-files.ts';

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

/** Reads and validates one v1 decision file. Throws `FixtureError` when it cannot be served. */
export function loadV1FixtureFile(file: string): Fixture {
  const { data, decision } = readDecisionFile(file, sessionDecisionSchema, 'SessionDecision');
  if (!isSessionId(data.session_id)) {
    throw new FixtureError(
      file,
      `session_id ${JSON.stringify(data.session_id)} is not a UUID, so no API route could reach it`,
    );
  }
  return { file, sessionId: data.session_id, decision };
}

/** Every `*.json` in a folder, in name order. Two files with one `session_id` are an error. */
export function loadV1FixturesDir(dir: string): Fixture[] {
  if (!isDirectory(dir)) throw new FixtureError(dir, 'is not a directory of *.json decision files');
  const fixtures: Fixture[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const fixture = loadV1FixtureFile(join(dir, name));
    const other = seen.get(fixture.sessionId);
    if (other !== undefined) {
      throw new FixtureError(fixture.file, `session_id ${fixture.sessionId} is already used by ${basename(other)}`);
    }
    seen.set(fixture.sessionId, fixture.file);
    fixtures.push(fixture);
  }
  return fixtures;
}

let builtIns: Fixture[] | undefined;

/** The built-in fixtures, then the user's; a user fixture replaces a built-in one with its `session_id`. */
export function loadV1Fixtures(userDir: string | undefined): Fixture[] {
  const byId = new Map<string, Fixture>();
  // The built-in files never change at run time, so they are read once per process.
  builtIns ??= loadV1FixturesDir(builtInFixturesDir());
  for (const fixture of builtIns) byId.set(fixture.sessionId, fixture);
  if (userDir !== undefined) {
    for (const fixture of loadV1FixturesDir(userDir)) byId.set(fixture.sessionId, fixture);
  }
  return [...byId.values()];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
