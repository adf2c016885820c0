import { type Endpoint, v3Operations } from '@didit-kit/core/server';
import { FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import fc from 'fast-check';

// Arbitrary requests for the mock server's routes: hostile ids, paths, methods, headers, query
// strings and bodies, shared by the in-process and the over-HTTP fuzzing.

const FIXTURE_IDS = Object.values(FIXTURE_SESSION_IDS);

/** Characters a header value may hold (no NUL, CR or LF; Latin-1 at most). */
const headerChar = fc
  .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09))
  .map((code) => String.fromCharCode(code));
export const headerValue = fc.string({ unit: headerChar, maxLength: 60 });
export const headerName = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,24}$/);

/** Path segments meant to escape or confuse the router. */
export const hostileSegment = fc.constantFrom(
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '..%2F',
  '..%2f..%2f',
  '%2F',
  '%5C',
  '%00',
  '%',
  '%zz',
  '%C0%AE%C0%AE',
  '%EF%BC%8F', // fullwidth solidus
  '\u2215', // division slash
  '１１１１１１１１-２２２２-３３３３-４４４４-５５５５５５５５５５５５', // fullwidth digits
  '11111111-2222-3333-4444-55555555555５',
  'd1d17000-0000-4000-8000-00000000000\u0430', // Cyrillic a
  `${FIXTURE_IDS[0]}%00`,
  `${FIXTURE_IDS[0]}%0A`,
  `${FIXTURE_IDS[0]}/..`,
  'x'.repeat(8_000),
  '',
);

export const sessionIdLike = fc.oneof(
  { arbitrary: fc.constantFrom(...FIXTURE_IDS), weight: 3 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent), weight: 2 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: hostileSegment, weight: 2 },
);

/**
 * One operation of the rest of Didit's v3 API (core's generated table: users, AML, transactions, organization
 * routes, ...) with its own method, its `{params}` filled with ids as hostile as a session's, plausible ones, or left
 * as written: as any request (in `path`), and for fuzzing past authentication, where a handler gets what it gets
 * when the key is right and the rest is not.
 */
export const operationRequest = fc
  .constantFrom(
    ...Object.values(v3Operations).flatMap((verbs) =>
      Object.values(verbs as Record<string, Endpoint>).map((e) => ({ method: e.method, template: e.path })),
    ),
  )
  .chain(({ method, template }) => {
    const count = (template.match(/\{/g) ?? []).length;
    const id = fc.oneof(
      sessionIdLike,
      fc.uuid(),
      fc.constantFrom('{x}', 'me', '0', '-1', 'user-1', 'd1d17000-0000-4000-8000-000000000301'),
    );
    return fc
      .array(id, { minLength: count, maxLength: count })
      .map((ids) => ({ method, path: template.replace(/\{[^}]+\}/g, () => ids.shift() ?? '') }));
  });

/** JSON objects with the field names Didit's v3 bodies use, holding values of any type. */
export const v3Body = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'full_name',
      'vendor_data',
      'workflow_id',
      'email',
      'phone',
      'code',
      'status',
      'new_status',
      'amount',
      'currency',
      'name',
      'url',
      'enabled',
      'subscribed_events',
      'date_of_birth',
      'nationality',
      'document_number',
      'wallet_address',
      'blockchain',
      'entity_type',
      'transaction_id',
      'comment',
      'label',
      'metadata',
      'ids',
      'vendor_data_list',
      'language',
      'questions',
      'graph',
      'user_image',
      'ref_image',
      'front_image',
    ),
    fc.oneof(
      fc.json({ maxDepth: 2 }).map((text) => JSON.parse(text) as unknown),
      fc.string({ maxLength: 40 }),
    ),
    { maxKeys: 6 },
  ),
  fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown),
);

export const path = fc.oneof(
  { arbitrary: operationRequest.map(({ path }) => path), weight: 8 },
  sessionIdLike.map((id) => `/v1/session/${id}/decision/`),
  sessionIdLike.map((id) => `/v1/session/${id}/update-status/`),
  sessionIdLike.map((id) => `/v1/session/${id}/generate-pdf/`),
  sessionIdLike.map((id) => `/v1/session/${id}/`),
  sessionIdLike.map((id) => `/v1/session/${id}/decision`),
  sessionIdLike.map((id) => `/session/${id}`),
  sessionIdLike.map((id) => `/__mock/sessions/${id}`),
  sessionIdLike.map((id) => `/__mock/sessions/${id}/status`),
  sessionIdLike.map((id) => `/__mock/sessions/${id}/advance`),
  // v3: every route of the sessions family.
  fc
    .tuple(
      sessionIdLike,
      fc.constantFrom(
        'decision/',
        'delete/',
        'update-status/',
        'features/feature_ocr_1/update-status/',
        'features/..%2F/update-status/',
        'generate-pdf/',
        'generate-pdf',
        'share/',
        'sandbox/arm/',
      ),
    )
    .map(([id, rest]) => `/v3/session/${id}/${rest}`),
  sessionIdLike.map((id) => `/v3/sessions/${id}/reviews/`),
  fc.constantFrom(
    '/auth/v2/token/',
    '/auth/v2/token',
    '/v1/session/',
    '/v1/session',
    '/__mock',
    '/__mock/',
    '/__mock/sessions',
    '/__mock/reset',
    '/__mock/webhooks',
    '/',
    '//v1//session//',
    '/v1/../auth/v2/token/',
    '/v3/session/',
    '/v3/sessions/',
    '/v3/sessions',
    '/v3/sessions/delete/',
    '/v3/session/import-shared/',
  ),
  fc
    .array(fc.oneof(hostileSegment, fc.string({ maxLength: 12 }).map(encodeURIComponent)), { maxLength: 6 })
    .map((parts) => `/${parts.join('/')}`),
);

export const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST', 'PATCH'), weight: 3 },
  { arbitrary: fc.constantFrom('PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'patch'), weight: 1 },
);

/**
 * `Prefer` / `?__mock=` values: valid scenarios (some of them ask for a 5xx or a dropped
 * connection), broken ones, and noise. No long delays: a valid `delay=` is at most 5 ms here.
 */
export const scenario = fc.oneof(
  fc.constantFrom(
    'code=429',
    'code=404',
    'code=401',
    'code=500',
    'code=503, retry-after=0',
    'code=502',
    'fail=connection',
    'retry-after=0',
    'delay=0',
    'delay=5',
    'delay=abc',
    'delay=99999999',
    'code=999',
    'code="429"',
    'Code=400; delay=1',
    ',,;;',
  ),
  fc.string({ unit: headerChar, maxLength: 30 }).filter((text) => !/delay/i.test(text)),
);

export function authorizations(token: string, basic: string) {
  return fc.oneof(
    { arbitrary: fc.constant(`Bearer ${token}`), weight: 4 },
    fc.constantFrom(
      undefined,
      `bearer   ${token}  `,
      'Bearer mock_not-a-real-token',
      `Basic ${basic}`,
      'Basic %%%',
      'Basic ',
      '',
      `Bearer ${'a'.repeat(6_000)}`,
    ),
    headerValue,
  );
}

export const contentType = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/vnd.api+json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'multipart/form-data',
    'text/plain',
  ),
  headerValue,
);

export const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    '{"new_status":"Approved","comment":"ok"}',
    '{"new_status":"Declined","comment":null}',
    '{"callback":"https://example.com/done","vendor_data":"user-1"}',
    '{"callback":"javascript:alert(1)","vendor_data":"v"}',
    '{"status":"Approved"}',
    '{"outcome":"declined-aml"}',
    'grant_type=client_credentials',
    'grant_type=password',
    'outcome=approved',
    '--x\r\nContent-Disposition: form-data; name="outcome"\r\n\r\napproved\r\n--x--\r\n',
    '{',
    '[]',
    'null',
    '{"a":'.repeat(2_000),
    'x'.repeat(300_000),
  ),
);

export const query = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 4 })
    .map((pairs) => `?${new URLSearchParams(pairs)}`),
  scenario.map((value) => `?__mock=${encodeURIComponent(value)}`),
  fc.constantFrom('?', '?%', '?__mock', '?__mock=', '?__mock=%zz', '?a=1&a=2&__mock=code%3D404', '?#frag'),
);

export const extraHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 4 });

/** True when a request asked the mock for a 5xx (or a dropped connection) itself. */
export function asksForFailure(texts: (string | undefined)[]): { serverError: boolean; drop: boolean } {
  const all = texts.filter((text): text is string => text !== undefined).join(' ');
  return { serverError: /code\s*=\s*"?5/i.test(all), drop: /fail/i.test(all) };
}
