import { type Clock, isoMicros } from '../../clock.ts';
import { isJsonObject, type Json, type JsonObject } from '../../json.ts';
import { exampleBody, personalise } from '../example-answer.ts';
import { OPERATIONS, type OperationKey } from '../operations.ts';
import { resolve, successOf } from '../spec/openapi.ts';
import { conforms } from '../spec/shape.ts';
import { Collection } from './collection.ts';

// A store of plain records for the resources whose state is their fields (questionnaires, cases
// and their notes and links, blueprints, report templates, regulatory reports, wallet addresses,
// ...): a new record starts from the create operation's documented 2xx body (Didit's example, or a
// value of its schema), takes a fresh id and timestamps, then every field of the request that its
// response schema has and that fits it. Updates do the same on the record. Bounded (collection.ts).

export interface CrudOptions {
  /** The fields that hold the record's id (the first is its key): `['uuid']`, `['questionnaire_id', 'uuid']`. */
  idFields: readonly string[];
  /** The create operation whose documented body a new record starts from. */
  create: OperationKey;
  now: Clock;
  cap?: number;
}

export class CrudStore {
  readonly #options: CrudOptions;
  readonly #records: Collection<JsonObject>;

  constructor(options: CrudOptions) {
    this.#options = options;
    this.#records = new Collection(options.cap);
  }

  get size(): number {
    return this.#records.size;
  }

  reset(): void {
    this.#records.clear();
  }

  /** A new record from the create route's body; `fields` (computed by the caller) win over both. */
  create(body: JsonObject, fields: JsonObject = {}): JsonObject {
    const endpoint = OPERATIONS[this.#options.create];
    const base = exampleBody(endpoint).body;
    const record: JsonObject = isJsonObject(base) ? (personalise(base, endpoint, {}) as JsonObject) : {};
    const id = crypto.randomUUID();
    for (const field of this.#options.idFields) record[field] = id;
    const now = isoMicros(this.#options.now());
    for (const field of ['created_at', 'updated_at']) if (field in record) record[field] = now;
    overlay(record, body, successOf(endpoint.method, endpoint.path)?.schema);
    Object.assign(record, fields);
    this.#records.set(id, record);
    return record;
  }

  /** A record added as it is (the defaults a store starts with). */
  put(record: JsonObject): JsonObject {
    this.#records.set(String(record[this.#options.idFields[0]!]), record);
    return record;
  }

  get(id: string): JsonObject | undefined {
    return this.#records.get(id);
  }

  /** Every record (that `filter` keeps), newest first. */
  list(filter: (record: JsonObject) => boolean = () => true): JsonObject[] {
    return this.#records.values().reverse().filter(filter);
  }

  /** The request's fields that fit the record's schema (`schemaOf`: the operation answering it), and `fields`. */
  update(record: JsonObject, body: JsonObject, schemaOf: OperationKey, fields: JsonObject = {}): JsonObject {
    const endpoint = OPERATIONS[schemaOf];
    overlay(record, body, successOf(endpoint.method, endpoint.path)?.schema);
    Object.assign(record, fields);
    if ('updated_at' in record) record.updated_at = isoMicros(this.#options.now());
    return record;
  }

  delete(id: string): boolean {
    return this.#records.delete(id);
  }
}

/** Copies each field of `body` the schema lists onto `record`, when it fits the schema's type. */
export function overlay(record: JsonObject, body: JsonObject, schema: Json | undefined): void {
  const node = resolve(schema);
  const properties: JsonObject = {};
  for (const part of [node, ...(Array.isArray(node.allOf) ? node.allOf.map(resolve) : [])]) {
    if (isJsonObject(part.properties)) Object.assign(properties, part.properties);
  }
  const open = Object.keys(properties).length === 0;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (open ? key in record : properties[key] !== undefined && conforms(value, properties[key])) record[key] = value;
  }
}
