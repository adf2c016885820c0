import type { Context } from 'hono';
import { type FieldErrors, fieldErrors } from '../drf.ts';
import type { Json, JsonObject } from '../json.ts';

// DRF's LimitOffsetPagination, as the v3 list and the review trail answer.

export interface Page {
  limit: number;
  offset: number;
}

/**
 * `limit`/`offset`. The list refuses a malformed value with a DRF 400 (its filters are typed, as Didit's
 * contract says); the reviews trail, like DRF's LimitOffsetPagination, falls back to the default.
 */
export function pagination(c: Context, strict: boolean): Page | Response {
  const query = new URL(c.req.url).searchParams;
  const errors: FieldErrors = {};
  const read = (name: string, fallback: number, min: number) => {
    const text = query.get(name);
    if (text === null || text === '') return fallback;
    if (/^\d+$/.test(text) && Number(text) >= min) return Number(text);
    if (strict) errors[name] = ['A valid integer is required.'];
    return fallback;
  };
  const page = { limit: Math.min(read('limit', 50, 1), 1000), offset: read('offset', 0, 0) };
  return Object.keys(errors).length > 0 ? fieldErrors(c, errors) : page;
}

/** One page of `rows`: `next`/`previous` are absolute URLs on the mock's public origin. */
export function pageOf(c: Context, origin: string, rows: readonly JsonObject[], page: Page): JsonObject {
  const { limit, offset } = page;
  const url = new URL(c.req.url);
  const link = (nextOffset: number) => {
    const params = new URLSearchParams(url.search);
    params.set('limit', String(limit));
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    else params.delete('offset');
    return `${origin}${url.pathname}?${params}`;
  };
  return {
    count: rows.length,
    next: offset + limit < rows.length ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results: rows.slice(offset, offset + limit) as Json[],
  };
}
