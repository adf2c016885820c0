import type * as z from 'zod/mini';
import { readJson } from './read-json.ts';
import type { ResponseReader } from './request-options.ts';

/** For `204 No Content`: the body, if any, is read and dropped. */
export const readNothing: ResponseReader<void> = async (response) => {
  await response.text().catch(() => '');
};

/** A JSON body validated by `schema`, or `{}` when Didit answers with no body (204). */
export function readJsonOrEmpty<T>(schema: z.ZodMiniType<T>): ResponseReader<T> {
  const read = readJson(schema);
  return async (response, requestId) => {
    if (response.status !== 204) return read(response, requestId);
    await response.text().catch(() => '');
    return schema.parse({});
  };
}
