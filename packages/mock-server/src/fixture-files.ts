import { isJsonObject, type JsonObject } from './json.ts';

// Decision files, checked the same way for both generations (v1/fixtures.ts, v3/fixtures.ts): each
// file is the JSON exactly as written, after it passed the generation's schema from core. The
// built-in ones are JSON modules (v1/built-in-fixtures.ts, v3/built-in-fixtures.ts), so nothing here
// needs a file system and the MSW handlers run in a browser; only a user's `fixturesDir` is read
// from disk (fixture-dir.ts).

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

/** The part of a zod (or zod/mini) issue a fixture error reads. */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
}

/** The part of core's decision schemas a fixture check needs. */
export interface DecisionSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** One decision file as read: its name (for errors) and its parsed JSON. */
export interface DecisionFile {
  readonly file: string;
  readonly data: unknown;
}

/**
 * Checks one decision file with `schema` (core's decision schema of its generation, named
 * `schemaName` in the error). Throws `FixtureError` when it cannot be served.
 */
export function checkDecisionFile<T>(
  { file, data }: DecisionFile,
  schema: DecisionSchema<T>,
  schemaName: string,
): { data: T; decision: JsonObject } {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: describeIssue(issue, data),
    }));
    throw new FixtureError(file, `does not match the ${schemaName} schema of @didit-kit/core:`, issues);
  }
  if (!isJsonObject(data)) throw new FixtureError(file, 'must hold a JSON object');
  return { data: result.data, decision: data };
}

/** zod/mini says only "Invalid input"; a fixture author needs what was expected and what was found. */
function describeIssue(issue: Issue, data: unknown): string {
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
