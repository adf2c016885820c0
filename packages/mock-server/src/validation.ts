import { REVIEW_STATUSES, SESSION_FEATURES } from '@didit-kit/core/v1';
import type { Context } from 'hono';
import { detail, type FieldErrors, fieldErrors } from './drf.ts';
import { isJsonObject, type JsonObject } from './json.ts';

// Request bodies are checked the way DRF serializers check them, with DRF's messages:
// `{"field": ["This field is required."]}`; unknown fields are ignored, as DRF does.

export interface CreateSessionBody {
  /** Optional, as in core's v1 schema: integrations that embed the hosted page in an iframe leave it out. */
  callback: string | undefined;
  vendor_data: string;
  features: string | undefined;
}

export interface UpdateStatusBody {
  new_status: string;
  comment: string | undefined;
}

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

export function checkCreateSession(c: Context, body: JsonObject): Checked<CreateSessionBody> {
  const errors: FieldErrors = {};
  const callback = stringField(body, 'callback', errors, { optional: true, maxLength: 2048 });
  if (callback !== undefined && !isHttpUrl(callback)) errors.callback = ['Enter a valid URL.'];
  const vendorData = stringField(body, 'vendor_data', errors, { maxLength: 1024 });
  const features = stringField(body, 'features', errors, { optional: true, choices: SESSION_FEATURES });
  if (Object.keys(errors).length > 0) return { ok: false, response: fieldErrors(c, errors) };
  return { ok: true, value: { callback, vendor_data: vendorData!, features } };
}

export function checkUpdateStatus(c: Context, body: JsonObject): Checked<UpdateStatusBody> {
  const errors: FieldErrors = {};
  const status = stringField(body, 'new_status', errors, { choices: REVIEW_STATUSES });
  const comment = stringField(body, 'comment', errors, { optional: true, allowBlank: true, maxLength: 2000 });
  if (Object.keys(errors).length > 0) return { ok: false, response: fieldErrors(c, errors) };
  return { ok: true, value: { new_status: status!, comment } };
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

interface StringRules {
  optional?: boolean;
  allowBlank?: boolean;
  maxLength?: number;
  choices?: readonly string[];
}

function stringField(body: JsonObject, key: string, errors: FieldErrors, rules: StringRules): string | undefined {
  const value = body[key];
  if (value === undefined) {
    if (!rules.optional) errors[key] = ['This field is required.'];
    return undefined;
  }
  if (value === null) {
    errors[key] = ['This field may not be null.'];
    return undefined;
  }
  if (rules.choices !== undefined) {
    if (typeof value !== 'string' || !rules.choices.includes(value)) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      errors[key] = [`"${shown.length > 100 ? `${shown.slice(0, 100)}…` : shown}" is not a valid choice.`];
      return undefined;
    }
    return value;
  }
  if (typeof value !== 'string') {
    errors[key] = ['Not a valid string.'];
    return undefined;
  }
  if (!rules.allowBlank && value.trim() === '') {
    errors[key] = ['This field may not be blank.'];
    return undefined;
  }
  if (rules.maxLength !== undefined && value.length > rules.maxLength) {
    errors[key] = [`Ensure this field has no more than ${rules.maxLength} characters.`];
    return undefined;
  }
  return value;
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
