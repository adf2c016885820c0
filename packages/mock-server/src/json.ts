/** A JSON value, as the fixtures and the decisions the mock serves hold them. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy, so a served body can never alias the store's state (a string or number is its own copy). */
export function cloneJson<T extends Json>(value: T): T {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
