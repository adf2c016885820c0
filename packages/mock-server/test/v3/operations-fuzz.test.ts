import { describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY } from '../../src/index.ts';
import { isJsonObject, type Json, type JsonObject } from '../../src/json.ts';
import { operation, requestSchema, specOperations } from '../../src/v3/spec/openapi.ts';
import { sample } from '../../src/v3/spec/sample.ts';

// Bad input never makes the mock answer 5xx: every operation of the spec, with its example body
// mutated field by field (wrong types, nulls, huge values, missing fields), broken JSON, forms where
// JSON is expected and odd path ids. Deterministic (a seeded generator), so a failure repeats.

const ORG = 'd1d17000-0000-4000-8000-00000000a11a';
const STRANGE: readonly Json[] = [
  null,
  '',
  'x'.repeat(5000),
  -1,
  1e308,
  0.5,
  true,
  [],
  [null],
  {},
  { nested: { deep: [1, 'a'] } },
  '../../etc/passwd',
  '\u0000\u202e<script>',
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function exampleOf(method: string, path: string): JsonObject {
  const body = operation(method, path)?.requestBody;
  const content = isJsonObject(body) && isJsonObject(body.content) ? body.content['application/json'] : undefined;
  if (isJsonObject(content)) {
    if (isJsonObject(content.example)) return content.example;
    if (isJsonObject(content.examples)) {
      const first = Object.values(content.examples)[0];
      if (isJsonObject(first) && isJsonObject(first.value)) return first.value;
    }
  }
  const schema = requestSchema(method, path, 'application/json') ?? requestSchema(method, path, 'multipart/form-data');
  const value = schema === undefined ? {} : sample(schema);
  return isJsonObject(value) ? value : {};
}

/** Bodies a careless or hostile client sends. */
function mutations(example: JsonObject, random: () => number): string[] {
  const bodies: string[] = ['', '{', 'null', '[]', '"text"', '{"a":', JSON.stringify({ unknown_field: 1 })];
  for (const field of Object.keys(example)) {
    const { [field]: _, ...without } = example;
    bodies.push(JSON.stringify(without));
    for (let i = 0; i < 3; i++) {
      const value = STRANGE[Math.floor(random() * STRANGE.length)]!;
      bodies.push(JSON.stringify({ ...example, [field]: value }));
    }
  }
  return bodies;
}

const CASES = `/v3/organization/${ORG}/application/${ORG}`;

/** One record of each kind, made as a client would (the spec's example bodies), by the path param naming it. */
async function records(mock: ReturnType<typeof createMockApp>): Promise<Record<string, string>> {
  const made: Record<string, string> = {};
  const create = async (path: string, specPath: string, param: string, field: string, extra: JsonObject = {}) => {
    const res = await mock.request(`http://mock.test${path}`, {
      method: 'POST',
      headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ ...exampleOf('POST', specPath), ...extra }),
    });
    const body = (await res.json()) as JsonObject;
    if (typeof body[field] === 'string') made[param] = body[field] as string;
  };
  const generic = '/v3/organization/{organization_id}/application/{application_id}';
  await create('/v3/session/', '/v3/session/', 'sessionId', 'session_id', {
    workflow_id: 'd1d17000-0000-4000-8000-00000000f10a',
  });
  await create('/v3/users/create/', '/v3/users/create/', 'vendor_data', 'vendor_data');
  await create('/v3/users/create/', '/v3/users/create/', 'didit_internal_id', 'didit_internal_id', {
    vendor_data: 'fuzz-2',
  });
  await create('/v3/workflows/', '/v3/workflows/', 'settings_uuid', 'uuid');
  await create('/v3/questionnaires/', '/v3/questionnaires/', 'questionnaire_uuid', 'questionnaire_id');
  await create('/v3/webhook/destinations/', '/v3/webhook/destinations/', 'destination_uuid', 'uuid');
  await create('/v3/transactions/', '/v3/transactions/', 'transaction_id', 'uuid');
  await create('/v3/travel-rule/wallet-addresses/', '/v3/travel-rule/wallet-addresses/', 'entry_uuid', 'uuid');
  await create(`${CASES}/cases/`, `${generic}/cases/`, 'case_uuid', 'uuid');
  await create(`${CASES}/cases/blueprints/`, `${generic}/cases/blueprints/`, 'blueprint_uuid', 'uuid');
  await create(`${CASES}/report-templates/`, `${generic}/report-templates/`, 'template_uuid', 'uuid');
  await create(`${CASES}/regulatory-reports/`, `${generic}/regulatory-reports/`, 'report_uuid', 'uuid', {
    case: made.case_uuid ?? '',
  });
  made.session_id = made.sessionId ?? '';
  return made;
}

describe('fuzzing every operation', () => {
  it('answers bad input with a 4xx (never a 5xx), whatever the body, content type or ids', async () => {
    const mock = createMockApp();
    const random = seeded(24);
    const real = await records(mock);
    expect(Object.keys(real).length).toBeGreaterThan(10);
    const failures: string[] = [];
    let requests = 0;
    for (const { method, path } of specOperations()) {
      const ids = ['d1d17000-0000-4000-8000-00000000dead', 'not-a-uuid', '%2e%2e', 'x'.repeat(300)];
      const urls = [undefined, ...ids].map((id) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'organization_id' || name === 'application_id'
            ? ORG
            : encodeURIComponent(id ?? real[name] ?? 'd1d17000-0000-4000-8000-00000000beef'),
        ),
      );
      const bodies = method === 'GET' || method === 'DELETE' ? [undefined] : mutations(exampleOf(method, path), random);
      for (const url of urls) {
        for (const body of bodies) {
          for (const type of ['application/json', 'multipart/form-data; boundary=x', 'text/plain']) {
            if (body === undefined && type !== 'application/json') continue;
            requests++;
            const res = await mock.request(`http://mock.test${url}`, {
              method,
              headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': type, 'x-transaction-token': 'nope' },
              body,
            });
            if (res.status >= 500)
              failures.push(`${method} ${url} ${type} ${String(body).slice(0, 80)} -> ${res.status}`);
            await res.arrayBuffer();
          }
        }
      }
    }
    mock.dispose();
    expect(requests).toBeGreaterThan(5000);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 120_000);
});
