import type * as z from 'zod/mini';
import { ResponseValidationError } from './errors.ts';
import { notJsonError } from './not-json-error.ts';
import type { TransportResponse } from './transport/transport.ts';
import { describeIssues, toIssues } from './validation.ts';

/** Reads a JSON body and validates it; anything else is a `ResponseValidationError`. */
export function readJson<T>(schema: z.ZodMiniType<T>) {
  return readJsonQuoting(schema, true);
}

/**
 * `readJson`, and whether a body that is not JSON is quoted (its start) in the error. Not for a
 * body that may hold a secret the redactor does not know yet, such as the token endpoint's: its
 * issues name fields and what was wrong with them, never their values.
 */
export function readJsonQuoting<T>(schema: z.ZodMiniType<T>, quote: boolean) {
  return async (response: TransportResponse, requestId: string | undefined): Promise<T> => {
    const text = await response.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      const init = { status: response.status, requestId };
      throw quote
        ? notJsonError(text, init)
        : new ResponseValidationError('Expected a JSON body (the body is not shown)', init);
    }
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    const issues = toIssues(result.error);
    throw new ResponseValidationError(`The response did not match the schema: ${describeIssues(issues)}`, {
      status: response.status,
      requestId,
      issues,
    });
  };
}
