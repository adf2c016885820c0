import type { Context } from 'hono';
import { type FieldErrors, fieldErrors } from './drf.ts';
import type { JsonObject } from './json.ts';
import { type Checked, readJsonObject } from './validation.ts';

/** The part of a zod issue the adapter reads (`expected` on a type mismatch). */
interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
  expected?: unknown;
}

/** The part of a zod (or zod/mini) schema the adapter needs. */
export interface SafeParser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/**
 * Checks a request body with one of core's request schemas and answers DRF's 400 field map
 * (`{"field": ["message"]}`) when it fails: the one place zod issues become Didit's error bodies.
 * A missing field says DRF's `This field is required.`, a bad choice `"x" is not a valid choice.`;
 * issues about the body as a whole go under `non_field_errors`.
 */
export function checkBody<T>(c: Context, schema: SafeParser<T>, body: JsonObject): Checked<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: fieldErrors(c, drfErrors(result.error.issues, body)) };
}

/** The request's JSON object body, checked with `schema`: a DRF 400 for a body that is not JSON or fails it. */
export async function readBody<T>(c: Context, schema: SafeParser<T>): Promise<Checked<T>> {
  const read = await readJsonObject(c);
  return read.ok ? checkBody(c, schema, read.value) : read;
}

export function drfErrors(issues: readonly Issue[], body: JsonObject): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.length === 0 ? 'non_field_errors' : String(issue.path[0]);
    let value: unknown = body;
    for (const key of issue.path) {
      value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    }
    const message =
      issue.path.length > 0 && value === undefined
        ? 'This field is required.'
        : value === null
          ? 'This field may not be null.'
          : (drfWording(issue, value) ??
            (issue.path.length > 1 ? `${issue.path.slice(1).map(String).join('.')}: ${issue.message}` : issue.message));
    errors[field] = [...(errors[field] ?? []), message];
  }
  return errors;
}

/**
 * DRF's own message for the checks core's schemas make (see core's schemas/checks.ts), so a client
 * that shows Didit's messages shows the same ones; undefined for anything else (core's message is used).
 */
function drfWording(issue: Issue, value: unknown): string | undefined {
  if (issue.code === 'invalid_value' || issue.message.startsWith('must be one of')) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    return `"${shown.length > 100 ? `${shown.slice(0, 100)}…` : shown}" is not a valid choice.`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'string') {
    return 'Not a valid string.';
  }
  if (typeof value !== 'string') return undefined;
  if (issue.message === 'must be an absolute http(s) URL') {
    return value.trim() === '' ? 'This field may not be blank.' : 'Enter a valid URL.';
  }
  const length = /^must be (\d+) to (\d+) characters long$/.exec(issue.message);
  if (length) {
    const [min, max] = [Number(length[1]), Number(length[2])];
    if (value.length > max) return `Ensure this field has no more than ${max} characters.`;
    return min === 1 && value === ''
      ? 'This field may not be blank.'
      : `Ensure this field has at least ${min} characters.`;
  }
  return undefined;
}
