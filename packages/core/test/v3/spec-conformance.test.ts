// The v3 schemas against Didit's own OpenAPI spec (the vendored copy in spec/, see its README):
// every example of the sessions endpoints parses and round-trips unchanged, and every response
// property the spec lists is known to our schemas, except under the opaque paths listed below,
// each with the reason we do not describe it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  armedSandboxSchema,
  armSandboxRequestSchema,
  batchDeleteRequestSchema,
  batchDeleteResponseSchema,
  createdReviewSchema,
  createdSessionSchema,
  createReviewRequestSchema,
  createSessionRequestSchema,
  importedSessionSchema,
  importSharedRequestSchema,
  pageBodySchema,
  reviewItemSchema,
  sessionDecisionSchema,
  sessionListItemSchema,
  sharedSessionSchema,
  shareSessionRequestSchema,
  updateFeatureStatusRequestSchema,
  updateFeatureStatusResponseSchema,
  updateStatusRequestSchema,
  updateStatusResponseSchema,
} from '../../src/v3/schemas/index.ts';
import { allPaths, compare, deref, isNode, type Json, type JsonNode, nodeAt, typesOf } from './openapi.ts';

const spec = JSON.parse(readFileSync(new URL('../../spec/didit-openapi-v3.json', import.meta.url), 'utf8')) as Json;

type Schema = z.ZodMiniType<unknown, unknown>;

interface Operation {
  /** The request body's schema, for operations that take one. */
  request?: Schema;
  /** Our schema per 2xx status; `null` for a response without a body (204, or the PDF's bytes). */
  responses: Record<string, Schema | null>;
}

/** Every sessions endpoint, with the schemas the client uses for it. */
const OPERATIONS: Record<string, Operation> = {
  'POST /v3/session/': { request: createSessionRequestSchema, responses: { 201: createdSessionSchema } },
  'GET /v3/session/{sessionId}/decision/': { responses: { 200: sessionDecisionSchema } },
  'GET /v3/sessions/': { responses: { 200: pageBodySchema(sessionListItemSchema) } },
  'DELETE /v3/session/{sessionId}/delete/': { responses: { 204: null } },
  // 204 in the spec; the client reads an empty body as `{}` (and accepts 200/202 bodies too).
  'POST /v3/sessions/delete/': { request: batchDeleteRequestSchema, responses: { 204: null } },
  'PATCH /v3/session/{sessionId}/update-status/': {
    request: updateStatusRequestSchema,
    responses: { 200: updateStatusResponseSchema },
  },
  'PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/': {
    request: updateFeatureStatusRequestSchema,
    responses: { 200: updateFeatureStatusResponseSchema },
  },
  // application/pdf: bytes, not JSON.
  'GET /v3/session/{sessionId}/generate-pdf/': { responses: { 200: null } },
  'POST /v3/session/{sessionId}/share/': {
    request: shareSessionRequestSchema,
    responses: { 200: sharedSessionSchema },
  },
  // The spec gives this 201 no schema, only examples (user: a V2 decision; business: the v3 one).
  'POST /v3/session/import-shared/': { request: importSharedRequestSchema, responses: { 201: importedSessionSchema } },
  'GET /v3/sessions/{session_id}/reviews/': { responses: { 200: pageBodySchema(reviewItemSchema) } },
  'POST /v3/sessions/{session_id}/reviews/': {
    request: createReviewRequestSchema,
    responses: { 201: createdReviewSchema },
  },
  'POST /v3/session/{sessionId}/sandbox/arm/': {
    request: armSandboxRequestSchema,
    responses: { 200: armedSandboxSchema },
  },
};

const DECISION = 'GET /v3/session/{sessionId}/decision/ 200';
const LIST = 'GET /v3/sessions/ 200';

/**
 * Where our schemas deliberately stop describing the spec: the value is kept and checked to be
 * an object (or a list of objects), typed `JsonObject`, but its own properties are not described.
 * `<endpoint> <status>: <path in the body>`; `[]` is an array's items.
 */
const OPAQUE: readonly { path: string; reason: string }[] = [
  // ID verification
  ...[
    ['extra_fields', 'document-specific extras (licence categories, names in other scripts); varies by document'],
    ['mrz', 'the raw MRZ fields and check digits; the item has the parsed values at its top level'],
    ['front_image_quality_score', 'image-quality telemetry (focus, brightness, resolution)'],
    ['back_image_quality_score', 'image-quality telemetry (focus, brightness, resolution)'],
    ['matches[].user_details', 'three display strings of the other session; read them as a record'],
  ].map(([path = '', reason = '']) => ({ path: `${DECISION}: id_verifications[].${path}`, reason })),
  {
    path: `${DECISION}: id_verifications[].parsed_address.raw_results`,
    reason: "the geocoder's own answer (Google Geocoding shape), not Didit's",
  },
  // NFC
  {
    path: `${DECISION}: nfc_verifications[].chip_data`,
    reason: 'deep provider payload: the data groups read from the chip',
  },
  {
    path: `${DECISION}: nfc_verifications[].certificate_summary`,
    reason: 'X.509 details of the document signer certificate; provider payload',
  },
  // Liveness
  {
    path: `${DECISION}: liveness_checks[].matches[].user_details`,
    reason: 'three display strings of the other session; read them as a record',
  },
  // Phone and email
  { path: `${DECISION}: phone_verifications[].carrier`, reason: 'carrier lookup payload ({ name, type })' },
  {
    path: `${DECISION}: phone_verifications[].lifecycle[].details`,
    reason: 'per-event delivery details (channel, reason, code tried); varies by event type',
  },
  {
    path: `${DECISION}: email_verifications[].breaches[]`,
    reason: 'breach records from a third-party breach database',
  },
  {
    path: `${DECISION}: email_verifications[].lifecycle[].details`,
    reason: 'per-event delivery details (reason, code tried); varies by event type',
  },
  // Proof of address
  {
    path: `${DECISION}: poa_verifications[].document_metadata`,
    reason: 'file metadata and tampering forensics (PDF producer, EXIF, overlay regions)',
  },
  {
    path: `${DECISION}: poa_verifications[].extra_fields`,
    reason: 'document-specific extras (bank details, phone, other names); varies by document',
  },
  // Document AI
  ...['fields[]', 'document_metadata'].map((path) => ({
    path: `${DECISION}: document_ai_documents[].items[].${path}`,
    reason:
      path === 'fields[]'
        ? "the workflow's own field definitions (key, name, instruction, type)"
        : 'file metadata and tampering forensics',
  })),
  // Questionnaire
  {
    path: `${DECISION}: questionnaire_responses[].sections[]`,
    reason: "the workflow author's questionnaire structure (sections, items, choices, answers)",
  },
  // AML
  ...[
    ['risk_view', 'per-category risk model of the AML provider'],
    ['properties', "the screening provider's entity attributes (FollowTheMoney properties), open-ended"],
    ['score_breakdown', 'how match_score was computed (weights and contributions); provider internals'],
    ['pep_matches[]', 'provider records of PEP positions'],
    ['linked_entities[]', 'provider records of related entities'],
    ['warning_matches[]', 'provider records of warning lists, with nested case details'],
    ['sanction_matches[]', 'provider records of sanction listings'],
    ['adverse_media_details', 'provider sentiment summary and keyword counts'],
    ['adverse_media_matches[]', 'provider records of news articles'],
  ].map(([path = '', reason = '']) => ({ path: `${DECISION}: aml_screenings[].hits[].${path}`, reason })),
  {
    path: `${DECISION}: aml_screenings[].screened_data`,
    reason: 'echo of the data that was screened (name, nationality, date of birth, document number)',
  },
  // IP analysis
  ...['ip', 'id_document', 'poa_document'].map((path) => ({
    path: `${DECISION}: ip_analyses[].${path}`,
    reason: 'a location and distances (km) between IP and document addresses; small, derived data',
  })),
  ...['device_info', 'location_info'].map((path) => ({
    path: `${DECISION}: ip_analyses[].matches[].${path}`,
    reason: "the other session's device or IP details, for display",
  })),
  // Database validation
  ...[
    ['screened_data', 'echo of the data sent to the government databases'],
    ['validations[]', 'one record per database service, with its raw source data; varies by country'],
    ['errors[]', 'per-service error records; varies by country'],
  ].map(([path = '', reason = '']) => ({ path: `${DECISION}: database_validations[].${path}`, reason })),
  // KYB
  {
    path: `${DECISION}: registry_checks[].company`,
    reason: 'the registry record of the company (officers, owners, addresses, registry data): deep provider payload',
  },
  {
    path: `${DECISION}: key_people_checks[].registry`,
    reason: 'officers and beneficial owners from the registry, each with KYC/AML sub-status: deep payload',
  },
  {
    path: `${DECISION}: key_people_checks[].submitted`,
    reason: 'the parties the user declared, with roles and sub-session links: deep payload',
  },
  {
    path: `${DECISION}: document_verifications[].items[].document_metadata`,
    reason: 'file metadata and tampering forensics',
  },
  // List and reviews
  {
    path: `${LIST}: results[].additional_details`,
    reason: 'a per-feature summary of the decision (AML, PoA, liveness, ...); read the decision for details',
  },
];

const opaquePaths = new Set(OPAQUE.map((entry) => entry.path));

/** The spec's operation object for `'METHOD /path'`. */
function operationOf(key: string): JsonNode {
  const [method = '', path = ''] = key.split(' ');
  const pathItem = deref(spec, isNode(spec) && isNode(spec.paths) ? spec.paths[path] : undefined);
  const operation = deref(spec, pathItem?.[method.toLowerCase()]);
  if (!operation) throw new Error(`The spec has no ${key}`);
  return operation;
}

/** The `application/json` media object of a request body or response, if any. */
function jsonMedia(node: Json | undefined): JsonNode | undefined {
  const content = deref(spec, node)?.content;
  return isNode(content) ? deref(spec, content['application/json']) : undefined;
}

/** A media object's examples: each named `examples` entry's `value`, the unnamed `example`, and its schema's `example`. */
function examplesOf(media: JsonNode | undefined): [string, Json][] {
  if (!media) return [];
  const out: [string, Json][] = [];
  if (isNode(media.examples)) {
    for (const [name, example] of Object.entries(media.examples)) {
      const value = deref(spec, example)?.value;
      if (value !== undefined) out.push([name, value]);
    }
  }
  if (media.example !== undefined) out.push(['(example)', media.example]);
  const schemaExample = deref(spec, media.schema)?.example;
  if (schemaExample !== undefined) out.push(["(the schema's example)", schemaExample]);
  return out;
}

function responsesOf(key: string): [string, JsonNode][] {
  const responses = operationOf(key).responses;
  return isNode(responses) ? Object.entries(responses).map(([status, r]) => [status, deref(spec, r) ?? {}]) : [];
}

const is2xx = (status: string) => /^2\d\d$/.test(status);

const keys = Object.keys(OPERATIONS);

describe('the vendored spec', () => {
  it('has every sessions endpoint, and no other method on their paths', () => {
    const paths = isNode(spec) && isNode(spec.paths) ? spec.paths : {};
    const listed = new Set(keys);
    const inSpec: string[] = [];
    for (const path of new Set(keys.map((key) => key.split(' ')[1] ?? ''))) {
      for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
        if (isNode(deref(spec, paths[path])?.[method])) inSpec.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(inSpec.sort()).toEqual([...listed].sort());
  });

  it.each(keys)('%s: every 2xx response is one we read', (key) => {
    const statuses = responsesOf(key)
      .filter(([status]) => is2xx(status))
      .map(([status, response]) => [status, jsonMedia(response) ? 'json' : 'no json body']);
    const ours = Object.entries(OPERATIONS[key]?.responses ?? {}).map(([status, schema]) => [
      status,
      schema ? 'json' : 'no json body',
    ]);
    expect(statuses).toEqual(ours);
  });
});

describe('every example of the sessions endpoints parses and round-trips unchanged', () => {
  const cases: [string, string, Schema, Json][] = [];
  for (const key of keys) {
    const operation = OPERATIONS[key];
    const request = operation?.request;
    if (request) {
      for (const [name, value] of examplesOf(jsonMedia(operationOf(key).requestBody))) {
        cases.push([key, `request "${name}"`, request, value]);
      }
    }
    for (const [status, response] of responsesOf(key)) {
      const schema = operation?.responses[status];
      if (!is2xx(status) || !schema) continue;
      for (const [name, value] of examplesOf(jsonMedia(response)))
        cases.push([key, `${status} "${name}"`, schema, value]);
    }
  }

  it('finds the examples (at least one per endpoint with a JSON body)', () => {
    // Per the spec: every sessions endpoint with a JSON request or 2xx body has an example,
    // except the per-feature update-status request.
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const withExamples = new Set(cases.map(([key]) => key));
    for (const key of keys) {
      const hasJson = Object.values(OPERATIONS[key]?.responses ?? {}).some(Boolean) || OPERATIONS[key]?.request;
      if (hasJson) expect(withExamples, key).toContain(key);
    }
  });

  it.each(cases)('%s %s', (_key, _name, schema, example) => {
    expect(schema.parse(example)).toEqual(example);
  });
});

describe('every response property the spec lists is known to our schemas', () => {
  const walked: { key: string; status: string; specSchema: Json; schema: Schema }[] = [];
  for (const key of keys) {
    for (const [status, response] of responsesOf(key)) {
      const schema = OPERATIONS[key]?.responses[status];
      const specSchema = jsonMedia(response)?.schema;
      if (is2xx(status) && schema && specSchema !== undefined) walked.push({ key, status, specSchema, schema });
    }
  }

  it('walks every 2xx JSON response that has a schema in the spec', () => {
    // import-shared's 201 has examples but no schema.
    expect(walked.map(({ key, status }) => `${key} ${status}`)).toHaveLength(9);
  });

  it('knows every property, except under the opaque paths', () => {
    const missing: string[] = [];
    const reached = new Set<string>();
    for (const { key, status, specSchema, schema } of walked) {
      const prefix = `${key} ${status}: `;
      const ours = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Json;
      // Our root is an object with properties (not `{}`, as an unrepresentable z.custom would be).
      expect(Object.keys(isNode(ours) && isNode(ours.properties) ? ours.properties : {}).length, key).toBeGreaterThan(
        0,
      );
      const opaque = new Set([...opaquePaths].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
      const result = compare({ root: spec, node: specSchema }, { root: ours, node: ours }, opaque);
      missing.push(...result.missing.map((path) => prefix + path));
      for (const path of result.stoppedAt) reached.add(prefix + path);
    }
    expect(missing).toEqual([]);
    // Each opaque entry is reached by the walk (so it names a real path we stop at).
    expect(OPAQUE.map((entry) => entry.path).filter((path) => !reached.has(path))).toEqual([]);
  });

  it('lists each opaque path once, with a reason, and each still exists in the spec', () => {
    expect(opaquePaths.size).toBe(OPAQUE.length);
    for (const { reason } of OPAQUE) expect(reason.length).toBeGreaterThan(10);
    const gone: string[] = [];
    for (const { path } of OPAQUE) {
      const [key = '', inBody = ''] = path.split(': ');
      const found = walked.find((w) => `${w.key} ${w.status}` === key);
      if (!found || !allPaths(spec, found.specSchema).has(inBody)) gone.push(path);
    }
    expect(gone).toEqual([]);
  });

  it('still checks each opaque value is an object (it is not typed as anything at all)', () => {
    const notObjects: string[] = [];
    for (const { path } of OPAQUE) {
      const [key = '', inBody = ''] = path.split(': ');
      const found = walked.find((w) => `${w.key} ${w.status}` === key);
      const ours = found && (z.toJSONSchema(found.schema, { unrepresentable: 'any', io: 'output' }) as Json);
      const node = ours === undefined ? undefined : nodeAt(ours, ours, inBody);
      const types = ours === undefined || node === undefined ? [] : typesOf(ours, node);
      if (!types.includes('object') || types.some((type) => type !== 'object' && type !== 'null')) {
        notObjects.push(`${path}: ${types.join('|') || 'anything'}`);
      }
    }
    expect(notObjects).toEqual([]);
  });
});

describe('error bodies are not decisions', () => {
  const errorExamples: [string, Json][] = [];
  for (const key of keys) {
    for (const [status, response] of responsesOf(key)) {
      if (is2xx(status)) continue;
      for (const [name, value] of examplesOf(jsonMedia(response)))
        errorExamples.push([`${key} ${status} "${name}"`, value]);
    }
  }

  it('finds the spec error examples', () => {
    expect(errorExamples.length).toBeGreaterThan(20);
  });

  it.each(errorExamples)('%s', (_name, body) => {
    expect(sessionDecisionSchema.safeParse(body).success).toBe(false);
  });
});

describe('batch delete answers (spec: 204 without a body, read as {}; newer docs: 200 results, 202 job)', () => {
  it.each([
    {},
    { results: [{ session_number: '1001', outcome: 'deleted' }] },
    { job_id: 'b3c1', status: 'PENDING', total: 25, processed: 0, outcomes: {}, error: null },
  ])('%j round-trips', (body) => {
    expect(batchDeleteResponseSchema.parse(body)).toEqual(body);
  });
});

describe('request constraints the spec and the contract state are checked before sending', () => {
  const workflow_id = '11111111-2222-3333-4444-555555555555';
  const ok = (schema: Schema, body: unknown) => expect(schema.safeParse(body).success, JSON.stringify(body)).toBe(true);
  const refused = (schema: Schema, body: unknown) =>
    expect(schema.safeParse(body).success, JSON.stringify(body)).toBe(false);

  it('create: workflow_id is a required UUID; callback is absolute (or an app link); callback_method is known', () => {
    refused(createSessionRequestSchema, {});
    refused(createSessionRequestSchema, { workflow_id: 'not-a-uuid' });
    ok(createSessionRequestSchema, { workflow_id });
    ok(createSessionRequestSchema, { workflow_id, callback: 'myapp://done' });
    refused(createSessionRequestSchema, { workflow_id, callback: '/relative/path' });
    refused(createSessionRequestSchema, { workflow_id, callback: 'javascript://%0aalert(1)' });
    refused(createSessionRequestSchema, { workflow_id, callback_method: 'everyone' });
    refused(createSessionRequestSchema, { workflow_id, vendor_data: 42 });
  });

  it('create: portrait_image is base64 of at most 2 MB', () => {
    const bytes = (n: number) => Buffer.alloc(n, 7).toString('base64');
    ok(createSessionRequestSchema, { workflow_id, portrait_image: bytes(2 * 1024 * 1024) });
    refused(createSessionRequestSchema, { workflow_id, portrait_image: bytes(2 * 1024 * 1024 + 1) });
    refused(createSessionRequestSchema, { workflow_id, portrait_image: `data:image/png;base64,${bytes(3)}` });
  });

  it('requests keep fields Didit adds later', () => {
    const body = { workflow_id, some_new_field: { a: 1 }, expected_details: { first_name: 'A', new_detail: true } };
    expect(createSessionRequestSchema.parse(body)).toEqual(body);
  });

  it('update-status: new_status is Approved, Declined or Resubmitted; email_address comes with send_email', () => {
    refused(updateStatusRequestSchema, { new_status: 'In Review' });
    refused(updateStatusRequestSchema, { new_status: 'Resubmitted', send_email: true });
    ok(updateStatusRequestSchema, { new_status: 'Resubmitted', send_email: true, email_address: 'a@b.co' });
    refused(updateFeatureStatusRequestSchema, { new_status: 'Resubmitted' });
    ok(updateFeatureStatusRequestSchema, { new_status: 'In Review' });
  });

  it('batch delete: non-empty digit strings, or delete_all', () => {
    refused(batchDeleteRequestSchema, { session_numbers: [] });
    refused(batchDeleteRequestSchema, { session_numbers: ['12a'] });
    refused(batchDeleteRequestSchema, { session_numbers: [1001] });
    refused(batchDeleteRequestSchema, { delete_all: false });
    ok(batchDeleteRequestSchema, { delete_all: true });
  });

  it('share: ttl_in_seconds from 60 to 86400; reviews: new_status is one of the ten, exactly spelt', () => {
    const for_application_id = workflow_id;
    ok(shareSessionRequestSchema, { for_application_id, ttl_in_seconds: 60 });
    refused(shareSessionRequestSchema, { for_application_id, ttl_in_seconds: 59 });
    refused(shareSessionRequestSchema, { for_application_id, ttl_in_seconds: 86401 });
    ok(createReviewRequestSchema, {});
    refused(createReviewRequestSchema, { new_status: 'approved' });
  });
});
