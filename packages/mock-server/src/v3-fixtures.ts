import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionDecisionSchema } from '@didit-kit/core/v3';
import { builtInFixturesDir, FixtureError } from './fixtures.ts';
import { isJsonObject, type JsonObject } from './json.ts';

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

export interface V3Fixture {
  readonly file: string;
  readonly sessionId: string;
  readonly decision: JsonObject;
}

let builtIns: V3Fixture[] | undefined;

/** Reads `fixtures/v3/*.json` once per process, each checked by core's v3 `sessionDecisionSchema`. */
export function loadV3Fixtures(): V3Fixture[] {
  if (builtIns) return builtIns;
  const dir = join(builtInFixturesDir(), 'v3');
  const fixtures: V3Fixture[] = [];
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.json')) fixtures.push(loadV3FixtureFile(join(dir, name)));
    }
  }
  builtIns = fixtures;
  return fixtures;
}

export function loadV3FixtureFile(file: string): V3Fixture {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FixtureError(file, `cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = sessionDecisionSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw new FixtureError(file, 'does not match the v3 SessionDecision schema of @didit-kit/core:', issues);
  }
  if (!isJsonObject(data) || typeof data.session_id !== 'string') throw new FixtureError(file, 'needs a session_id');
  return { file, sessionId: data.session_id, decision: data };
}
