import * as z from 'zod/mini';

/**
 * A string union that stays open: the known values narrow in TypeScript, and any
 * other string still parses, so a status Didit adds tomorrow never breaks a user's app.
 */
export type OpenEnum<T extends string> = T | (string & {});

export function openEnum<const T extends readonly string[]>(_values: T) {
  return z.string() as unknown as z.ZodMiniType<OpenEnum<T[number]>, string>;
}
