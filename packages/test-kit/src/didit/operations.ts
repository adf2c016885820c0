// Every operation of Didit's v3 OpenAPI (packages/core/spec/didit-openapi-v3.json), as the stand-in
// serves them when asked to (`startDiditStandIn({ operations: 'all' })`): matched by the spec's own
// path templates, authenticated as the spec says, answered with the spec's first 2xx example. Read
// from the spec, never from core's generated tables: the stand-in checks the client, so it must not
// share the generator's mistakes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SPEC_PATH = join(import.meta.dirname, '..', '..', '..', 'core', 'spec', 'didit-openapi-v3.json');

/** How the spec authenticates an operation. */
export type OperationAuth = 'api-key' | 'session-token' | 'transaction-token' | 'none';

/** One operation of the spec, as the stand-in serves it. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The spec's path template (`/v3/users/{vendor_data}/`). */
  path: string;
  /**
   * `security` as the spec gives it: a scheme, `none` for an explicit empty list (a public route), and
   * `api-key` when it lists none (the organization routes, which Didit's docs authenticate with the key).
   */
  auth: OperationAuth;
  /** The first 2xx status the spec documents. */
  status: number;
  /** That answer's content type, if it has a body. */
  contentType: string | undefined;
  /**
   * That answer's first example (a named one, else the unnamed `example`), if the spec gives one; `[]`
   * when it gives none and the answer is a list.
   */
  example: unknown;
  /** The path params the spec says are UUIDs (a malformed one is not this route: Django would not match it). */
  uuidParams: readonly string[];
}

interface Media {
  schema?: { type?: string };
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  operationId: string;
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  responses?: Record<string, { content?: Record<string, Media> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation | unknown> & { parameters?: Operation['parameters'] }>;
}

let spec: Spec | undefined;
/** Didit's OpenAPI document (read once). */
export function diditSpec(): Spec {
  spec ??= JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
  return spec;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const SCHEMES: Record<string, OperationAuth> = {
  ApiKeyAuth: 'api-key',
  SessionTokenAuth: 'session-token',
  TransactionTokenAuth: 'transaction-token',
};

function exampleOf(media: Media | undefined): unknown {
  if (!media) return undefined;
  const named = Object.values(media.examples ?? {}).find((e) => e.value !== undefined);
  if (named) return named.value;
  // No example: an empty list where the spec says the answer is one (else the stand-in's `{}`).
  return media.example ?? (media.schema?.type === 'array' ? [] : undefined);
}

let operations: SpecOperation[] | undefined;
/** Every operation of the spec (142), in the spec's order. */
export function specOperations(): readonly SpecOperation[] {
  if (operations) return operations;
  operations = [];
  for (const [path, item] of Object.entries(diditSpec().paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const scheme = op.security?.[0] && Object.keys(op.security[0])[0];
      const auth: OperationAuth =
        op.security === undefined ? 'api-key' : scheme === undefined ? 'none' : (SCHEMES[scheme] ?? 'api-key');
      const [status = '200', response] =
        Object.entries(op.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [];
      const [contentType, media] = Object.entries(response?.content ?? {})[0] ?? [];
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const uuidParams = params
        .filter((p) => p.in === 'path' && (p.schema?.format === 'uuid' || /^session_?id$/i.test(p.name)))
        .map((p) => p.name);
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        auth,
        status: Number(status),
        contentType,
        example: exampleOf(media),
        uuidParams,
      });
    }
  }
  return operations;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let matchers: { operation: SpecOperation; names: string[]; regex: RegExp }[] | undefined;

/**
 * The spec operation of `method` `pathname` (still percent-encoded), if any. Of two templates that
 * match, the one with fewer params wins (`/v3/users/delete/` before `/v3/users/{vendor_data}/`).
 */
export function matchOperation(method: string, pathname: string): SpecOperation | undefined {
  matchers ??= specOperations()
    .map((operation) => {
      const names: string[] = [];
      const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { operation, names, regex: new RegExp(`^(?:/.*)?${source}$`) };
    })
    .sort((a, b) => a.names.length - b.names.length);
  for (const { operation, names, regex } of matchers) {
    if (operation.method !== method) continue;
    const found = regex.exec(pathname);
    if (!found) continue;
    const valid = names.every((name, i) => !operation.uuidParams.includes(name) || UUID.test(found[i + 1] ?? ''));
    if (valid) return operation;
  }
  return undefined;
}
