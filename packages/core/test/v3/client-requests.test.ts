// The v3 client against the spec stand-in over real HTTP: every method sends the method, path,
// query, headers and body Didit's spec describes, and resolves to the spec's own example bodies.

import {
  PDF_BYTES,
  type Recorded,
  type RouteName,
  type ServedDiditStandIn,
  startDiditStandIn,
  v3Example,
} from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError } from '../../src/index.ts';
import { rejectionOf } from '../helpers/fake-didit.ts';

const API_KEY = 'sk_test_Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5Gs0Ae-Ku_iOoWxE';
const ID = '11111111-2222-3333-4444-555555555555';
/** The session token of the spec's create example (`create-session.response.kyc.json`). */
const SESSION_TOKEN = '3FaJ9wLqX2Mz';

let standIn: ServedDiditStandIn;
let client: DiditClient<'v3'>;

beforeAll(async () => {
  standIn = await startDiditStandIn();
  client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

/** The one request the stand-in recorded. */
function onlyRequest(): Recorded {
  expect(standIn.requests).toHaveLength(1);
  return standIn.requests[0]!;
}

describe('every v3 method sends the method, path, query, key and body of the spec', () => {
  interface Case {
    route: RouteName;
    call: () => Promise<unknown>;
    method: string;
    path: string;
    query?: Record<string, string>;
    /** The request body the caller gave, as the stand-in must receive it. */
    body?: unknown;
  }
  const cases: Record<string, Case> = {
    create: {
      route: 'create',
      call: () => client.sessions.create(v3Example('create-session.request.kyc.json')),
      method: 'POST',
      path: '/v3/session/',
      body: v3Example('create-session.request.kyc.json'),
    },
    getDecision: {
      route: 'getDecision',
      call: () => client.sessions.getDecision(ID),
      method: 'GET',
      path: `/v3/session/${ID}/decision/`,
    },
    list: {
      route: 'list',
      call: async () =>
        client.sessions.list({
          limit: 10,
          offset: 20,
          session_kind: 'user',
          vendor_data: 'user-123',
          status: ['Approved'] as unknown as string, // an array, as the list call passes it
        }),
      method: 'GET',
      path: '/v3/sessions/',
      query: { limit: '10', offset: '20', session_kind: 'user', vendor_data: 'user-123', status: 'Approved' },
    },
    delete: {
      route: 'delete',
      call: () => client.sessions.delete(ID),
      method: 'DELETE',
      path: `/v3/session/${ID}/delete/`,
    },
    deleteMany: {
      route: 'deleteMany',
      call: () => client.sessions.deleteMany(v3Example('batch-delete.request.numbers.json')),
      method: 'POST',
      path: '/v3/sessions/delete/',
      body: v3Example('batch-delete.request.numbers.json'),
    },
    updateStatus: {
      route: 'updateStatus',
      call: () => client.sessions.updateStatus(ID, v3Example('update-status.request.resubmit.json')),
      method: 'PATCH',
      path: `/v3/session/${ID}/update-status/`,
      body: v3Example('update-status.request.resubmit.json'),
    },
    updateFeatureStatus: {
      route: 'updateFeatureStatus',
      call: () =>
        client.sessions.updateFeatureStatus(ID, 'feature_ocr_1', {
          new_status: 'Approved',
          comment: 'Document manually verified by compliance.',
        }),
      method: 'PATCH',
      path: `/v3/session/${ID}/features/feature_ocr_1/update-status/`,
      body: { new_status: 'Approved', comment: 'Document manually verified by compliance.' },
    },
    generatePdf: {
      route: 'generatePdf',
      call: () => client.sessions.generatePdf(ID),
      method: 'GET',
      path: `/v3/session/${ID}/generate-pdf/`,
    },
    share: {
      route: 'share',
      call: () => client.sessions.share(ID, v3Example('share.request.json')),
      method: 'POST',
      path: `/v3/session/${ID}/share/`,
      body: v3Example('share.request.json'),
    },
    importShared: {
      route: 'importShared',
      call: () => client.sessions.importShared(v3Example('import-shared.request.json')),
      method: 'POST',
      path: '/v3/session/import-shared/',
      body: v3Example('import-shared.request.json'),
    },
    listReviews: {
      route: 'listReviews',
      call: async () => client.sessions.listReviews(ID, { limit: 5, offset: 10, ordering: '-created_at' }),
      method: 'GET',
      path: `/v3/sessions/${ID}/reviews/`,
      query: { limit: '5', offset: '10', ordering: '-created_at' },
    },
    createReview: {
      route: 'createReview',
      call: () => client.sessions.createReview(ID, v3Example('reviews.create.request.json')),
      method: 'POST',
      path: `/v3/sessions/${ID}/reviews/`,
      body: v3Example('reviews.create.request.json'),
    },
  };

  it.each(Object.entries(cases))('%s', async (_name, c) => {
    await c.call();
    const seen = onlyRequest();
    expect(seen.route).toBe(c.route);
    expect(seen.method).toBe(c.method);
    expect(seen.pathname).toBe(c.path);
    expect(seen.pathname.endsWith('/')).toBe(true);
    if (c.query) expect(Object.fromEntries(seen.query)).toEqual(c.query);
    else expect(seen.path).toBe(c.path); // no query string at all
    expect(seen.headers.get('x-api-key')).toBe(API_KEY);
    expect(seen.headers.get('authorization')).toBeNull();
    expect(seen.headers.get('session-token')).toBeNull();
    if (c.body === undefined) {
      expect(seen.body).toBe('');
    } else {
      expect(seen.headers.get('content-type')).toMatch(/^application\/json\b/);
      expect(JSON.parse(seen.body)).toEqual(c.body);
    }
  });

  it('armSandboxScenario sends the Session-Token header and not the API key', async () => {
    await client.sessions.armSandboxScenario(ID, {
      ...v3Example<{ scenario: string }>('sandbox-arm.request.json'),
      sessionToken: SESSION_TOKEN,
    });
    const seen = onlyRequest();
    expect(seen.route).toBe('armSandboxScenario');
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe(`/v3/session/${ID}/sandbox/arm/`);
    expect(seen.headers.get('session-token')).toBe(SESSION_TOKEN);
    expect(seen.headers.get('x-api-key')).toBeNull();
    expect(seen.headers.get('authorization')).toBeNull();
    // The token is a header, not part of the body.
    expect(JSON.parse(seen.body)).toEqual(v3Example('sandbox-arm.request.json'));
  });

  it('a client without credentials (behind a proxy) sends no key', async () => {
    const proxied = new DiditClient({ baseUrl: standIn.url, maxRetries: 0 });
    standIn.reply('getDecision', { status: 200, body: v3Example('decision.user.json') });
    await proxied.sessions.getDecision(ID);
    const seen = onlyRequest();
    expect(seen.headers.get('x-api-key')).toBeNull();
    expect(seen.headers.get('authorization')).toBeNull();
  });
});

describe('the spec examples are what the methods resolve to', () => {
  it('getDecision: the KYC (user) decision', async () => {
    expect(await client.sessions.getDecision(ID)).toEqual(v3Example('decision.user.json'));
  });

  it('getDecision: the KYB (business) decision', async () => {
    standIn.reply('getDecision', { status: 200, body: v3Example('decision.business.json') });
    expect(await client.sessions.getDecision(ID)).toEqual(v3Example('decision.business.json'));
  });

  it('create: a KYC session', async () => {
    expect(await client.sessions.create(v3Example('create-session.request.kyc.json'))).toEqual(
      v3Example('create-session.response.kyc.json'),
    );
  });

  it('create: a KYB session', async () => {
    standIn.reply('create', { status: 201, body: v3Example('create-session.response.kyb.json') });
    const created = await client.sessions.create(v3Example('create-session.request.kyb.json'));
    expect(created).toEqual(v3Example('create-session.response.kyb.json'));
    expect(JSON.parse(onlyRequest().body)).toEqual(v3Example('create-session.request.kyb.json'));
  });

  it('list: the first page, KYC rows', async () => {
    const page = await client.sessions.list();
    const { count, next, previous, results } = page;
    expect({ count, next, previous, results }).toEqual(v3Example('list-sessions.user.json'));
    expect(page.hasNextPage()).toBe(false);
  });

  it('list: mixed KYC and KYB rows (session_kind=all)', async () => {
    standIn.reply('list', { status: 200, body: v3Example('list-sessions.all.json') });
    const { count, next, previous, results } = await client.sessions.list({ session_kind: 'all' });
    expect({ count, next, previous, results }).toEqual(v3Example('list-sessions.all.json'));
    expect(onlyRequest().path).toBe('/v3/sessions/?session_kind=all');
  });

  it('updateStatus', async () => {
    expect(await client.sessions.updateStatus(ID, v3Example('update-status.request.resubmit.json'))).toEqual(
      v3Example('update-status.response.json'),
    );
  });

  it('updateFeatureStatus', async () => {
    expect(await client.sessions.updateFeatureStatus(ID, 'feature_ocr_1', { new_status: 'Approved' })).toEqual(
      v3Example('update-feature-status.response.json'),
    );
  });

  it('share', async () => {
    expect(await client.sessions.share(ID, v3Example('share.request.json'))).toEqual(
      v3Example('share.response.user.json'),
    );
  });

  it('importShared: a user session (a V2 decision)', async () => {
    expect(await client.sessions.importShared(v3Example('import-shared.request.json'))).toEqual(
      v3Example('import-shared.response.user.json'),
    );
  });

  it('importShared: a business session', async () => {
    standIn.reply('importShared', { status: 201, body: v3Example('import-shared.response.business.json') });
    expect(await client.sessions.importShared(v3Example('import-shared.request.json'))).toEqual(
      v3Example('import-shared.response.business.json'),
    );
  });

  it('listReviews', async () => {
    const { count, next, previous, results } = await client.sessions.listReviews(ID);
    expect({ count, next, previous, results }).toEqual(v3Example('reviews.list.json'));
  });

  it('createReview', async () => {
    expect(await client.sessions.createReview(ID, v3Example('reviews.create.request.json'))).toEqual(
      v3Example('reviews.create.response.json'),
    );
  });

  it('armSandboxScenario', async () => {
    const armed = await client.sessions.armSandboxScenario(ID, {
      scenario: 'decline_aml_hit',
      sessionToken: SESSION_TOKEN,
    });
    expect(armed).toEqual(v3Example('sandbox-arm.response.json'));
  });

  it('generatePdf: the bytes as sent', async () => {
    const pdf = await client.sessions.generatePdf(ID);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf).equals(PDF_BYTES)).toBe(true);
  });

  it('delete resolves to undefined on 204', async () => {
    await expect(client.sessions.delete(ID)).resolves.toBeUndefined();
    expect(onlyRequest().route).toBe('delete');
  });

  it('deleteMany resolves to {} on 204', async () => {
    await expect(client.sessions.deleteMany(v3Example('batch-delete.request.numbers.json'))).resolves.toEqual({});
    expect(onlyRequest().route).toBe('deleteMany');
  });
});

describe('construction', () => {
  it('refuses a baseUrl without a scheme', () => {
    expect(() => new DiditClient({ apiKey: 'k', baseUrl: 'verification.didit.me' })).toThrow(InvalidArgumentError);
  });

  it('refuses an apiKey together with client credentials', () => {
    const both = { apiKey: 'k', clientId: 'id', clientSecret: 'secret' };
    expect(() => new DiditClient(both as never)).toThrow(InvalidArgumentError);
  });

  it('is v3 by default, also without credentials behind a proxy path', () => {
    const proxied = new DiditClient({ baseUrl: '/api/didit' });
    expect(proxied.apiVersion).toBe('v3');
    expect(proxied.hasCredentials).toBe(false);
    expect(new DiditClient({ apiKey: 'k', baseUrl: standIn.url }).apiVersion).toBe('v3');
  });

  it("is v1 with apiVersion: 'v1', or with client credentials", () => {
    expect(new DiditClient({ apiVersion: 'v1', baseUrl: '/api/didit' }).apiVersion).toBe('v1');
    expect(new DiditClient({ clientId: 'id', clientSecret: 'secret' }).apiVersion).toBe('v1');
  });
});

describe('client.request(): the low-level call', () => {
  it('sends x-api-key to the given path and resolves the parsed JSON', async () => {
    const workflows = { count: 1, results: [{ uuid: '9f9b1234-aaaa-bbbb-cccc-1234567890ab', label: 'KYC' }] };
    standIn.reply('unmatched', { status: 200, body: workflows });
    const result = await client.request({ method: 'GET', path: '/v3/workflows/' });
    expect(result).toEqual(workflows);
    const seen = onlyRequest();
    expect(seen.method).toBe('GET');
    expect(seen.path).toBe('/v3/workflows/');
    expect(seen.headers.get('x-api-key')).toBe(API_KEY);
    expect(seen.headers.get('authorization')).toBeNull();
  });

  it.each(['/v3/../v3/workflows/', '/v3/workflows/..', '/v3/workflows/?limit=1', '/v3/workflows?x'])(
    'refuses the path %j and sends nothing',
    async (path) => {
      const error = await rejectionOf(client.request({ method: 'GET', path }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(standIn.requests).toHaveLength(0);
    },
  );

  it('encodes query values', async () => {
    standIn.reply('unmatched', { status: 200, body: [] });
    await client.request({
      method: 'GET',
      path: '/v3/workflows/',
      query: { search: 'a b&c=d/é?#', status: ['Approved', 'In Review'], limit: 5, archived: false, skip: undefined },
    });
    const seen = onlyRequest();
    expect(seen.pathname).toBe('/v3/workflows/');
    expect(Object.fromEntries(seen.query)).toEqual({
      search: 'a b&c=d/é?#',
      status: 'Approved,In Review',
      limit: '5',
      archived: 'false',
    });
    // Nothing the value holds breaks out of it: one `&` per parameter, no raw `=`, `#`, `/` or non-ASCII.
    const raw = seen.path.slice(seen.path.indexOf('?') + 1);
    expect(raw.split('&')).toHaveLength(4);
    expect(raw).not.toMatch(/[#/é ]/);
    expect(raw).toContain('status=Approved%2CIn');
  });

  it('sends a JSON body as given', async () => {
    standIn.reply('unmatched', { status: 201, body: { ok: true } });
    const body = { label: 'Onboarding', nested: { list: [1, 'two', null] } };
    await expect(client.request({ method: 'POST', path: '/v3/workflows/', body })).resolves.toEqual({ ok: true });
    const seen = onlyRequest();
    expect(seen.method).toBe('POST');
    expect(JSON.parse(seen.body)).toEqual(body);
    expect(seen.headers.get('x-api-key')).toBe(API_KEY);
  });
});
