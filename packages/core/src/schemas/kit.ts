import * as z from 'zod/mini';
import { openEnum } from './open-enum.ts';

// The small kit every schema file builds with (each value marked pure, so a bundle keeps only
// what it uses), both generations alike: nullable leaves, loose
// objects, open enums, and `typed`, which holds a hand-written interface to exactly what its
// schema checks. Internal: not exported from the package.

/** An object Didit sends that this SDK does not describe field by field (deep provider payloads). */
export type JsonObject = Record<string, unknown>;

/** `T` without index signatures, all the way down: the fields a type names. */
type Known<T> = T extends readonly (infer U)[]
  ? Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/**
 * @internal `schema`, typed as the hand-written interface `T`. It compiles only when the schema's
 * output (without the index signature of loose objects) is exactly `T`: the interface can neither
 * claim a field, a non-null or a required field the schema does not check, nor leave one out.
 * A mismatch reads "... is not assignable to ... & 'the schema output is not exactly the interface'".
 */
export const typed =
  <T>() =>
  <S extends z.ZodMiniType<T, unknown>>(
    schema: S &
      (Same<Known<z.output<S>>, Known<T>> extends true ? unknown : 'the schema output is not exactly the interface'),
  ): z.ZodMiniType<T, unknown> =>
    schema;

/** @internal An open string enum whose known values live only in the type `T`, not in the bundle. */
export const open = openEnum;
/** @internal */
export const str = /* @__PURE__ */ z.nullish(z.string());
/** @internal Any finite number (scores come as 0–1 or 0–100 depending on the endpoint). */
export const num = /* @__PURE__ */ z.nullish(z.number());
/** @internal */
export const bool = /* @__PURE__ */ z.nullish(z.boolean());
/** @internal Any JSON value, or absent. */
export const anything = /* @__PURE__ */ z.optional(z.unknown());
/** @internal */
export const strList = /* @__PURE__ */ z.nullish(z.array(z.string()));
/** @internal Any JSON object (not an array): see {@link JsonObject}. */
export const anyObject = /* @__PURE__ */ z.looseObject({});
/** @internal */
export const obj = /* @__PURE__ */ z.nullish(anyObject);
/** @internal */
export const objList = /* @__PURE__ */ z.nullish(z.array(anyObject));
/** @internal A list Didit may send as null or leave out; kept as sent. */
export const list = <T>(item: z.ZodMiniType<T, unknown>) => z.nullish(z.array(item));
