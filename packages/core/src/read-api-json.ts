import type * as z from 'zod/mini';
import { ResponseValidationError } from './errors.ts';
import { notJsonError } from './not-json-error.ts';
import type { ResponseReader } from './request-options.ts';
import { describeIssues, toIssues } from './validation.ts';

/**
 * The reader of every generated operation (everything but the hand-written sessions family, which
 * is validated strictly): a response that differs from Didit's spec only where Didit commonly
 * drifts never fails the call. Fields Didit adds are kept (the schemas are loose), an enum value it
 * adds parses (enums are open), and a `null` or a missing field where the spec promises a value is
 * accepted as sent and reported once through the client's logger (`context.drift`). Any other
 * difference, such as a string where the spec says number, would mislead the caller: it is a
 * `ResponseValidationError`, as for the sessions family.
 */
export function readApiJson<T>(schema: z.ZodMiniType<T, unknown>, name: string): ResponseReader<T> {
  return async (response, requestId, context) => {
    const text = await response.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw notJsonError(text, { status: response.status, requestId });
    }
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return result.data;
    const issues = result.error.issues;
    if (issues.every(isDrift)) {
      context?.drift?.(
        name,
        issues.map((issue) => issue.path.map(String).join('.') || '(root)'),
      );
      return data as T;
    }
    const described = toIssues(result.error);
    throw new ResponseValidationError(`The response did not match the schema: ${describeIssues(described)}`, {
      status: response.status,
      requestId,
      issues: described,
    });
  };
}

/** `readApiJson`, or `{}` when Didit answers with no body (204) where the spec also documents one. */
export function readApiJsonOrEmpty<T>(
  schema: z.ZodMiniType<T, unknown>,
  name: string,
): ResponseReader<T | Record<string, never>> {
  const read = readApiJson(schema, name);
  return async (response, requestId, context) => {
    if (response.status === 204) {
      await response.text().catch(() => '');
      return {};
    }
    return read(response, requestId, context);
  };
}

/** A value missing (or `null`) where the spec promised one: drift, not a wrong shape. */
function isDrift(issue: z.core.$ZodIssue): boolean {
  const input = (issue as { input?: unknown }).input;
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && (input === null || input === undefined);
}
