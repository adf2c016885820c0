// Small readers for an OpenAPI 3.0 document and for the JSON Schema zod emits, used by the v3
// spec-conformance test. Both are plain JSON trees; nothing here knows about zod's internals.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonNode = { [key: string]: Json };

export const isNode = (value: unknown): value is JsonNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `node`, following local `$ref`s (`#/components/...` in the spec, `#/$defs/...` in ours) to their target. */
export function deref(root: Json, node: Json | undefined): JsonNode | undefined {
  const seen = new Set<string>();
  let at = node;
  while (isNode(at) && typeof at.$ref === 'string') {
    const ref = at.$ref;
    if (!ref.startsWith('#') || seen.has(ref)) throw new Error(`Cannot follow $ref ${ref}`);
    seen.add(ref);
    at = ref
      .slice(1)
      .split('/')
      .filter(Boolean)
      .reduce<Json | undefined>((parent, key) => (isNode(parent) ? parent[decodeURIComponent(key)] : undefined), root);
  }
  return isNode(at) ? at : undefined;
}

/** A schema with its `allOf`/`oneOf`/`anyOf` branches (recursively) flattened into one list. */
function branches(root: Json, node: Json | undefined): JsonNode[] {
  const schema = deref(root, node);
  if (!schema) return [];
  const out = [schema];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const branch of list) out.push(...branches(root, branch));
  }
  return out;
}

/** Every property a schema (or any of its branches) names, with its schema (the first one seen). */
export function propertiesOf(root: Json, node: Json | undefined): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const branch of branches(root, node)) {
    const properties = branch.properties;
    if (!isNode(properties)) continue;
    for (const [key, value] of Object.entries(properties)) if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** The item schemas of a schema that is (or may be) an array, from every branch. */
export function itemsOf(root: Json, node: Json | undefined): Json[] {
  const out: Json[] = [];
  for (const branch of branches(root, node)) {
    const items = branch.items;
    if (isNode(items)) out.push(items);
  }
  return out;
}

/** A schema made of all of `nodes` (their properties and items merged when walked). */
export const union = (nodes: Json[]): Json => (nodes.length === 1 ? (nodes[0] ?? null) : { anyOf: nodes });

/**
 * Every path under `node` that names a property or an array's items, as `a.b[].c` (the walk
 * stops at `stopAt` paths, which are still listed). For the opaque list's existence check.
 */
export function allPaths(root: Json, node: Json, prefix = '', out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 40) return out;
  for (const [key, value] of propertiesOf(root, node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.add(path);
    allPaths(root, value, path, out, depth + 1);
  }
  const items = itemsOf(root, node);
  if (items.length) {
    const path = `${prefix}[]`;
    out.add(path);
    allPaths(root, union(items), path, out, depth + 1);
  }
  return out;
}

export interface WalkResult {
  /** Spec paths our schema does not know (a missing property, or no array where the spec has one). */
  missing: string[];
  /** Opaque paths the walk reached (and did not descend into). */
  stoppedAt: Set<string>;
}

/**
 * Walks the spec's schema and ours in parallel: every property (and array items) the spec lists
 * must exist in ours, all the way down, except under the paths in `opaque`.
 */
export function compare(
  spec: { root: Json; node: Json },
  ours: { root: Json; node: Json },
  opaque: ReadonlySet<string>,
  prefix = '',
  result: WalkResult = { missing: [], stoppedAt: new Set() },
  depth = 0,
): WalkResult {
  if (depth > 40) throw new Error(`The spec nests deeper than 40 levels at ${prefix}`);
  const ourProperties = propertiesOf(ours.root, ours.node);
  for (const [key, specChild] of propertiesOf(spec.root, spec.node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const ourChild = ourProperties.get(key);
    if (ourChild === undefined) result.missing.push(path);
    else if (opaque.has(path)) result.stoppedAt.add(path);
    else
      compare(
        { root: spec.root, node: specChild },
        { root: ours.root, node: ourChild },
        opaque,
        path,
        result,
        depth + 1,
      );
  }
  const specItems = itemsOf(spec.root, spec.node);
  if (specItems.length) {
    const path = `${prefix}[]`;
    const ourItems = itemsOf(ours.root, ours.node);
    if (!ourItems.length) result.missing.push(path);
    else if (opaque.has(path)) result.stoppedAt.add(path);
    else {
      compare(
        { root: spec.root, node: union(specItems) },
        { root: ours.root, node: union(ourItems) },
        opaque,
        path,
        result,
        depth + 1,
      );
    }
  }
  return result;
}

/** The schema at `path` (`a.b[].c`) under `node`, merged across branches; undefined if a step is missing. */
export function nodeAt(root: Json, node: Json, path: string): Json | undefined {
  let at: Json | undefined = node;
  for (const step of path.split(/\.|(?=\[\])|(?<=\[\])/).filter(Boolean)) {
    if (at === undefined) return undefined;
    if (step === '[]') {
      const items = itemsOf(root, at);
      at = items.length ? union(items) : undefined;
    } else {
      at = propertiesOf(root, at).get(step);
    }
  }
  return at;
}

/** The JSON Schema `type`s a schema allows, across its branches (`[]` when it allows anything). */
export function typesOf(root: Json, node: Json): string[] {
  const types = new Set<string>();
  for (const branch of branches(root, node)) {
    const type = branch.type;
    if (typeof type === 'string') types.add(type);
    else if (Array.isArray(type)) for (const t of type) if (typeof t === 'string') types.add(t);
  }
  return [...types].sort();
}
