import type { Context } from 'hono';
import { detail, fieldErrors } from './drf.ts';
import { isJsonObject, type JsonObject } from './json.ts';

// Reading a request's JSON body as DRF does; its fields are checked with core's schemas (zod-drf.ts).

export type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads a JSON object body: 415 for another media type, 400 for malformed JSON or a non-object. */
export async function readJsonObject(c: Context): Promise<Checked<JsonObject>> {
  const text = await c.req.text();
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (text.trim() === '') return { ok: true, value: {} };
  if (type !== 'application/json' && !type.endsWith('+json')) {
    return { ok: false, response: detail(c, 415, `Unsupported media type "${type}" in request.`) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    return { ok: false, response: detail(c, 400, `JSON parse error - ${reason}`) };
  }
  if (!isJsonObject(data)) {
    return {
      ok: false,
      response: fieldErrors(c, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pyType(data)}.`] }),
    };
  }
  return { ok: true, value: data };
}

/** http and https only: the hosted page redirects to the callback, so nothing like `javascript:`. */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** The Python type name DRF puts in "Expected a dictionary, but got ..." */
function pyType(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}
