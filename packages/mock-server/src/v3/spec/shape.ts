import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { resolve } from './openapi.ts';
import { sample } from './sample.ts';

// A record as one of Didit's response schemas has it: a stored record keeps every field it was
// given (a create's body, a detail's fields), and each route answers it in its own schema (a list
// row is not a detail). `shape` keeps the record's value of each property the schema lists when the
// value fits it, and fills the rest from the schema, so an answer is always valid against the spec.
// The answer shares the record's values (no copy): it is serialised at once (records/answers.ts),
// never kept or changed.

/** `record` projected onto `schema`: its fields that fit, sampled values for the rest, nothing else. */
export function shape(schema: Json | undefined, record: Json | undefined): Json {
  const node = resolve(schema);
  if (Array.isArray(record) && node.type === 'array') {
    const rows = record.map((item) => shape(node.items, item));
    return typeof node.maxItems === 'number' ? rows.slice(0, node.maxItems) : rows;
  }
  if (record !== undefined && !isObjectSchema(node)) {
    return conforms(record, node) ? record : sample(node);
  }
  if (isJsonObject(record) && isObjectSchema(node)) {
    const properties = propertiesOf(node);
    // A free-form object (`metadata`, `props`): the record's own.
    if (Object.keys(properties).length === 0) return record;
    const out: JsonObject = {};
    for (const [name, property] of Object.entries(properties)) {
      out[name] = record[name] === undefined ? sample(property, 1) : shape(property, record[name]);
    }
    return out;
  }
  if (record === null && node.nullable === true) return null;
  return sample(node);
}

/** Each row of `records` as `schema`'s items (a list's `results`). */
export function shapeRows(itemSchema: Json | undefined, records: readonly JsonObject[]): Json[] {
  return records.map((record) => shape(itemSchema, record));
}

/**
 * True when `value` is valid against `schema` for what the spec uses (type, nullable, enum, the
 * string formats, lengths, bounds, properties, required, items, allOf/oneOf/anyOf).
 */
export function conforms(value: Json, schema: Json | undefined): boolean {
  const node = resolve(schema);
  if (value === null) return node.nullable === true || (Array.isArray(node.enum) && node.enum.includes(null));
  if (Array.isArray(node.allOf)) return node.allOf.every((part) => conforms(value, part));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = node[key];
    if (Array.isArray(options)) return options.some((option) => conforms(value, option));
  }
  if (Array.isArray(node.enum) && !node.enum.some((choice) => choice === value)) return false;
  switch (typeOfSchema(node)) {
    case 'string':
      return typeof value === 'string' && stringFits(value, node);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && numberFits(value, node);
    case 'number':
      return typeof value === 'number' && numberFits(value, node);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return (
        Array.isArray(value) &&
        (typeof node.minItems !== 'number' || value.length >= node.minItems) &&
        (typeof node.maxItems !== 'number' || value.length <= node.maxItems) &&
        value.every((item) => conforms(item, node.items))
      );
    case 'object': {
      if (!isJsonObject(value)) return false;
      const required = Array.isArray(node.required) ? node.required : [];
      if (required.some((name) => typeof name === 'string' && value[name] === undefined)) return false;
      return Object.entries(propertiesOf(node)).every(
        ([name, property]) => value[name] === undefined || conforms(value[name]!, property),
      );
    }
    default:
      return true;
  }
}

function isObjectSchema(node: JsonObject): boolean {
  return typeOfSchema(node) === 'object' || Array.isArray(node.allOf);
}

/** The properties of an object schema, `allOf` parts merged. */
function propertiesOf(node: JsonObject): JsonObject {
  const properties: JsonObject = isJsonObject(node.properties) ? { ...node.properties } : {};
  if (Array.isArray(node.allOf)) {
    for (const part of node.allOf) Object.assign(properties, propertiesOf(resolve(part)));
  }
  return properties;
}

function typeOfSchema(node: JsonObject): string | undefined {
  if (typeof node.type === 'string') return node.type;
  if (isJsonObject(node.properties)) return 'object';
  return undefined;
}

const FORMATS: Readonly<Record<string, RegExp>> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
};

function stringFits(value: string, node: JsonObject): boolean {
  const format = typeof node.format === 'string' ? FORMATS[node.format] : undefined;
  if (format && !format.test(value)) return false;
  if (typeof node.minLength === 'number' && value.length < node.minLength) return false;
  if (typeof node.maxLength === 'number' && value.length > node.maxLength) return false;
  if (typeof node.pattern === 'string') {
    try {
      if (!new RegExp(node.pattern, 'u').test(value)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function numberFits(value: number, node: JsonObject): boolean {
  if (typeof node.minimum === 'number' && value < node.minimum) return false;
  if (typeof node.maximum === 'number' && value > node.maximum) return false;
  return true;
}
