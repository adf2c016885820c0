/**
 * Every field of a parsed Didit body, including ones this SDK does not type yet.
 *
 * The response schemas are loose: a field Didit adds is kept at run time, but the exported
 * interfaces list only the documented fields (so a typo is a compile error). This is the
 * documented way to read such a field, e.g. `rawFields(decision).new_field`, which is
 * `unknown` until you check it. It returns the same object, not a copy.
 */
export function rawFields<T extends object>(value: T): Readonly<Record<string, unknown>> {
  return value as Readonly<Record<string, unknown>>;
}
