// The conformance tests' reading of Didit's OpenAPI (spec/didit-openapi-v3.json): every operation with
// what a call to it must look like (method, path with its params, auth), its examples, and a call of
// the client's method for it. Derived from the spec itself; from overrides.json only the method
// names (`resource.verb`), which are ours to choose. Nothing here reads the generator's output: the
// tests compare the client against this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoint } from '../../src/endpoints/endpoint.ts';
import type { RequestOptions } from '../../src/request-options.ts';
import { v3Operations } from '../../src/v3/api/index.gen.ts';
import { v3Endpoints } from '../../src/v3/endpoints.ts';

const SPEC_DIR = join(import.meta.dirname, '..', '..', 'spec');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// biome-ignore lint/suspicious/noExplicitAny: the spec is untyped JSON, walked by hand
type Node = any;

export const spec: Node = JSON.parse(readFileSync(join(SPEC_DIR, 'didit-openapi-v3.json'), 'utf8'));
export const overrides: Node = JSON.parse(readFileSync(join(SPEC_DIR, 'overrides.json'), 'utf8'));

export const ORGANIZATION_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
export const APPLICATION_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
/** A path param the spec says is text (`vendor_data`, a token): a space, a slash and non-ASCII, to see them encoded. */
export const TEXT_PARAM = 'vendor 42/ü';

export type Auth = 'api-key' | 'session-token' | 'transaction-token' | 'none';

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Node;
}

export interface Body {
  type: 'application/json' | 'multipart/form-data';
  schema: Node;
  media: Node;
}

export interface SpecOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** `client.<resource>.<verb>`, as overrides.json names it. */
  resource: string;
  verb: string;
  /** One of the 13 sessions operations written by hand (overrides.json `handWritten`). */
  handWritten: boolean;
  /**
   * From the spec: its scheme, `none` for an explicit empty `security` (public), and the API key where
   * it lists none (the organization routes: Didit's docs authenticate them with the key).
   */
  auth: Auth;
  /** Under `/v3/organization/{organization_id}/application/{application_id}/`. */
  scoped: boolean;
  pathParams: Param[];
  queryParams: Param[];
  /** The request body's media type and schema, if it takes one (multipart when it takes either). */
  body: Body | undefined;
  /** Every media type the request body comes in (JSON and multipart, for some). */
  bodies: Body[];
  responses: Record<string, Node>;
  raw: Node;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const SCHEMES: Record<string, Auth> = {
  ApiKeyAuth: 'api-key',
  SessionTokenAuth: 'session-token',
  TransactionTokenAuth: 'transaction-token',
};
const handWritten = new Set<string>(overrides.handWritten.operations);

/** Follows a local `$ref` (`#/components/...`). */
export function deref(node: Node): Node {
  let at = node;
  while (at && typeof at === 'object' && typeof at.$ref === 'string') {
    at = at.$ref
      .slice(2)
      .split('/')
      .reduce((parent: Node, key: string) => parent?.[key], spec);
  }
  return at;
}

export const OPERATIONS: SpecOperation[] = [];
for (const [path, item] of Object.entries<Node>(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const name: string | undefined = overrides.names[op.operationId];
    const [resource = '', verb = ''] = name?.split('.') ?? [];
    const params: Param[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    const scheme = op.security?.[0] && Object.keys(op.security[0])[0];
    const content = op.requestBody?.content ?? {};
    const bodies = (['multipart/form-data', 'application/json'] as const)
      .filter((type) => content[type])
      .map((type) => ({ type, schema: deref(content[type].schema), media: content[type] }));
    OPERATIONS.push({
      operationId: op.operationId,
      method: method.toUpperCase() as SpecOperation['method'],
      path,
      resource,
      verb,
      handWritten: handWritten.has(op.operationId),
      auth: op.security === undefined ? 'api-key' : scheme === undefined ? 'none' : (SCHEMES[scheme] ?? 'api-key'),
      scoped: path.startsWith('/v3/organization/{organization_id}/application/{application_id}/'),
      pathParams: params.filter((p) => p.in === 'path'),
      queryParams: params.filter((p) => p.in === 'query'),
      body: bodies[0],
      bodies,
      responses: Object.fromEntries(Object.entries<Node>(op.responses ?? {}).map(([code, r]) => [code, deref(r)])),
      raw: op,
    });
  }
}

/** `client.<resource>.<verb>` of the operation's endpoint-table entry (generated, or the hand-written sessions table). */
export function endpointOf(o: SpecOperation): Endpoint | undefined {
  if (o.handWritten) return (v3Endpoints as Record<string, Endpoint>)[o.verb];
  return (v3Operations as Record<string, Record<string, Endpoint>>)[o.resource]?.[o.verb];
}

/** A media object's examples: each named `examples` entry's value, the unnamed `example`, and its schema's `example`. */
export function examplesOf(media: Node): [string, Json][] {
  if (!media) return [];
  const out: [string, Json][] = [];
  for (const [name, example] of Object.entries<Node>(media.examples ?? {})) {
    const value = deref(example)?.value;
    if (value !== undefined) out.push([name, value]);
  }
  if (media.example !== undefined) out.push(['(example)', media.example]);
  const schemaExample = deref(media.schema)?.example;
  if (schemaExample !== undefined) out.push(["(the schema's example)", schemaExample]);
  return out;
}

export const is2xx = (status: string) => /^2\d\d$/.test(status);

// ---------------------------------------------------------------------------------------------
// Calls

/** The value a path param is called with. */
export function paramValue(name: string, schema: Node): string {
  if (name === 'organization_id') return ORGANIZATION_ID;
  if (name === 'application_id') return APPLICATION_ID;
  if (schema?.format === 'uuid' || /^session_?id$/i.test(name)) return uuidFor(name);
  // The hand-written sessions table keeps node ids to one safe segment (Didit's are `feature_ocr_1`).
  if (name === 'nodeId') return 'feature_ocr_1';
  return TEXT_PARAM;
}

/** A distinct UUID per param name, so a swapped pair of params shows. */
function uuidFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hex = hash.toString(16).padStart(8, '0').slice(0, 8);
  return `${hex}-1111-4222-8333-${hex}0000`.slice(0, 36);
}

/** The path the call must reach: the spec's template, each param percent-encoded into its segment. */
export function expectedPath(o: SpecOperation): string {
  return o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const param = o.pathParams.find((p) => p.name === name);
    return encodeURIComponent(paramValue(name, param?.schema));
  });
}

/** A small valid file for an upload field: bytes whose kind matches its name (a JPEG unless told). */
export function fileFor(field: string, description = ''): File {
  const pdf = /\bpdf\b/i.test(description) && !/\bjpe?g\b|\bpng\b/i.test(description);
  const csv = /\.csv\b|\bcsv\b/i.test(description) && !/\bjpe?g\b/i.test(description);
  if (csv) return new File(['first_name,last_name\nAda,Lovelace\n'], `${field}.csv`, { type: 'text/csv' });
  if (pdf) return new File(['%PDF-1.7\n%%EOF\n'], `${field}.pdf`, { type: 'application/pdf' });
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
  return new File([jpeg], `${field}.jpg`, { type: 'image/jpeg' });
}

/**
 * A request body for `o`: the spec's first request example (its binary fields replaced by real
 * files), else one made from the schema's required fields.
 */
export function requestBodyOf(o: SpecOperation, media = o.body): Record<string, unknown> | unknown[] | undefined {
  if (!media) return undefined;
  const [first] = examplesOf(media.media);
  const body = first ? structuredClone(first[1]) : sample(media.schema, 'request');
  return media.type === 'multipart/form-data'
    ? withFiles(media.schema, body as Record<string, unknown>)
    : (body as Record<string, unknown>);
}

/** The body with every binary field of `schema` a file: the example's `"(binary ...)"` placeholders, and required ones. */
export function withFiles(schema: Node, body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  const required = new Set<string>(schema.required ?? []);
  for (const [name, prop] of Object.entries<Node>(schema.properties ?? {})) {
    if (prop.format !== 'binary') continue;
    if (name in out || required.has(name)) {
      // "Same format and size limits as `user_image`": the sibling's description says which kinds.
      const sibling = /same[^.]*\bas `(\w+)`/i.exec(prop.description ?? '')?.[1];
      const description = sibling ? (schema.properties[sibling]?.description ?? '') : (prop.description ?? '');
      out[name] = fileFor(name, description);
    }
  }
  return out;
}

/** A value that satisfies `schema` with the fewest fields: required properties, first enum values. */
export function sample(schema: Node, mode: 'request' | 'response', depth = 0): unknown {
  const s = deref(schema) ?? {};
  if (depth > 12) return undefined;
  if (s.example !== undefined && mode === 'request' && typeof s.example !== 'object') return s.example;
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return sample(alternatives[0], mode, depth + 1);
  if (s.allOf) {
    return Object.assign({}, ...s.allOf.map((part: Node) => sample(part, mode, depth + 1) as object));
  }
  if (Array.isArray(s.enum)) return s.enum.find((v: unknown) => v !== null);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return '6f1c4c1e-7c0b-4f7e-9a53-2f1d3a4b5c6d';
      if (s.format === 'date-time') return '2026-01-02T03:04:05Z';
      if (s.format === 'date') return '2026-01-02';
      if (s.format === 'email') return 'ada@example.com';
      if (s.format === 'uri') return 'https://example.com/hook';
      return 'text';
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'array': {
      const item = sample(s.items ?? {}, mode, depth + 1);
      return item === undefined ? [] : [item];
    }
    default: {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) {
        const value = sample(s.properties?.[name] ?? {}, mode, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
  }
}

/** The query a call sends: the required params (the rest are optional), each with a sample value. */
export function queryOf(o: SpecOperation): Record<string, unknown> | undefined {
  if (o.queryParams.length === 0) return undefined;
  return Object.fromEntries(
    o.queryParams.filter((p) => p.required).map((p) => [p.name, sample(p.schema ?? { type: 'string' }, 'request')]),
  );
}

export const SESSION_TOKEN = 'st_0123456789abcdefghijklmnopqrstuvwxyz0123';
export const TRANSACTION_TOKEN = 'tt_0123456789abcdefghijklmnopqrstuvwxyz0123';

/** How a client method is called for `o`: its arguments, in the method's order. */
export function argsFor(o: SpecOperation, body: unknown = requestBodyOf(o), options: RequestOptions = {}): unknown[] {
  const path = o.pathParams.filter((p) => p.name !== 'organization_id' && p.name !== 'application_id');
  const values = path.map((p) => paramValue(p.name, p.schema));
  if (o.handWritten) {
    const query = o.queryParams.length ? {} : undefined;
    if (o.verb === 'armSandboxScenario')
      return [...values, { ...(body as object), sessionToken: SESSION_TOKEN }, options];
    return [...values, ...(body !== undefined ? [body] : []), ...(query ? [query] : []), options];
  }
  const query = queryOf(o);
  return [
    ...values,
    ...(body !== undefined ? [body] : []),
    ...(query !== undefined ? [query] : []),
    ...(o.auth === 'session-token' ? [SESSION_TOKEN] : []),
    ...(o.auth === 'transaction-token' ? [TRANSACTION_TOKEN] : []),
    options,
  ];
}
