import type { Endpoint } from '@didit-kit/core/server';
import type { FieldErrors } from '../drf.ts';
import { isJsonObject } from '../json.ts';
import { responsesOf } from './spec/openapi.ts';

// An uploaded file refused in Didit's words, read from the operation's own documented 400s
// ("File extension “txt” is not allowed. Allowed extensions are: tiff, jpg, ...", "File size should
// not exceed 10 MB"), so each route has the limits and wording its documentation shows. Core's
// schemas check the same limits after this (for operations that document no wording).

interface Limits {
  extensions: readonly string[] | undefined;
  maxMb: number | undefined;
}

const cache = new Map<string, Limits>();

function limitsOf(endpoint: Endpoint): Limits {
  const key = `${endpoint.method} ${endpoint.path}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const limits: { extensions: string[] | undefined; maxMb: number | undefined } = {
    extensions: undefined,
    maxMb: undefined,
  };
  for (const response of responsesOf(endpoint.method, endpoint.path)) {
    if (response.status !== 400) continue;
    for (const example of response.examples) {
      if (!isJsonObject(example)) continue;
      for (const messages of Object.values(example)) {
        for (const message of Array.isArray(messages) ? messages : []) {
          if (typeof message !== 'string') continue;
          const allowed = /Allowed extensions are: ([^.]+)\./.exec(message);
          if (allowed) limits.extensions = allowed[1]!.split(',').map((e) => e.trim().toLowerCase());
          const size = /should not exceed (\d+(?:\.\d+)?) MB/.exec(message);
          if (size) limits.maxMb = Number(size[1]);
        }
      }
    }
  }
  cache.set(key, limits);
  return limits;
}

/** Didit's 400 for a file of a type or size the operation does not take, or undefined. */
export function uploadErrors(endpoint: Endpoint, files: Readonly<Record<string, File>>): FieldErrors | undefined {
  const { extensions, maxMb } = limitsOf(endpoint);
  for (const [field, file] of Object.entries(files)) {
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (extensions && extension !== '' && !extensions.includes(extension)) {
      return {
        [field]: [`File extension “${extension}” is not allowed. Allowed extensions are: ${extensions.join(', ')}.`],
      };
    }
    if (maxMb !== undefined && file.size > maxMb * 1024 * 1024) {
      return { [field]: [`File size should not exceed ${maxMb} MB`] };
    }
  }
  return undefined;
}
