import type { Endpoint } from '@didit-kit/core/server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Json, JsonObject } from '../../json.ts';
import { pageOf, pagination } from '../pagination.ts';
import { resolve, successOf } from '../spec/openapi.ts';
import { shape } from '../spec/shape.ts';

// How the record routes answer: a record, or a page of them, in the schema the spec gives the
// operation's 2xx (spec/shape.ts), so the fields a route does not keep come from the spec and the
// answer is valid against it.

/** `record` as the operation's 2xx schema has it, with its documented 2xx status (or `status`). */
export function recordAnswer(c: Context, endpoint: Endpoint, record: Json, status?: number): Response {
  const success = successOf(endpoint.method, endpoint.path);
  return c.json(shape(success?.schema, record), (status ?? success?.status ?? 200) as ContentfulStatusCode);
}

/**
 * `rows` (newest first, as Didit lists) as the operation's list: a DRF page (`limit`/`offset`,
 * absolute `next`/`previous`) or, where the spec lists a bare array, all of them.
 */
export function listAnswer(
  c: Context,
  endpoint: Endpoint,
  origin: string,
  rows: readonly JsonObject[],
  extra: JsonObject = {},
): Response {
  const success = successOf(endpoint.method, endpoint.path);
  const schema = success?.schema;
  if (resolve(schema).type === 'array') return c.json(shape(schema, rows as Json[]));
  const page = pagination(c, false) as { limit: number; offset: number };
  return c.json(shape(schema, { ...pageOf(c, origin, rows, page), ...extra }));
}
