import type { Endpoint } from '@didit-kit/core/server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { pathParamExamples, successOf } from './spec/openapi.ts';
import { sample } from './spec/sample.ts';
import { conforms } from './spec/shape.ts';

// What an operation answers by default: its 2xx example from Didit's spec (or, where the spec gives
// none, a value made from the response schema), with the request's ids where the example has its
// own (`/v3/transactions/{transaction_id}/` answers the id asked for), the request's `vendor_data`
// and `metadata` echoed where the answer has them, and the spec's `https://<media-host>/`
// placeholders made real URLs. The operations with state or rules build their own answers.

/** Where the spec's `https://<media-host>/...` placeholder URLs point in the mock's answers. */
export const MEDIA_HOST = 'media.didit.test';

/** The spec's 2xx body for `endpoint` (a copy), before any substitution. */
export function exampleBody(endpoint: Endpoint): { status: number; body: Json | undefined; type: string | undefined } {
  const success = successOf(endpoint.method, endpoint.path);
  if (success === undefined) return { status: 200, body: {}, type: 'application/json' };
  const body =
    success.examples[0] !== undefined
      ? structuredClone(success.examples[0])
      : success.schema === undefined
        ? undefined
        : sample(success.schema);
  return { status: success.status, body, type: success.type };
}

/** The example answer of `endpoint` for this request. */
export function exampleAnswer(
  c: Context,
  endpoint: Endpoint,
  params: Readonly<Record<string, string>>,
  body: JsonObject = {},
): Response {
  const example = exampleBody(endpoint);
  if (example.status === 204 || example.body === undefined) return c.body(null, example.status as 204);
  if (example.type !== undefined && !example.type.includes('json')) {
    return c.body(typeof example.body === 'string' ? example.body : '', example.status as ContentfulStatusCode, {
      'content-type': example.type,
    });
  }
  const answer = personalise(example.body, endpoint, params, body);
  return c.json(answer, example.status as ContentfulStatusCode);
}

/** The example with this request's ids, `vendor_data` and `metadata`, and real media URLs. */
export function personalise(
  example: Json,
  endpoint: Endpoint,
  params: Readonly<Record<string, string>>,
  body: JsonObject = {},
): Json {
  const replacements = new Map<string, string>();
  for (const [name, value] of Object.entries(pathParamExamples(endpoint.method, endpoint.path))) {
    const sent = params[name];
    if (sent !== undefined && sent !== value) replacements.set(value, sent);
  }
  const answer = substitute(example, replacements);
  if (isJsonObject(answer)) {
    for (const field of ['vendor_data', 'metadata'] as const) {
      const sent = body[field];
      // Only where the answer has the field, and only a value of its type.
      if (field in answer && sent !== undefined && sameKind(sent, answer[field]!)) answer[field] = sent;
    }
  }
  return answer;
}

function substitute(value: Json, replacements: ReadonlyMap<string, string>): Json {
  if (typeof value === 'string') {
    const replaced = replacements.get(value) ?? value;
    return replaced.includes('<media-host>') ? replaced.replaceAll('<media-host>', MEDIA_HOST) : replaced;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, replacements));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = substitute(item, replacements);
    return out;
  }
  return value;
}

function sameKind(sent: Json, example: Json): boolean {
  if (example === null) return typeof sent === 'string' || isJsonObject(sent);
  return conforms(sent, { type: Array.isArray(example) ? 'array' : isJsonObject(example) ? 'object' : typeof example });
}
