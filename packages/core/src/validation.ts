import type * as z from 'zod/mini';
import { InvalidArgumentError, type ValidationIssue } from './errors.ts';

export function toIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code }));
}

/** `kyc.first_name: Invalid input; status: Required` (the first few issues, for a message). */
export function describeIssues(issues: readonly ValidationIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  const more = issues.length > max ? `; and ${issues.length - max} more` : '';
  return shown.join('; ') + more;
}

/** `body` validated by `schema`, or an `InvalidArgumentError` naming what was wrong. */
export function validateBody<T>(schema: z.ZodMiniType<T>, body: unknown, context: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new InvalidArgumentError(`${context}: invalid body: ${describeIssues(issues)}`, { issues });
}
