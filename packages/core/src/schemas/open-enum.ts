import * as z from 'zod/mini';

/**
 * A string union that stays open: the known values narrow in TypeScript, and any
 * other string still parses, so a status Didit adds tomorrow never breaks a user's app.
 */
export type OpenEnum<T extends string> = T | (string & {});

/**
 * Any string, typed as `OpenEnum<T>`. The known values are a type argument only, so no list of
 * them reaches a bundle that does not use the list itself.
 */
export function openEnum<T extends string>() {
  return z.string() as unknown as z.ZodMiniType<OpenEnum<T>, string>;
}
