import specDocument from '@didit-kit/core/spec/didit-openapi-v3.json' with { type: 'json' };
import { cloneJson, isJsonObject, type Json, type JsonObject } from '../../json.ts';

// Didit's OpenAPI document (packages/core/spec, the repository's one copy, which core publishes as
// `@didit-kit/core/spec/didit-openapi-v3.json`), read at start-up: what an operation answers by default
// (its 2xx example, or a value made from its schema), its documented error bodies, and its request
// schema (to read multipart form fields as their types). Imported as a JSON module from core, never
// bundled into the mock's own files (each entry would hold a 2 MB copy), and read without a file
// system, so a bundler puts it in an MSW or browser bundle as it is.

/** The document, as JSON (its own type would be a 2 MB literal). */
export const spec: JsonObject = specDocument as unknown as JsonObject;

const paths = spec.paths as JsonObject;
const schemas = (spec.components as JsonObject).schemas as JsonObject;
const sharedResponses = (spec.components as JsonObject).responses as JsonObject;

/** A schema with its `$ref` followed (local `#/components/schemas/...` refs only, as the spec has). */
export function resolve(schema: Json | undefined): JsonObject {
  let node = schema;
  for (let hops = 0; isJsonObject(node) && typeof node.$ref === 'string' && hops < 20; hops++) {
    node = schemas[node.$ref.replace('#/components/schemas/', '')];
  }
  return isJsonObject(node) ? node : {};
}

/** The spec's operation object for `method path` (a spec path such as `/v3/users/{vendor_data}/`). */
export function operation(method: string, path: string): JsonObject | undefined {
  const item = paths[path];
  const op = isJsonObject(item) ? item[method.toLowerCase()] : undefined;
  return isJsonObject(op) ? op : undefined;
}

/** Every operation of the spec, as `METHOD path`. */
export function specOperations(): { method: string; path: string; operationId: string }[] {
  const found: { method: string; path: string; operationId: string }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !isJsonObject(op)) continue;
      found.push({ method: method.toUpperCase(), path, operationId: String(op.operationId ?? '') });
    }
  }
  return found;
}

/** One documented response: its status, media type, and example bodies (each a copy). */
export interface DocumentedResponse {
  status: number;
  type: string | undefined;
  schema: JsonObject | undefined;
  /** The named examples' values (or the unnamed `example`), in the spec's order. */
  examples: Json[];
}

/** `responsesOf`'s answers by `METHOD path`: the document never changes, and routes ask on every request. */
const documented = new Map<string, readonly DocumentedResponse[]>();

/**
 * The responses the spec documents for an operation (numeric statuses only, `5XX` left out). Shared
 * and read-only: callers copy an example before they change or serve it.
 */
export function responsesOf(method: string, path: string): readonly DocumentedResponse[] {
  const key = `${method} ${path}`;
  let found = documented.get(key);
  if (found === undefined) {
    found = readResponses(method, path);
    documented.set(key, found);
  }
  return found;
}

function readResponses(method: string, path: string): DocumentedResponse[] {
  const responses = operation(method, path)?.responses;
  if (!isJsonObject(responses)) return [];
  const found: DocumentedResponse[] = [];
  for (const [code, entry] of Object.entries(responses)) {
    // `$ref: '#/components/responses/Forbidden'`: the shared 401/403 bodies.
    const response =
      isJsonObject(entry) && typeof entry.$ref === 'string'
        ? sharedResponses[entry.$ref.replace('#/components/responses/', '')]
        : entry;
    if (!/^\d{3}$/.test(code) || !isJsonObject(response)) continue;
    const content = isJsonObject(response.content) ? response.content : {};
    const [type, media] = Object.entries(content)[0] ?? [];
    const body = isJsonObject(media) ? media : {};
    const examples: Json[] = [];
    if (isJsonObject(body.examples)) {
      for (const example of Object.values(body.examples)) {
        if (isJsonObject(example) && example.value !== undefined) examples.push(example.value);
      }
    } else if (body.example !== undefined) examples.push(body.example);
    found.push({
      status: Number(code),
      type,
      schema: isJsonObject(body.schema) ? body.schema : undefined,
      examples,
    });
  }
  return found;
}

/** The operation's first documented 2xx response. */
export function successOf(method: string, path: string): DocumentedResponse | undefined {
  return responsesOf(method, path).find((r) => r.status >= 200 && r.status < 300);
}

/** A copy of a documented example of `status` whose JSON contains `text` (the first example when no text is given). */
export function documentedBody(method: string, path: string, status: number, text?: string): Json | undefined {
  const response = responsesOf(method, path).find((r) => r.status === status);
  const example =
    text === undefined
      ? response?.examples[0]
      : response?.examples.find((value) => JSON.stringify(value).includes(text));
  return example === undefined ? undefined : cloneJson(example);
}

/** The first documented example (any status) whose JSON contains `text`, with its status. */
export function documentedError(
  method: string,
  path: string,
  text: string,
): { status: number; body: Json } | undefined {
  for (const response of responsesOf(method, path)) {
    const found = response.examples.find((value) => JSON.stringify(value).includes(text));
    if (found !== undefined) return { status: response.status, body: cloneJson(found) };
  }
  return undefined;
}

/** The schema of the request body in `mediaType` (`application/json`, `multipart/form-data`). */
export function requestSchema(method: string, path: string, mediaType: string): JsonObject | undefined {
  const body = operation(method, path)?.requestBody;
  const content = isJsonObject(body) && isJsonObject(body.content) ? body.content[mediaType] : undefined;
  return isJsonObject(content) && isJsonObject(content.schema) ? resolve(content.schema) : undefined;
}

/** `pathParamExamples`'s answers by `METHOD path` (the operations are a fixed set). */
const paramExamples = new Map<string, Readonly<Record<string, string>>>();

/**
 * The example value of each path parameter (`sessionId` -> `11111111-...`), as the spec's examples
 * use them. Shared and read-only.
 */
export function pathParamExamples(method: string, path: string): Readonly<Record<string, string>> {
  const key = `${method} ${path}`;
  let found = paramExamples.get(key);
  if (found === undefined) {
    found = readPathParamExamples(method, path);
    paramExamples.set(key, found);
  }
  return found;
}

function readPathParamExamples(method: string, path: string): Record<string, string> {
  const found: Record<string, string> = {};
  const parameters = operation(method, path)?.parameters;
  if (!Array.isArray(parameters)) return found;
  for (const p of parameters) {
    if (!isJsonObject(p) || p.in !== 'path' || typeof p.name !== 'string') continue;
    const example = p.example ?? (isJsonObject(p.schema) ? p.schema.example : undefined);
    if (typeof example === 'string') found[p.name] = example;
  }
  return found;
}

/** A documented example with its status. */
export interface NamedExample {
  readonly status: number;
  readonly body: Json;
}

/**
 * `namedExample`'s finds by `METHOD path name`. Only finds: the name may come from a request's
 * `X-Didit-Mock-Example` header, so remembering misses would let a stranger grow this map.
 */
const named = new Map<string, NamedExample>();

/**
 * The documented example named `name` (any status) of an operation, with its status. Shared and
 * read-only, as `responsesOf`'s examples: `personalise` makes the copy that is served.
 */
export function namedExample(method: string, path: string, name: string): NamedExample | undefined {
  const key = `${method} ${path} ${name}`;
  const known = named.get(key);
  if (known !== undefined) return known;
  const found = readNamedExample(method, path, name);
  if (found !== undefined) named.set(key, found);
  return found;
}

function readNamedExample(method: string, path: string, name: string): NamedExample | undefined {
  const responses = operation(method, path)?.responses;
  if (!isJsonObject(responses)) return undefined;
  for (const [code, entry] of Object.entries(responses)) {
    const content = isJsonObject(entry) && isJsonObject(entry.content) ? entry.content : {};
    for (const media of Object.values(content)) {
      const examples = isJsonObject(media) && isJsonObject(media.examples) ? media.examples : {};
      const example = Object.hasOwn(examples, name) ? examples[name] : undefined;
      if (/^\d{3}$/.test(code) && isJsonObject(example) && example.value !== undefined) {
        return { status: Number(code), body: example.value };
      }
    }
  }
  return undefined;
}
