/**
 * Validates mock responses against Didit's vendored OpenAPI 3.0.0 (`packages/core/spec/didit-openapi-v3.json`).
 *
 * OpenAPI 3.0 schemas are not JSON Schema (`nullable`, `example`, `discriminator`…): each schema is converted with
 * `@openapi-contrib/openapi-schema-to-json-schema`, then the spec's known-wrong spots are patched from
 * `openapi-exceptions.ts`, then everything is compiled by Ajv (with `ajv-formats`) as one document, so that local
 * `#/components/...` refs resolve inside it.
 */
import { readFileSync } from 'node:fs';
import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { OPENAPI_EXCEPTIONS, type SchemaException } from './openapi-exceptions.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_URL = new URL('../../../core/spec/didit-openapi-v3.json', import.meta.url);
const DOC_ID = 'https://didit.test/openapi.json';

export const spec = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as JsonObject;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function convert(schema: Json): JsonObject {
  const out = openapiSchemaToJsonSchema(schema as never, { cloneSchema: true }) as unknown as JsonObject;
  // Drop the draft-04 marker: the spec uses no draft-04-only keyword (boolean `exclusiveMinimum`…), so Ajv's
  // default draft-07 reads the converted schemas the same way.
  delete out.$schema;
  return out;
}

/** The `responses` object (`"200"`, `"404"`…) of one operation; throws when the spec has no such operation. */
function operation(method: string, path: string): JsonObject {
  const item = (spec.paths as JsonObject)[path];
  const op = isObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isObject(op) || !isObject(op.responses)) throw new Error(`The spec has no operation ${method} ${path}`);
  return op.responses;
}

/** Walks `at` (`a.b[].c`, `[]` = array items) in a converted schema; steps through `allOf`/`anyOf`/`oneOf`. */
function locate(schema: JsonObject, at: string, where: string): JsonObject[] {
  let current: JsonObject[] = [schema];
  const steps =
    at === '' ? [] : at.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part]));
  for (const step of steps.filter((s) => s !== '')) {
    const next: JsonObject[] = [];
    const visit = (node: JsonObject) => {
      for (const key of ['allOf', 'anyOf', 'oneOf']) {
        const list = node[key];
        if (Array.isArray(list)) for (const sub of list) if (isObject(sub)) visit(sub);
      }
      // Patching a shared component would leak the exception into every operation using it: say so instead.
      if (typeof node.$ref === 'string') throw new Error(`Exception path ${where}: crosses ${node.$ref}`);
      const found = step === '[]' ? node.items : isObject(node.properties) ? node.properties[step] : undefined;
      if (isObject(found)) next.push(found);
    };
    for (const node of current) visit(node);
    if (next.length === 0) throw new Error(`Exception path ${where}: no "${step}" in the spec's schema`);
    current = next;
  }
  return current;
}

let components: JsonObject = {};

/** Makes a converted schema node also accept `null` (keeps its `enum`/`format` for non-null values). */
function makeNullable(node: JsonObject): void {
  // `nullable` beside `oneOf`/`anyOf`: null passes none of the alternatives, so it becomes one.
  if (Array.isArray(node.oneOf) || Array.isArray(node.anyOf)) {
    const copy = { ...node };
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [copy, { type: 'null' }];
    return;
  }
  if (Array.isArray(node.type)) {
    if (!node.type.includes('null')) node.type = [...node.type, 'null'];
  } else if (typeof node.type === 'string') {
    node.type = [node.type, 'null'];
  } else {
    const copy = { ...node };
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [copy, { type: 'null' }];
    return;
  }
  if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null];
}

/** Naive ISO-8601 / `YYYY-MM-DD HH:MM:SS` timestamps, optional fraction and offset. */
const NAIVE_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?$';

function patch(schema: JsonObject, exception: SchemaException, where: string): void {
  if (exception.kind === 'undocumented-status') return;
  // A response that is one shared component (`$ref: TransactionDetail`): patched on this response's own copy.
  if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    delete schema.$ref;
    Object.assign(schema, structuredClone(components[name] as JsonObject));
  }
  for (const at of exception.at) {
    for (const node of locate(schema, at, `${where} ${at}`)) {
      if (exception.kind === 'nullable') makeNullable(node);
      else if (node.format === 'date-time') {
        delete node.format;
        node.pattern = NAIVE_DATE_TIME;
      } else throw new Error(`Exception ${where} ${at}: not a date-time in the spec`);
    }
  }
}

const responseSchemas: JsonObject = {};
const keyOf = (method: string, path: string, status: number) => `${method.toUpperCase()} ${path} ${status}`;

function build(): Ajv {
  const raw = (spec.components as JsonObject).schemas as JsonObject;
  components = Object.fromEntries(Object.entries(raw).map(([name, schema]) => [name, convert(schema)]));
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, verbose: true });
  addFormatsPlugin.default(ajv);
  // The spec's one non-standard format (`registered_capital_amount`): Django's DecimalField as a string.
  ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: components }, responses: responseSchemas });
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

export type Verdict =
  | { kind: 'validated'; errors: string[] }
  | { kind: 'no-schema' } // documented status, but the spec gives no JSON schema for it
  | { kind: 'undocumented' }; // the spec does not list this status for the operation

/** The validator for one operation and status, with the exceptions applied. */
function validatorFor(method: string, path: string, status: number): Verdict | ValidateFunction {
  const key = keyOf(method, path, status);
  const cached = compiled.get(key);
  if (cached) return cached;
  const responses = operation(method, path);
  const response = responses[String(status)];
  if (!isObject(response)) return { kind: 'undocumented' };
  const content = isObject(response.content) ? response.content['application/json'] : undefined;
  if (!isObject(content) || !isObject(content.schema)) return { kind: 'no-schema' };
  const schema = convert(content.schema);
  for (const exception of OPENAPI_EXCEPTIONS) {
    if (exception.kind === 'undocumented-status') continue;
    if (exception.operation === `${method.toUpperCase()} ${path}` && exception.status === status) {
      patch(schema, exception, key);
    }
  }
  ajv ??= build();
  const index = String(Object.keys(responseSchemas).length);
  ajv.removeSchema(DOC_ID);
  responseSchemas[index] = schema;
  ajv.addSchema({ $id: DOC_ID, components: { schemas: components }, responses: responseSchemas });
  const validate = ajv.compile({ $ref: `${DOC_ID}#/responses/${index}` });
  compiled.set(key, validate);
  return validate;
}

/** Validates one JSON body against the spec's schema for `method path` answering `status`. */
export function validateResponse(method: string, path: string, status: number, body: unknown): Verdict {
  const found = validatorFor(method, path, status);
  if (typeof found !== 'function') return found;
  if (found(body)) return { kind: 'validated', errors: [] };
  return {
    kind: 'validated',
    errors: (found.errors ?? []).map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)} (got ${JSON.stringify(e.data)?.slice(0, 80)})`,
    ),
  };
}

/** Every exception must still match something in the spec (a stale one throws). */
export function checkExceptionsApply(): void {
  ajv ??= build();
  for (const exception of OPENAPI_EXCEPTIONS) {
    const [method, path] = exception.operation.split(' ') as [string, string];
    const response = operation(method, path)[String(exception.status)];
    if (exception.kind === 'undocumented-status') {
      if (isObject(response)) throw new Error(`${exception.operation} ${exception.status} is in the spec now`);
      continue;
    }
    const content = isObject(response) && isObject(response.content) ? response.content['application/json'] : null;
    if (!isObject(content)) throw new Error(`${exception.operation} ${exception.status}: no JSON schema in the spec`);
    patch(convert(content.schema as Json), exception, exception.operation);
  }
}
