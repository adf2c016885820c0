import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSessionId, sessionDecisionSchema } from '@didit-kit/core/v1';
import { isJsonObject, type JsonObject } from './json.ts';

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

/** One decision file: the JSON exactly as written, after it passed core's schema. */
export interface Fixture {
  readonly file: string;
  readonly sessionId: string;
  readonly decision: JsonObject;
}

export interface FixtureIssue {
  readonly path: string;
  readonly message: string;
}

/** A fixture that cannot be served: names the file and says what is wrong with it. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  readonly file: string;
  readonly issues: readonly FixtureIssue[];

  constructor(file: string, problem: string, issues: readonly FixtureIssue[] = []) {
    const listed = issues.map((issue) => `\n  - ${issue.path || '(root)'}: ${issue.message}`).join('');
    super(`Invalid fixture ${file}: ${problem}${listed}`);
    this.file = file;
    this.issues = issues;
  }
}

/** The `fixtures/` folder shipped with the package (next to `src/` and `dist/`). */
export function builtInFixturesDir(): string {
  // Not `new URL('../fixtures/', import.meta.url)`: under a jsdom test environment, Vite rewrites
  // that pattern to resolve against the page's location (http://localhost:3000/), not this file.
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
}

/** Reads and validates one decision file. Throws `FixtureError` when it cannot be served. */
export function loadFixtureFile(file: string): Fixture {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FixtureError(file, `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = sessionDecisionSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: describeIssue(issue, data),
    }));
    throw new FixtureError(file, 'does not match the SessionDecision schema of @didit-kit/core:', issues);
  }
  if (!isJsonObject(data)) throw new FixtureError(file, 'must hold a JSON object');
  if (!isSessionId(result.data.session_id)) {
    throw new FixtureError(
      file,
      `session_id ${JSON.stringify(result.data.session_id)} is not a UUID, so no API route could reach it`,
    );
  }
  return { file, sessionId: result.data.session_id, decision: data };
}

/** Every `*.json` in a folder, in name order. Two files with one `session_id` are an error. */
export function loadFixturesDir(dir: string): Fixture[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new FixtureError(dir, 'is not a directory of *.json decision files');
  }
  const fixtures: Fixture[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const fixture = loadFixtureFile(join(dir, name));
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
export function loadAllFixtures(userDir: string | undefined): Fixture[] {
  const byId = new Map<string, Fixture>();
  // The built-in files never change at run time, so they are read once per process.
  builtIns ??= loadFixturesDir(builtInFixturesDir());
  for (const fixture of builtIns) byId.set(fixture.sessionId, fixture);
  if (userDir !== undefined) {
    for (const fixture of loadFixturesDir(userDir)) byId.set(fixture.sessionId, fixture);
  }
  return [...byId.values()];
}

/** zod/mini says only "Invalid input"; a fixture author needs what was expected and what was found. */
function describeIssue(
  issue: { code: string; path: PropertyKey[]; message: string; expected?: unknown },
  data: unknown,
) {
  let found: unknown = data;
  for (const key of issue.path) {
    found = typeof found === 'object' && found !== null ? (found as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const shown = found === undefined ? 'nothing (the field is missing)' : describeValue(found);
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string') {
    return `expected ${issue.expected}, found ${shown}`;
  }
  return issue.message === 'Invalid input' ? `${issue.code}, found ${shown}` : issue.message;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
