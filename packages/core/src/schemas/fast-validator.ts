import type * as z from 'zod/mini';

// Validating a decision with zod/mini costs about as much as JSON.parse of the body, and
// a client polls decisions all day. This compiles the same zod schema, once, into plain
// closures that check a freshly parsed JSON value in place and return it without copying.
// It answers only "valid"; on anything else the caller runs zod itself, which produces
// the issues. The schema stays the single source of truth: anything this compiler does
// not understand makes it decline (return undefined) and zod does all the work, and a
// property test holds the two to the same verdicts and outputs.

const FAIL: unique symbol = Symbol('fail');
type Run = (value: unknown) => unknown;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodMiniType>;
  catchall?: z.ZodMiniType;
  innerType?: z.ZodMiniType;
  element?: z.ZodMiniType;
  keyType?: z.ZodMiniType;
  valueType?: z.ZodMiniType;
  fn?: (value: unknown) => unknown;
}

interface CheckDef {
  check?: string;
  tx?: (value: unknown) => unknown;
}

const defOf = (schema: z.ZodMiniType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A validator for JSON-parsed data that returns the (possibly completed) value, or undefined. */
export type FastValidator<T> = (data: unknown) => T | undefined;

export function compileFastValidator<T>(schema: z.ZodMiniType<T>): FastValidator<T> | undefined {
  const run = compile(schema);
  if (!run) return undefined;
  return (data) => {
    const out = run(data);
    return out === FAIL ? undefined : (out as T);
  };
}

function compile(schema: z.ZodMiniType): Run | undefined {
  const def = defOf(schema);
  // The only checks it runs are overwrites (`z.overwrite`, which fills the decision's empty
  // lists): after the value passes, in order, as zod does. Any other check: zod's job.
  const overwrites: ((value: unknown) => unknown)[] = [];
  for (const check of def.checks ?? []) {
    const { check: kind, tx } = (check as { _zod: { def: CheckDef } })._zod.def;
    if (kind !== 'overwrite' || !tx) return undefined;
    overwrites.push(tx);
  }
  const run = compileType(def);
  if (!run || overwrites.length === 0) return run;
  return (v) => {
    let out = run(v);
    if (out === FAIL) return FAIL;
    for (const tx of overwrites) out = tx(out);
    return out;
  };
}

function compileType(def: Def): Run | undefined {
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : FAIL);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'unknown':
      return (v) => v;
    case 'optional':
      return wrap(def.innerType, (inner) => (v) => (v === undefined ? v : inner(v)));
    case 'nullable':
      return wrap(def.innerType, (inner) => (v) => (v === null ? v : inner(v)));
    case 'array':
      return wrap(def.element, (element) => (v) => {
        if (!Array.isArray(v)) return FAIL;
        for (let i = 0; i < v.length; i++) {
          const out = element(v[i]);
          if (out === FAIL) return FAIL;
          if (out !== v[i]) v[i] = out;
        }
        return v;
      });
    case 'record': {
      if (!def.keyType || defOf(def.keyType).type !== 'string' || defOf(def.keyType).checks?.length) return undefined;
      return wrap(def.valueType, (value) => (v) => {
        if (!isPlainObject(v)) return FAIL;
        for (const key in v) {
          const out = value(v[key]);
          if (out === FAIL) return FAIL;
          if (out !== v[key]) v[key] = out;
        }
        return v;
      });
    }
    case 'object':
      return compileObject(def);
    case 'custom': {
      // z.custom(fn): fn says yes or no, and the value passes unchanged.
      const fn = def.fn;
      return fn ? (v) => (fn(v) ? v : FAIL) : undefined;
    }
    default:
      return undefined;
  }
}

function compileObject(def: Def): Run | undefined {
  // Only loose objects (unknown keys kept as they are): a stripping object would have to copy.
  if (!def.catchall || defOf(def.catchall).type !== 'unknown' || !def.shape) return undefined;
  const keys: string[] = [];
  const runs: Run[] = [];
  for (const [key, schema] of Object.entries(def.shape)) {
    const run = compile(schema);
    if (!run) return undefined;
    keys.push(key);
    runs.push(run);
  }
  const count = keys.length;
  return (v) => {
    if (!isPlainObject(v)) return FAIL;
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      const value = v[key];
      const out = (runs[i] as Run)(value);
      if (out === FAIL) return FAIL;
      // zod leaves an absent optional key absent, and adds a key whose schema produced a value.
      if (out !== value) v[key] = out;
    }
    return v;
  };
}

function wrap(schema: z.ZodMiniType | undefined, make: (inner: Run) => Run): Run | undefined {
  const inner = schema && compile(schema);
  return inner ? make(inner) : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
