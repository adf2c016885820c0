import type { Context } from 'hono';
import { type FieldErrors, fieldErrors } from './drf.ts';
import type { JsonObject } from './json.ts';
import { type Checked, readJsonObject } from './validation.ts';

/** The part of a zod (or zod/mini) schema the adapter needs. */
export interface SafeParser<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string; code: string }[] } };
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

export function drfErrors(
  issues: readonly { path: PropertyKey[]; message: string; code: string }[],
  body: JsonObject,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.length === 0 ? 'non_field_errors' : String(issue.path[0]);
    let value: unknown = body;
    for (const key of issue.path) {
      value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    }
    let message: string;
    if (issue.path.length > 0 && value === undefined) message = 'This field is required.';
    else if (value === null) message = 'This field may not be null.';
    else if (issue.code === 'invalid_value' || issue.message.startsWith('must be one of')) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      message = `"${shown}" is not a valid choice.`;
    } else
      message =
        issue.path.length > 1 ? `${issue.path.slice(1).map(String).join('.')}: ${issue.message}` : issue.message;
    errors[field] = [...(errors[field] ?? []), message];
  }
  return errors;
}
