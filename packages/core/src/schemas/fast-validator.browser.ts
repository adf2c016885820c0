import type { FastValidator } from './fast-validator.ts';

// Swapped in for ./fast-validator.ts by the browser build: a page validates one decision
// every few seconds, so zod alone is quick enough there, and the bundle is smaller.
export function compileFastValidator<T>(_schema: unknown): FastValidator<T> | undefined {
  return undefined;
}
