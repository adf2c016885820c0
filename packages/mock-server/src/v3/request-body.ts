import type { Endpoint } from '@didit-kit/core/server';
import type { Context } from 'hono';
import { detail, fieldErrors } from '../drf.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { type Checked, readJsonObject } from '../validation.ts';
import { checkBody } from '../zod-drf.ts';
import { requestSchema, resolve } from './spec/openapi.ts';
import { uploadErrors } from './uploads.ts';

// The body of a generated operation, read as Didit's DRF parsers read it and checked with core's
// request schema (answered in DRF's 400 shape by zod-drf.ts): JSON, or for the upload routes (and
// the few that also take forms) `multipart/form-data` parsed by Hono's own `c.req.parseBody()`, each
// field read as the type the spec gives it (a form sends text: `true`, `42`, `{"a":1}`).

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

/** The request's body, checked: a DRF 400 (or 415) when it is not what the operation takes. */
export async function readOperationBody(c: Context, endpoint: Endpoint): Promise<Checked<JsonObject>> {
  if (endpoint.body === undefined) return { ok: true, value: {} };
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const takesForms = endpoint.encodeBody !== undefined || formSchema(endpoint) !== undefined;
  let read: Checked<JsonObject>;
  if (takesForms && FORM_TYPES.includes(type)) {
    read = await readForm(c, endpoint);
  } else {
    read = await readJsonObject(c);
  }
  if (!read.ok) return read;
  return checkBody(c, endpoint.body, read.value) as Checked<JsonObject>;
}

function formSchema(endpoint: Endpoint): JsonObject | undefined {
  return (
    requestSchema(endpoint.method, endpoint.path, 'multipart/form-data') ??
    requestSchema(endpoint.method, endpoint.path, 'application/x-www-form-urlencoded')
  );
}

async function readForm(c: Context, endpoint: Endpoint): Promise<Checked<JsonObject>> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'malformed form';
    return { ok: false, response: detail(c, 400, `Multipart form parse error - ${reason}`) };
  }
  const properties = formSchema(endpoint)?.properties;
  const schemaOf = (name: string) => (isJsonObject(properties) ? resolve(properties[name]) : {});
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(form)) value[name] = typed(field, schemaOf(name));
  const files = Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, File] => entry[1] instanceof File),
  );
  const refused = uploadErrors(endpoint, files);
  if (refused) return { ok: false, response: fieldErrors(c, refused) };
  // Files stay `File`s (core's upload schema checks their size and type); the rest is JSON.
  return { ok: true, value: value as JsonObject };
}

/** A form field as the type its schema says: booleans, numbers, JSON objects and lists from their text. */
function typed(field: string | File | (string | File)[], schema: JsonObject): unknown {
  if (Array.isArray(field)) {
    const items = isJsonObject(schema.items) ? resolve(schema.items) : {};
    return schema.type === 'array' ? field.map((f) => typed(f, items)) : typed(field.at(-1)!, schema);
  }
  if (typeof field !== 'string') return field;
  switch (schema.type) {
    case 'boolean':
      if (['true', 'True', '1', 'on'].includes(field)) return true;
      if (['false', 'False', '0', 'off', ''].includes(field)) return false;
      return field;
    case 'integer':
    case 'number':
      return field.trim() !== '' && Number.isFinite(Number(field)) ? Number(field) : field;
    case 'object':
    case 'array': {
      const parsed = parseJson(field);
      if (schema.type === 'array' && !Array.isArray(parsed)) return [typed(field, resolve(schema.items))];
      return parsed ?? field;
    }
    default:
      return field;
  }
}

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
