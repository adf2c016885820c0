/**
 * Every operation of Didit's OpenAPI (`packages/core/spec/didit-openapi-v3.json`), walked against the mock the way
 * a client following the docs would: creates first, then reads, updates and actions with the ids the creates
 * returned, then deletes. Each request's body is the spec's own request example (or, where it has none, a value of
 * its request schema). Every answer is validated with Ajv against the spec (test/support/openapi.ts, with the one
 * exceptions file), and so are the documented errors a client meets: a missing key, an unknown id, a bad body.
 *
 * The count of operations answering a documented 2xx with a spec-valid body is printed, and held to a floor.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY, type MockInstance } from '../../src/index.ts';
import { isJsonObject, type Json, type JsonObject } from '../../src/json.ts';
import { operation, requestSchema, specOperations } from '../../src/v3/spec/openapi.ts';
import { sample } from '../../src/v3/spec/sample.ts';
import { validateResponse } from '../support/openapi.ts';
import { OPENAPI_EXCEPTIONS } from '../support/openapi-exceptions.ts';
import { SAMPLE_IMAGES } from '../support/sample-images.ts';

const BASE = 'http://mock.test';
const ORG = 'd1d17000-0000-4000-8000-00000000a11a';
const APP_ID = 'd1d17000-0000-4000-8000-0000000a9900';
const UNKNOWN_UUID = 'd1d17000-0000-4000-8000-00000000dead';
/** The mock's default KYC workflow. */
const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';

type Op = { method: string; path: string };
const label = (op: Op) => `${op.method} ${op.path}`;

/** The walk's phases, in the order a client meets them: creates (a documented 201), reads, updates, actions, deletes. */
function phaseOf(op: Op): number {
  const step = STEPS[label(op)]?.phase;
  if (step !== undefined) return step;
  if (op.method === 'DELETE') return 5;
  const created = successStatus(op) === 201;
  if (op.method === 'POST' && created) return 1;
  if (op.method === 'GET') return 2;
  if (op.method === 'PATCH' || op.method === 'PUT') return 3;
  return 4;
}

function successStatus(op: Op): number | undefined {
  const responses = operation(op.method, op.path)?.responses;
  if (!isJsonObject(responses)) return undefined;
  const found = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  return found === undefined ? undefined : Number(found);
}

/** The spec's request example for `op` (its first named one), or a value of its request schema. */
function requestBody(op: Op): { json?: Json; form?: FormData } {
  const body = operation(op.method, op.path)?.requestBody;
  const content = isJsonObject(body) && isJsonObject(body.content) ? body.content : {};
  const json = content['application/json'];
  const form = content['multipart/form-data'];
  const exampleOf = (media: Json | undefined): Json | undefined => {
    if (!isJsonObject(media)) return undefined;
    if (media.example !== undefined) return media.example;
    if (isJsonObject(media.examples)) {
      const first = Object.values(media.examples)[0];
      if (isJsonObject(first) && first.value !== undefined) return first.value;
    }
    return undefined;
  };
  if (isJsonObject(json)) {
    return { json: exampleOf(json) ?? sample(requestSchema(op.method, op.path, 'application/json') ?? {}) };
  }
  if (isJsonObject(form)) {
    const schema = requestSchema(op.method, op.path, 'multipart/form-data') ?? {};
    const fields = (exampleOf(form) ?? sample(schema)) as JsonObject;
    const data = new FormData();
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    for (const [name, property] of Object.entries(properties)) {
      const isFile = isJsonObject(property) && property.format === 'binary';
      const required = Array.isArray(schema.required) && schema.required.includes(name);
      if (isFile) {
        if (required || name.endsWith('image') || name === 'front_image') {
          data.append(name, new File([SAMPLE_IMAGES.document], `${name}.png`, { type: 'image/png' }));
        }
      } else if (fields[name] !== undefined && fields[name] !== null) {
        const value = fields[name];
        data.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    return { form: data };
  }
  return {};
}

interface Answer {
  status: number;
  body: Json | undefined;
  /** What is wrong with it against the spec. */
  problems: string[];
  /** The start of its body, for the report. */
  text: string;
}

/** Calls the mock and checks the answer against the spec's schema for that status. */
async function call(mock: MockInstance, op: Op, url: string, init: RequestInit): Promise<Answer> {
  const res = await mock.request(`${BASE}${url}`, init);
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  const problems: string[] = [];
  const listed = OPENAPI_EXCEPTIONS.some(
    (e) => e.kind === 'undocumented-status' && e.operation === label(op) && e.status === res.status,
  );
  let body: Json | undefined;
  if (type.includes('json')) {
    body = JSON.parse(text) as Json;
    const verdict = validateResponse(op.method, op.path, res.status, body);
    if (verdict.kind === 'validated') problems.push(...verdict.errors.slice(0, 3));
    else if (verdict.kind === 'undocumented' && !listed) problems.push(`undocumented status ${res.status}`);
  } else if (validateResponse(op.method, op.path, res.status, undefined).kind === 'undocumented' && !listed) {
    problems.push(`undocumented status ${res.status} (${type || 'no body'})`);
  }
  if (res.status >= 500) problems.push(`a ${res.status}`);
  return { status: res.status, body, problems, text: text.slice(0, 300) };
}

/** What the walk learnt: each create's answer, by the path its ids go under, and every id field seen. */
class Ids {
  readonly #byPrefix = new Map<string, Json>();
  readonly #fields: Record<string, string> = {};
  /** Set by the walk's client steps: `{name}` everywhere, or `path:name` for one operation. */
  readonly extra: Record<string, string> = {};

  /** A create's answer: the first one under a path is the one whose ids are used (a list's rows come later). */
  remember(path: string, body: Json | undefined): void {
    if (body === undefined) return;
    if (!this.#byPrefix.has(path)) this.#byPrefix.set(path, body);
    const record = firstRecord(body);
    for (const [field, value] of Object.entries(record ?? {})) {
      if (typeof value === 'string' && /(_id|_uuid)$/.test(field)) this.#fields[field] ??= value;
    }
  }

  answer(path: string): JsonObject | undefined {
    return firstRecord(this.#byPrefix.get(path));
  }

  /** The value of `{name}` in `path` (the part before it already filled in), or undefined. */
  param(filledPrefix: string, path: string, name: string): string | undefined {
    if (name === 'organization_id') return ORG;
    if (name === 'application_id') return APP_ID;
    if (this.extra[`${path}:${name}`] !== undefined) return this.extra[`${path}:${name}`];
    if (this.extra[name] !== undefined) return this.extra[name];
    const record = this.answer(filledPrefix);
    for (const field of [name, 'uuid', 'id', 'questionnaire_id', 'session_id', 'import_id', 'vendor_data']) {
      const value = record?.[field];
      if (typeof value === 'string' && value !== '') return value;
    }
    return this.#fields[name];
  }
}

function firstRecord(body: Json | undefined): JsonObject | undefined {
  if (Array.isArray(body)) return isJsonObject(body[0]) ? body[0] : undefined;
  if (!isJsonObject(body)) return undefined;
  if (Array.isArray(body.results)) return isJsonObject(body.results[0]) ? body.results[0] : undefined;
  return body;
}

/** `path` with its params filled from `ids`, or undefined when one is not known yet. */
function fill(ids: Ids, path: string): string | undefined {
  let out = '';
  let rest = path;
  for (;;) {
    const match = /\{(\w+)\}/.exec(rest);
    if (!match) return out + rest;
    out += rest.slice(0, match.index);
    const value = ids.param(out, path, match[1]!);
    if (value === undefined) return undefined;
    out += encodeURIComponent(value);
    rest = rest.slice(match.index + match[0].length);
  }
}

function init(op: Op, headers: Record<string, string> = {}): RequestInit {
  const { json, form } = requestBody(op);
  const auth = operation(op.method, op.path)?.security;
  const base: Record<string, string> = { 'x-api-key': DEFAULT_API_KEY, ...headers };
  if (Array.isArray(auth) && auth.length === 0) delete base['x-api-key'];
  if (op.method === 'GET' || op.method === 'DELETE') return { method: op.method, headers: base };
  if (form) return { method: op.method, headers: base, body: form };
  return {
    method: op.method,
    headers: { 'content-type': 'application/json', ...base },
    body: json === undefined ? undefined : JSON.stringify(json),
  };
}

interface Result {
  op: string;
  status: number | 'skipped';
  ok: boolean;
  problems: string[];
}

const results: Result[] = [];
const errorsChecked: { op: string; status: number; problems: string[] }[] = [];

/** Per-operation preparation a client would do first (a session finished, a token minted, ...). */
async function prepare(mock: MockInstance, ids: Ids, op: Op): Promise<Record<string, string>> {
  if (op.path.startsWith('/v1/transactions/')) {
    const res = await mock.request(`${BASE}/v3/transactions/sdk-token/`, {
      method: 'POST',
      headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ vendor_data: 'walk-sdk-user' }),
    });
    const token = ((await res.json()) as JsonObject).sdk_token;
    return typeof token === 'string' ? { 'x-transaction-token': token } : {};
  }
  void ids;
  return {};
}

async function walk(mock: MockInstance): Promise<void> {
  const ops = specOperations()
    .map(({ method, path }) => ({ method, path }))
    .sort((a, b) => {
      const depth = a.path.split('/').length - b.path.split('/').length;
      return phaseOf(a) - phaseOf(b) || (phaseOf(a) === 5 ? -depth : depth);
    });
  const ids = new Ids();
  let finished = false;
  for (const op of ops) {
    if (!finished && phaseOf(op) >= 2) {
      finished = true;
      await afterCreates(mock, ids);
    }
    const step = STEPS[label(op)];
    const extra = (await step?.before?.(mock, ids)) ?? {};
    const url = fill(ids, op.path);
    if (url === undefined) {
      results.push({ op: label(op), status: 'skipped', ok: false, problems: ['an id it needs was never returned'] });
      continue;
    }
    const headers = { ...(await prepare(mock, ids, op)), ...extra.headers };
    const request = init(op, headers);
    if (extra.body !== undefined && typeof request.body === 'string') {
      request.body = JSON.stringify({ ...(JSON.parse(request.body) as JsonObject), ...extra.body });
    }
    const answer = await call(mock, op, `${url}${extra.query ?? ''}`, request);
    const ok = answer.status >= 200 && answer.status < 300 && answer.problems.length === 0;
    const problems = ok ? [] : [...answer.problems, answer.text];
    results.push({ op: label(op), status: answer.status, ok, problems });
    if (ok && op.method !== 'DELETE') ids.remember(url, answer.body);
  }
}

/** The documented errors a client meets: no key (or token), an unknown id, a bad body. */
async function errors(mock: MockInstance): Promise<void> {
  const minted = await api(mock, 'POST', '/v3/transactions/sdk-token/', { vendor_data: 'walk-errors' });
  for (const { method, path } of specOperations()) {
    const op = { method, path };
    const documented = (status: number) => validateResponse(method, path, status, undefined).kind !== 'undocumented';
    const unknownIds = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'organization_id' ? ORG : name === 'application_id' ? APP_ID : UNKNOWN_UUID,
    );
    const ownId = /\{(?!organization_id|application_id)\w+\}/.test(path);
    const security = operation(method, path)?.security;
    const open = Array.isArray(security) && security.length === 0;
    const sdk = path.startsWith('/v1/');
    const credentials: Record<string, string> = sdk
      ? { 'x-transaction-token': String(minted.sdk_token) }
      : { 'x-api-key': DEFAULT_API_KEY };
    const cases: { status: number[]; init: RequestInit }[] = [];
    if (!open && (documented(403) || documented(401))) {
      const wrong: Record<string, string> = sdk ? { 'x-transaction-token': 'wrong' } : { 'x-api-key': 'wrong' };
      // Where Didit looks an unknown id up before the credentials (as the spec says of the sessions), a 404.
      cases.push({ status: [401, 403, ...(ownId && documented(404) ? [404] : [])], init: init(op, wrong) });
    }
    if (documented(404) && ownId) cases.push({ status: [404], init: init(op, credentials) });
    if (documented(400) && method !== 'GET' && method !== 'DELETE' && !ownId) {
      cases.push({
        status: [400],
        init: { method, headers: { ...credentials, 'content-type': 'application/json' }, body: '[1]' },
      });
    }
    for (const one of cases) {
      if (sdk && isJsonObject(one.init.headers)) delete (one.init.headers as Record<string, string>)['x-api-key'];
      const answer = await call(mock, op, unknownIds, one.init);
      const problems = [...answer.problems];
      if (!one.status.includes(answer.status)) problems.push(`expected ${one.status.join(' or ')}: ${answer.text}`);
      errorsChecked.push({ op: label(op), status: answer.status, problems });
    }
  }
}

/** A client's own step before an operation: what it sends besides the spec's example. */
interface Step {
  phase?: number;
  before?: (mock: MockInstance, ids: Ids) => Promise<Extra> | Extra;
}
interface Extra {
  body?: JsonObject;
  query?: string;
  headers?: Record<string, string>;
}

const CASES = '/v3/organization/{organization_id}/application/{application_id}';
const filledCases = `/v3/organization/${ORG}/application/${APP_ID}`;

async function api(mock: MockInstance, method: string, path: string, body?: Json): Promise<JsonObject> {
  const res = await mock.request(`${BASE}${path}`, {
    method,
    headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text === '' ? {} : JSON.parse(text)) as JsonObject;
}

/** Finishes a session as its user would (the mock's admin route stands for the hosted flow). */
async function finish(mock: MockInstance, sessionId: string): Promise<JsonObject> {
  for (let i = 0; i < 5; i++) {
    const decision = await api(mock, 'GET', `/v3/session/${sessionId}/decision/`);
    if (!['Not Started', 'In Progress'].includes(String(decision.status))) return decision;
    await api(mock, 'POST', `/__mock/sessions/${sessionId}/advance`, {});
  }
  return api(mock, 'GET', `/v3/session/${sessionId}/decision/`);
}

function findField(value: Json | undefined, field: string): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findField(item, field);
      if (found !== undefined) return found;
    }
  } else if (isJsonObject(value)) {
    if (typeof value[field] === 'string') return value[field];
    for (const item of Object.values(value)) {
      const found = findField(item, field);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The spec's request example of `method path` whose name matches `name`. */
function exampleNamed(method: string, path: string, name: string | RegExp): JsonObject {
  const body = operation(method, path)?.requestBody;
  const content = isJsonObject(body) && isJsonObject(body.content) ? body.content['application/json'] : undefined;
  const examples = isJsonObject(content) && isJsonObject(content.examples) ? content.examples : {};
  const key = Object.keys(examples).find((k) => (typeof name === 'string' ? k === name : name.test(k)));
  const example = key === undefined ? undefined : examples[key];
  return (isJsonObject(example) && isJsonObject(example.value) ? example.value : {}) as JsonObject;
}

/** Between the creates and the reads: the user finishes the session; a Travel Rule transfer goes out. */
async function afterCreates(mock: MockInstance, ids: Ids): Promise<void> {
  const sessionId = ids.param('/v3/session/', '/v3/session/{sessionId}/', 'sessionId');
  if (sessionId !== undefined) {
    ids.extra.sessionId = sessionId;
    ids.extra.session_id = sessionId;
    const decision = await finish(mock, sessionId);
    const node = findField(decision, 'node_id');
    if (node !== undefined) ids.extra.nodeId = node;
  }
  const kyb = await api(mock, 'POST', '/v3/session/', exampleNamed('POST', '/v3/session/', /kyb/i));
  if (typeof kyb.session_id === 'string') {
    const decision = await finish(mock, kyb.session_id);
    const company =
      isJsonObject(decision) && Array.isArray(decision.registry_checks) ? decision.registry_checks[0] : undefined;
    const uuid = isJsonObject(company) && isJsonObject(company.company) ? company.company.uuid : undefined;
    const kybPath = '/v3/session/{sessionId}/kyb/{companyUuid}/update-data/';
    ids.extra[`${kybPath}:sessionId`] = kyb.session_id;
    if (typeof uuid === 'string') ids.extra[`${kybPath}:companyUuid`] = uuid;
  }
  const transfer = await api(
    mock,
    'POST',
    '/v3/transactions/',
    exampleNamed('POST', '/v3/transactions/', 'Travel Rule transfer'),
  );
  if (typeof transfer.uuid === 'string') {
    ids.extra['/v3/transactions/{transaction_id}/travel-rule/:transaction_id'] = transfer.uuid;
  }
  const pickups = (await api(mock, 'GET', '/__mock/travel-rule/pickups')).pickups;
  const mine = Array.isArray(pickups)
    ? pickups.find((p) => isJsonObject(p) && p.transaction_id === transfer.uuid)
    : undefined;
  const pickup = isJsonObject(mine) ? mine.token : undefined;
  if (typeof pickup === 'string') {
    ids.extra['/v3/travel-rule/pickup/{token}/:token'] = pickup;
    ids.extra['/v3/travel-rule/pickup/{token}/respond/:token'] = pickup;
  }
  const widget = ids.answer('/v3/travel-rule/widget-session/');
  const widgetToken = typeof widget?.url === 'string' ? widget.url.split('/').filter(Boolean).at(-1) : undefined;
  if (widgetToken !== undefined) ids.extra['/v3/travel-rule/widget/{token}/:token'] = widgetToken;
}

/** The status a reviewer would move the walk's session (or one of its features) to: not the one it has. */
async function otherStatus(mock: MockInstance, ids: Ids, feature: boolean): Promise<Extra> {
  const decision = await api(mock, 'GET', `/v3/session/${ids.extra.sessionId}/decision/`);
  let current = String(decision.status);
  if (feature) {
    for (const value of Object.values(decision)) {
      const item = Array.isArray(value)
        ? value.find((i) => isJsonObject(i) && i.node_id === ids.extra.nodeId)
        : undefined;
      if (isJsonObject(item)) current = String(item.status);
    }
  }
  return { body: { new_status: current === 'Approved' ? 'Declined' : 'Approved' } };
}

/** A session its user finished with an AML hit (the `decline_aml_hit` scenario), for a reviewer's verdicts. */
async function amlSession(mock: MockInstance, ids: Ids, path: string, bulk: boolean): Promise<Extra> {
  const created = await api(mock, 'POST', '/v3/session/', {
    workflow_id: WORKFLOW,
    sandbox_scenario: 'decline_aml_hit',
  });
  await mock.request(String(created.url), { method: 'POST' });
  const decision = await api(mock, 'GET', `/v3/session/${created.session_id}/decision/`);
  const screening = Array.isArray(decision.aml_screenings) ? decision.aml_screenings[0] : undefined;
  const hits = isJsonObject(screening) && Array.isArray(screening.hits) ? screening.hits : [];
  const hit = isJsonObject(hits[0]) ? String(hits[0].id) : '';
  ids.extra[`${path}:sessionId`] = String(created.session_id);
  return { body: bulk ? { hit_updates: [{ hit_id: hit, review_status: 'False Positive' }] } : { hit_id: hit } };
}

const AML_HIT = '/v3/session/{sessionId}/update-aml-hit-status/';
const AML_HITS = '/v3/session/{sessionId}/bulk-update-aml-hit-status/';

const STEPS: Readonly<Record<string, Step>> = {
  [`PATCH ${AML_HIT}`]: { before: (mock, ids) => amlSession(mock, ids, AML_HIT, false) },
  [`PATCH ${AML_HITS}`]: { before: (mock, ids) => amlSession(mock, ids, AML_HITS, true) },
  'PATCH /v3/session/{sessionId}/update-status/': { before: (mock, ids) => otherStatus(mock, ids, false) },
  'PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/': {
    before: (mock, ids) => otherStatus(mock, ids, true),
  },
  [`POST ${CASES}/vendor-users/by-id/{didit_internal_id}/faces/upload/`]: {
    before: (_mock, ids) => {
      const user = ids.answer('/v3/users/create/');
      if (typeof user?.didit_internal_id === 'string') ids.extra.didit_internal_id = user.didit_internal_id;
      return { body: { image: Buffer.from(SAMPLE_IMAGES.document).toString('base64') } };
    },
  },
  // The goAML header a compliance officer fills in before validating.
  [`PATCH ${CASES}/regulatory-reports/{report_uuid}/`]: {
    before: () => ({
      body: {
        jurisdiction: 'ES',
        rentity_id: '1234',
        submission_code: 'E',
        currency_code_local: 'EUR',
        action: 'Reported to the FIU.',
        submission_date: '2026-05-17T10:00:00Z',
      },
    }),
  },
  // Shared first (a finished session), then imported into this application.
  'POST /v3/session/import-shared/': {
    phase: 4.5,
    before: async (mock, ids) => {
      const shared = await api(mock, 'POST', `/v3/session/${ids.extra.sessionId}/share/`, {
        for_application_id: 'a5f3bca2-46e2-411e-90ef-a580900a57ee',
        ttl_in_seconds: 600,
      });
      return { body: { share_token: String(shared.share_token), workflow_id: WORKFLOW } };
    },
  },
  // Armed by the hosted page on a session its user has not started, with the session's own token.
  'POST /v3/session/{sessionId}/sandbox/arm/': {
    before: async (mock, ids) => {
      const fresh = await api(mock, 'POST', '/v3/session/', { workflow_id: WORKFLOW });
      ids.extra['/v3/session/{sessionId}/sandbox/arm/:sessionId'] = String(fresh.session_id);
      return { headers: { 'Session-Token': String(fresh.session_token) } };
    },
  },
  [`POST ${CASES}/regulatory-reports/`]: {
    before: (_mock, ids) => ({ body: { case: ids.param(`${filledCases}/cases/`, '', 'case_uuid') ?? '' } }),
  },
  [`POST ${CASES}/cases/{case_uuid}/transfer/`]: {
    before: (_mock, ids) => ({
      body: { target_blueprint: ids.param(`${filledCases}/cases/blueprints/`, '', 'blueprint_uuid') ?? '' },
    }),
  },
  [`POST ${CASES}/cases/{case_uuid}/entity-actions/`]: {
    before: () => ({ body: { action: 'set_status', status: 'FLAGGED' } }),
  },
  [`GET ${CASES}/cases/{case_uuid}/notes/presign/`]: {
    before: (_mock, ids) => {
      const caseUuid = ids.param(`${filledCases}/cases/`, '', 'case_uuid');
      const upload = ids.answer(`${filledCases}/cases/${caseUuid}/notes/presign/`);
      return { query: `?s3_key=${encodeURIComponent(String(upload?.s3_key ?? ''))}` };
    },
  },
  // A four-eyes resolution is staged by resolve on a case whose blueprint has a checker.
  [`POST ${CASES}/cases/{case_uuid}/approve/`]: { phase: 4.5, before: (mock, ids) => stageResolution(mock, ids) },
  [`POST ${CASES}/cases/{case_uuid}/reject-approval/`]: {
    phase: 4.5,
    before: (mock, ids) => stageResolution(mock, ids),
  },
  [`POST ${CASES}/regulatory-reports/{report_uuid}/finalize/`]: { phase: 4.5 },
  [`GET ${CASES}/regulatory-reports/{report_uuid}/download-url/`]: { phase: 4.6 },
  // After the counterparty accepted the pickup: the on-chain hash is reported.
  'PATCH /v3/transactions/{transaction_id}/travel-rule/': { phase: 4.5 },
  // The counterparty VASP names the beneficiary the originator named.
  'POST /v3/travel-rule/pickup/{token}/respond/': {
    before: () => ({ body: { beneficiary_name: 'John Beneficiary' } }),
  },
  // A draft (a finalized report is kept: 409).
  [`DELETE ${CASES}/regulatory-reports/{report_uuid}/`]: {
    phase: 4.9,
    before: async (mock, ids) => {
      const caseUuid = ids.param(`${filledCases}/cases/`, '', 'case_uuid');
      const draft = await api(mock, 'POST', `${filledCases}/regulatory-reports/`, {
        ...((requestBody({ method: 'POST', path: `${CASES}/regulatory-reports/` }).json ?? {}) as JsonObject),
        case: caseUuid ?? '',
      });
      ids.extra[`${CASES}/regulatory-reports/{report_uuid}/:report_uuid`] = String(draft.uuid);
      return {};
    },
  },
  // A deposit to a wallet of the book whose ownership is not proven yet.
  'POST /v3/travel-rule/inbound/': {
    before: () => ({ body: { wallet_address: '0xBeneficiaryWallet01', chain: 'ethereum' } }),
  },
  'POST /v3/transactions/{transaction_id}/travel-rule/ownership/': {
    before: (_mock, ids) => {
      const inbound = ids.answer('/v3/travel-rule/inbound/');
      const id = inbound?.uuid ?? inbound?.transaction_id;
      if (typeof id === 'string')
        ids.extra['/v3/transactions/{transaction_id}/travel-rule/ownership/:transaction_id'] = id;
      return {};
    },
  },
};

/** A case on a four-eyes blueprint, resolved: its resolution waits for the checker. */
async function stageResolution(mock: MockInstance, ids: Ids): Promise<Extra> {
  const blueprints = `${CASES}/cases/blueprints/`;
  const example = (path: string) => (requestBody({ method: 'POST', path }).json ?? {}) as JsonObject;
  const checker = await api(mock, 'POST', `${filledCases}/cases/blueprints/`, {
    ...example(blueprints),
    name: 'Checker',
  });
  const blueprint = await api(mock, 'POST', `${filledCases}/cases/blueprints/`, {
    ...example(blueprints),
    name: 'Four eyes',
    four_eyes_checker_blueprint: checker.uuid ?? null,
  });
  const opened = await api(mock, 'POST', `${filledCases}/cases/`, {
    ...example(`${CASES}/cases/`),
    blueprint: blueprint.uuid ?? null,
  });
  const resolved = await api(
    mock,
    'POST',
    `${filledCases}/cases/${opened.uuid}/resolve/`,
    example(`${CASES}/cases/{case_uuid}/resolve/`),
  );
  if (!isJsonObject(resolved.pending_resolution)) throw new Error(`no resolution staged: ${JSON.stringify(resolved)}`);
  for (const action of ['approve', 'reject-approval']) {
    ids.extra[`${CASES}/cases/{case_uuid}/${action}/:case_uuid`] = String(opened.uuid);
  }
  return {};
}

/** Operations the walk may not get a 2xx from, each with its reason (the README names them too). */
const NOT_2XX: Readonly<Record<string, string>> = {};

/** Didit's spec has 142 operations: every one is answered. */
const FLOOR = 142;

let mock: MockInstance;

afterAll(() => {
  const answered = results.filter((r) => r.ok).length;
  console.info(
    `openapi-walk: ${answered}/${results.length} operations answered a documented 2xx with a spec-valid body; ` +
      `${errorsChecked.length} documented errors checked\n` +
      results
        .filter((r) => !r.ok)
        .map((r) => `  ${r.op} -> ${r.status}: ${r.problems.join(' | ')}`)
        .join('\n'),
  );
  mock?.dispose();
});

describe('Didit OpenAPI: a client walking every operation', () => {
  it('creates, reads, updates, acts, deletes: every operation answers a documented 2xx, valid against the spec', async () => {
    mock = createMockApp();
    await walk(mock);
    expect(results.length).toBe(specOperations().length);
    const failed = results.filter((r) => !r.ok && NOT_2XX[r.op] === undefined);
    expect(failed.map((r) => `${r.op} -> ${r.status}: ${r.problems.join(' | ')}`)).toEqual([]);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(FLOOR);
  });

  it('no key, unknown ids and bad bodies answer the documented errors, valid against the spec', async () => {
    const fresh = createMockApp();
    await errors(fresh);
    fresh.dispose();
    expect(errorsChecked.length).toBeGreaterThan(100);
    expect(errorsChecked.filter((e) => e.problems.length > 0)).toEqual([]);
  });
});
