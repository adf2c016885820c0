import { cloneJson, isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { resolve } from './openapi.ts';

// A value for a schema of Didit's spec, for the operations whose responses the spec gives no example
// for (as Prism's static mode does): the schema's own `example` or `default` where it has one, else
// the first choice of an enum, else a plain value of its type and format. Deterministic, and valid
// against the schema (the mock's OpenAPI test checks every answer with Ajv).

/** Below this depth an object gets its required properties only (the spec has no cycles; this is a bound). */
const FULL_DEPTH = 8;
const MAX_DEPTH = 16;

/** The fixed values of each string format (the ids a record gets are its own, made by the store). */
const FORMATS: Readonly<Record<string, string>> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  email: 'user@example.com',
  uri: 'https://example.com/',
  ipv4: '192.0.2.1',
  byte: 'AA==',
  binary: '',
  decimal: '0',
};

/** The spec's string patterns, each with a value that matches it. */
const PATTERNS: Readonly<Record<string, string>> = {
  '^[a-z]{2,3}(-[A-Z]{2,3})?$': 'en',
  '^[0-9]{4,8}$': '123456',
  '^[0-9]+$': '1',
};

/** A value for `schema` (a copy: the caller may change it). */
export function sample(schema: Json | undefined, depth = 0): Json {
  const node = resolve(schema);
  if (node.example !== undefined) return cloneJson(node.example);
  if (node.default !== undefined) return cloneJson(node.default);
  if (Array.isArray(node.allOf)) {
    const merged: JsonObject = {};
    for (const part of node.allOf) {
      const value = sample(part, depth);
      if (isJsonObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = node[key];
    if (Array.isArray(options) && options.length > 0) return sample(options[0], depth);
  }
  if (Array.isArray(node.enum)) {
    const choice = node.enum.find((value) => value !== null);
    if (choice !== undefined) return cloneJson(choice);
  }
  switch (typeOf(node)) {
    case 'string':
      return stringFor(node);
    case 'integer':
    case 'number':
      return typeof node.minimum === 'number' ? Math.max(node.minimum, 0) : 0;
    case 'boolean':
      return false;
    case 'array': {
      if (depth >= MAX_DEPTH) return [];
      const count = Math.max(typeof node.minItems === 'number' ? node.minItems : 0, depth < FULL_DEPTH ? 1 : 0);
      const max = typeof node.maxItems === 'number' ? node.maxItems : count;
      return Array.from({ length: Math.min(count, max) }, () => sample(node.items, depth + 1));
    }
    case 'object':
      return objectFor(node, depth);
    default:
      return node.nullable === true ? null : {};
  }
}

/** Each property of an object schema (required ones only when deep), sampled. */
function objectFor(node: JsonObject, depth: number): JsonObject {
  const out: JsonObject = {};
  if (depth >= MAX_DEPTH) return out;
  const properties = isJsonObject(node.properties) ? node.properties : {};
  const required = Array.isArray(node.required) ? node.required.filter((r) => typeof r === 'string') : [];
  for (const [name, property] of Object.entries(properties)) {
    if (depth >= FULL_DEPTH && !required.includes(name)) continue;
    out[name] = sample(property, depth + 1);
  }
  for (const name of required) if (!(name in out)) out[name] = null;
  return out;
}

function typeOf(node: JsonObject): string | undefined {
  if (typeof node.type === 'string') return node.type;
  if (isJsonObject(node.properties)) return 'object';
  if (node.items !== undefined) return 'array';
  return undefined;
}

function stringFor(node: JsonObject): string {
  if (typeof node.pattern === 'string' && PATTERNS[node.pattern] !== undefined) return PATTERNS[node.pattern]!;
  let text = typeof node.format === 'string' && FORMATS[node.format] !== undefined ? FORMATS[node.format]! : 'string';
  const min = typeof node.minLength === 'number' ? node.minLength : 0;
  const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY;
  if (text.length < min) text = text.padEnd(min, 'x');
  return text.slice(0, max);
}
