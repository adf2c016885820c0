import type * as z from 'zod/mini';
import { ResponseValidationError } from './errors.ts';
import type { TransportResponse } from './transport/transport.ts';
import { describeIssues, toIssues } from './validation.ts';

/** Reads a JSON body and validates it; anything else is a `ResponseValidationError`. */
export function readJson<T>(schema: z.ZodMiniType<T>) {
  return async (response: TransportResponse, requestId: string | undefined): Promise<T> => {
    const text = await response.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ResponseValidationError(`Expected a JSON body, got ${JSON.stringify(text.slice(0, 80))}`, {
        status: response.status,
        requestId,
      });
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
