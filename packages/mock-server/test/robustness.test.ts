import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../src/index.ts';
import { getToken, SEED_ID } from './helpers.ts';

// "Bad input never produces a 500": random methods, paths, headers and bodies against every
// route, with and without a valid token. A 500 (or a thrown call) here is a bug in the mock.

const app = createMockApp();
const token = await getToken(app);

const segments = fc.oneof(
  fc.constantFrom('v1', 'session', 'decision', 'update-status', 'generate-pdf', 'auth', 'v2', 'token', '__mock'),
  fc.constantFrom('sessions', 'status', 'advance', 'reset', SEED_ID, '%', '%zz', '..', '%2F', '', ' ', '%00'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const paths = fc.oneof(
  fc.array(segments, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  fc.constantFrom(
    '/v1/session/',
    `/v1/session/${SEED_ID}/decision/`,
    `/v1/session/${SEED_ID}/update-status/`,
    `/v1/session/${SEED_ID}/generate-pdf/`,
    '/auth/v2/token/',
    `/session/${SEED_ID}`,
    `/__mock/sessions/${SEED_ID}/status`,
  ),
);
const bodies = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 80 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{"new_status":"Approved"}',
    '{"callback":"https://x.test","vendor_data":"v"}',
    'grant_type=client_credentials',
    'outcome=approved',
    '{',
  ),
);
const contentTypes = fc.constantFrom(
  undefined,
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-8',
);
const authorizations = fc.constantFrom(
  undefined,
  `Bearer ${token}`,
  'Bearer x',
  'Basic %%%',
  'Basic bW9jay1jbGllbnQtaWQ6bW9jay1jbGllbnQtc2VjcmV0',
  '',
);

describe('bad input', () => {
  it('never gets a 500 or a thrown error, on any route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'),
        paths,
        bodies,
        contentTypes,
        authorizations,
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        async (method, path, body, contentType, authorization, prefer) => {
          const headers: Record<string, string> = {};
          if (contentType) headers['content-type'] = contentType;
          if (authorization !== undefined) headers.authorization = authorization;
          // Only values that are not a valid scenario: a requested code=500 is not a bug.
          if (prefer !== undefined && !/code|fail/.test(prefer)) headers.prefer = prefer;
          const withBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
          const res = await app.request(`http://localhost${path.startsWith('/') ? path : `/${path}`}`, {
            method,
            headers,
            body: withBody ? body : undefined,
          });
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get('x-request-id')).toBeTruthy();
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);
});
