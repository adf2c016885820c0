#!/usr/bin/env node
// Refreshes the vendored copy of Didit's OpenAPI spec, packages/core/spec/didit-openapi-v3.json,
// which the v3 spec-conformance test (packages/core/test/v3/spec-conformance.test.ts) reads, and the
// example bodies beside it (packages/core/spec/examples/v3/, each the value of the example its README names).
//
//   node scripts/refresh-didit-spec.mjs                 # from api-evangelist/didit on GitHub
//   node scripts/refresh-didit-spec.mjs <url>           # from another URL
//   node scripts/refresh-didit-spec.mjs <file.json>     # from a local file
//
// The file is written byte for byte as received, after checking that it is an OpenAPI 3 document
// with `paths`. It prints the new sha256 (put it in packages/core/spec/README.md) and the sessions
// endpoints whose request or response schemas changed; then run the conformance test.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_SOURCE =
  'https://raw.githubusercontent.com/api-evangelist/didit/main/openapi/_original/didit-openapi-original.json';
const SPEC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'core', 'spec');
const TARGET = join(SPEC_DIR, 'didit-openapi-v3.json');
const EXAMPLES_DIR = join(SPEC_DIR, 'examples', 'v3');
// A row of the examples' README: | `decision.user.json` | `GET /v3/session/{sessionId}/decision/` response 200, example `Example` |
const EXAMPLE_ROW =
  /^\| `([^`]+\.json)` \| `([A-Z]+) ([^`]+)` (?:request body|response (\d{3})), (?:example `([^`]+)`|the unnamed `example`) \|$/gm;

/** The sessions endpoints the SDK covers (the conformance test checks the same list). */
const SESSIONS_PATHS = [
  '/v3/session/',
  '/v3/session/{sessionId}/decision/',
  '/v3/sessions/',
  '/v3/session/{sessionId}/delete/',
  '/v3/sessions/delete/',
  '/v3/session/{sessionId}/update-status/',
  '/v3/session/{sessionId}/features/{nodeId}/update-status/',
  '/v3/session/{sessionId}/generate-pdf/',
  '/v3/session/{sessionId}/share/',
  '/v3/session/import-shared/',
  '/v3/sessions/{session_id}/reviews/',
  '/v3/session/{sessionId}/sandbox/arm/',
];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function fail(message) {
  console.error(`refresh-didit-spec: ${message}`);
  process.exit(1);
}

async function load(source) {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { redirect: 'follow' });
    if (!response.ok) fail(`GET ${source} answered ${response.status} ${response.statusText}`);
    return Buffer.from(await response.arrayBuffer());
  }
  if (!existsSync(source)) fail(`no such file: ${source}`);
  return readFileSync(source);
}

function parseSpec(bytes, what) {
  let spec;
  try {
    spec = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    fail(`${what} is not JSON: ${error.message}`);
  }
  if (typeof spec?.openapi !== 'string' || !spec.openapi.startsWith('3.')) {
    fail(`${what} is not an OpenAPI 3 document (openapi: ${JSON.stringify(spec?.openapi)})`);
  }
  if (typeof spec.paths !== 'object' || spec.paths === null || Object.keys(spec.paths).length === 0) {
    fail(`${what} has no paths`);
  }
  return spec;
}

/** `node` with every local `$ref` replaced by its target (a cycle is left as the `$ref`). */
function resolve(spec, node, seen = new Set()) {
  if (Array.isArray(node)) return node.map((item) => resolve(spec, item, seen));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    if (seen.has(node.$ref)) return { $ref: node.$ref };
    const target = node.$ref
      .slice(2)
      .split('/')
      .reduce((at, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
    return resolve(spec, target, new Set([...seen, node.$ref]));
  }
  return Object.fromEntries(Object.keys(node).map((key) => [key, resolve(spec, node[key], seen)]));
}

/** JSON with sorted keys, so equal schemas compare equal whatever their key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(',')}}`;
}

/** `{ 'POST /v3/session/ 201': '<canonical schema>', 'POST /v3/session/ request': ... }` for the sessions paths. */
function sessionsSchemas(spec) {
  const out = new Map();
  for (const path of SESSIONS_PATHS) {
    const item = spec.paths[path];
    if (!item) continue;
    for (const method of METHODS) {
      const operation = resolve(spec, item[method]);
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        out.set(`${name} request ${type}`, canonical(media.schema ?? null));
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? { '(no body)': {} })) {
          out.set(`${name} ${status} ${type}`, canonical(media.schema ?? null));
        }
      }
    }
  }
  return out;
}

const source = process.argv[2] ?? DEFAULT_SOURCE;
const bytes = await load(source);
const spec = parseSpec(bytes, source);
const missing = SESSIONS_PATHS.filter((path) => !spec.paths[path]);

const before = existsSync(TARGET) ? sessionsSchemas(parseSpec(readFileSync(TARGET), TARGET)) : new Map();
const after = sessionsSchemas(spec);
const changed = [];
for (const key of new Set([...before.keys(), ...after.keys()])) {
  if (!before.has(key)) changed.push(`added    ${key}`);
  else if (!after.has(key)) changed.push(`removed  ${key}`);
  else if (before.get(key) !== after.get(key)) changed.push(`changed  ${key}`);
}

/** Writes each example the README names from `spec` (2-space indent); returns the rows the spec no longer has. */
function writeExamples(spec) {
  const missing = [];
  let written = 0;
  for (const [, file, method, path, status, name] of readFileSync(join(EXAMPLES_DIR, 'README.md'), 'utf8').matchAll(
    EXAMPLE_ROW,
  )) {
    const operation = spec.paths[path]?.[method.toLowerCase()];
    const media = status
      ? operation?.responses?.[status]?.content?.['application/json']
      : operation?.requestBody?.content?.['application/json'];
    const value = name === undefined ? media?.example : media?.examples?.[name]?.value;
    if (value === undefined) missing.push(file);
    else {
      writeFileSync(join(EXAMPLES_DIR, file), `${JSON.stringify(value, null, 2)}\n`);
      written++;
    }
  }
  return { written, missing };
}

writeFileSync(TARGET, bytes);
console.log(`Wrote ${TARGET} (${bytes.length} bytes) from ${source}`);
const examples = writeExamples(spec);
console.log(`Wrote ${examples.written} examples into ${EXAMPLES_DIR}`);
if (examples.missing.length) {
  console.log(`Examples the new spec no longer has (kept as they were):\n  ${examples.missing.join('\n  ')}`);
}
console.log(
  `OpenAPI ${spec.openapi}, "${spec.info?.title}" ${spec.info?.version}, ${Object.keys(spec.paths).length} paths`,
);
console.log(`sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
if (missing.length) console.log(`Sessions paths missing from the new spec:\n  ${missing.join('\n  ')}`);
if (changed.length) {
  console.log(`Sessions schemas that changed (requests and responses):\n  ${changed.join('\n  ')}`);
} else {
  console.log('No sessions request or response schema changed.');
}
console.log(
  'Next: update the sha256 in packages/core/spec/README.md and run `pnpm exec vitest run --project core test/v3`.',
);
