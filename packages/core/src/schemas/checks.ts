import * as z from 'zod/mini';

// Small hand-made checks on z.custom/z.refine instead of zod's url, enum, record and length
// schemas: each of those adds its own code to a browser bundle (about 2 kB gzip together),
// while these share one, and still say exactly what was wrong.

/** One of `values`, typed as their union. */
export function oneOf<const T extends readonly string[]>(values: T) {
  return z.custom<T[number]>((v) => typeof v === 'string' && values.includes(v), {
    error: `must be one of: ${values.join(', ')}`,
  });
}

/** An absolute http(s) URL. */
export function httpUrl() {
  return z.string().check(
    z.refine((v) => {
      try {
        const { protocol } = new URL(v);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL'),
  );
}

/** A string of `min` to `max` characters. */
export function stringOfLength(min: number, max: number) {
  return z
    .string()
    .check(z.refine((v) => v.length >= min && v.length <= max, `must be ${min} to ${max} characters long`));
}

/** A plain object whose every value passes `isValue` (a dictionary with open keys). */
export function recordOf<V>(isValue: (value: unknown) => value is V, description: string) {
  return z.custom<Record<string, V>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isValue),
    { error: `must be an object of ${description}` },
  );
}
