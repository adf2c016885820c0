import { v1Example } from '@didit-kit/test-kit/didit';
import { describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError, isSessionId } from '../src/v1/index.ts';
import { BASE_URL, clientFor, fakeDidit, json, SESSION_ID } from './helpers/fake-didit.ts';

function setup() {
  const fake = fakeDidit({
    api: (req) => {
      if (req.url.pathname.endsWith('/generate-pdf/')) {
        return new Response(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), {
          headers: { 'content-type': 'application/pdf' },
        });
      }
      if (req.method === 'POST') return json(v1Example('create-session.response.json'), 201);
      if (req.method === 'PATCH') return json({ session_id: SESSION_ID });
      return json(v1Example('decision.declined-aml.json'));
    },
  });
  return { fake, client: clientFor(fake) };
}

// What a JS caller (no TypeScript to stop them) or an attacker-controlled route parameter may pass.
const BAD_SESSION_IDS: [string, unknown][] = [
  ['a path traversal', '../auth'],
  ['a traversal after a valid id', `${SESSION_ID}/../../auth/v2/token`],
  ['an empty string', ''],
  ['10,000 characters', 'a'.repeat(10_000)],
  ['a 10,000-character UUID look-alike', `${SESSION_ID}${'0'.repeat(10_000 - 36)}`],
  ['unicode look-alikes (Cyrillic а)', '11111111-2222-3333-4444-55555555555а'],
  ['unicode digits', '١١١١١١١١-٢٢٢٢-٣٣٣٣-٤٤٤٤-٥٥٥٥٥٥٥٥٥٥٥٥'],
  ['an emoji', '🪪'],
  ['an encoded slash', `${SESSION_ID}%2F..%2Fauth`],
  ['an encoded traversal', '..%2F..%2Fauth'],
  ['a double-encoded slash', `${SESSION_ID}%252F`],
  ['a query string', `${SESSION_ID}?status=Approved`],
  ['a fragment', `${SESSION_ID}#x`],
  ['a trailing newline', `${SESSION_ID}\n`],
  ['surrounding spaces', ` ${SESSION_ID} `],
  ['a NUL byte', `${SESSION_ID}\u0000`],
  ['a UUID without dashes', SESSION_ID.replaceAll('-', '')],
  ['a UUID in braces', `{${SESSION_ID}}`],
  ['undefined', undefined],
  ['null', null],
  ['a number', 12345],
  ['an object', { id: SESSION_ID }],
  ['an array', [SESSION_ID]],
  ['a String object', new String(SESSION_ID)],
  ['an object whose toString is a valid id', { toString: () => SESSION_ID }],
  ['a symbol', Symbol('id')],
];

type AnyCall = (client: DiditClient, id: unknown) => Promise<unknown>;
const SESSION_CALLS: [string, AnyCall][] = [
  ['getDecision', (c, id) => c.sessions.getDecision(id as string)],
  ['generatePdf', (c, id) => c.sessions.generatePdf(id as string)],
  ['updateStatus', (c, id) => c.sessions.updateStatus(id as string, { new_status: 'Approved' })],
];

describe.each(SESSION_CALLS)('sessions.%s with a session id that is not a UUID', (_name, call) => {
  it.each(BAD_SESSION_IDS)('refuses %s with an InvalidArgumentError and sends nothing', async (_label, id) => {
    const { fake, client } = setup();
    const error = await call(client, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'invalid_argument', name: 'InvalidArgumentError' });
    expect((error as Error).message).toMatch(/sessionId must be a UUID/);
    // A huge id is cut short in the message.
    expect((error as Error).message.length).toBeLessThan(200);
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects the returned promise rather than throwing synchronously', async () => {
    const { client } = setup();
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = call(client, '../auth');
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('accepts a UUID in upper case', async () => {
    const { fake, client } = setup();
    await call(client, SESSION_ID.toUpperCase());
    expect(fake.apiRequests).toHaveLength(1);
  });
});

describe('isSessionId', () => {
  it('is true for UUIDs only', () => {
    expect(isSessionId(SESSION_ID)).toBe(true);
    expect(isSessionId('6f1c1f0c-3e1f-4b8e-9a57-2b1d1b4c1e9a')).toBe(true);
    for (const [, id] of BAD_SESSION_IDS) expect(isSessionId(id)).toBe(false);
  });
});

describe('what the client sends', () => {
  it('getDecision: GET {baseUrl}/v1/session/{sessionId}/decision/ accepting JSON, with no body', async () => {
    const { fake, client } = setup();
    await client.sessions.getDecision(SESSION_ID);
    const [req] = fake.apiRequests;
    expect(req?.method).toBe('GET');
    expect(req?.url.href).toBe(`${BASE_URL}/v1/session/${SESSION_ID}/decision/`);
    expect(req?.headers.get('accept')).toBe('application/json');
    expect(req?.body).toBe('');
  });

  it('generatePdf: GET {baseUrl}/v1/session/{sessionId}/generate-pdf/', async () => {
    const { fake, client } = setup();
    await client.sessions.generatePdf(SESSION_ID);
    expect(fake.apiRequests[0]?.method).toBe('GET');
    expect(fake.apiRequests[0]?.url.href).toBe(`${BASE_URL}/v1/session/${SESSION_ID}/generate-pdf/`);
  });

  it('create: POST {baseUrl}/v1/session/ with the JSON body', async () => {
    const { fake, client } = setup();
    const body = v1Example('create-session.request.json') as { callback: string; vendor_data: string };
    await client.sessions.create(body);
    const [req] = fake.apiRequests;
    expect(req?.method).toBe('POST');
    expect(req?.url.href).toBe(`${BASE_URL}/v1/session/`);
    expect(req?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual(body);
  });

  it('create: leaves features out when not given (Didit then uses the console settings)', async () => {
    const { fake, client } = setup();
    await client.sessions.create({ callback: 'https://example.com/cb', vendor_data: 'user-1' });
    expect(JSON.parse(fake.apiRequests[0]?.body ?? '')).toEqual({
      callback: 'https://example.com/cb',
      vendor_data: 'user-1',
    });
  });

  it('updateStatus: PATCH {baseUrl}/v1/session/{sessionId}/update-status/ with the JSON body', async () => {
    const { fake, client } = setup();
    await client.sessions.updateStatus(SESSION_ID, { new_status: 'Declined', comment: 'Duplicated user' });
    const [req] = fake.apiRequests;
    expect(req?.method).toBe('PATCH');
    expect(req?.url.href).toBe(`${BASE_URL}/v1/session/${SESSION_ID}/update-status/`);
    expect(JSON.parse(req?.body ?? '')).toEqual({ new_status: 'Declined', comment: 'Duplicated user' });
  });

  it('joins a baseUrl with a path and a trailing slash without doubling slashes', async () => {
    const fake = fakeDidit();
    await new DiditClient({ baseUrl: `${BASE_URL}/api/didit///`, fetch: fake.fetch }).sessions.getDecision(SESSION_ID);
    expect(fake.apiRequests[0]?.url.href).toBe(`${BASE_URL}/api/didit/v1/session/${SESSION_ID}/decision/`);
  });

  it('uses the injected fetch for every request (token and API)', async () => {
    const { fake, client } = setup();
    await client.sessions.getDecision(SESSION_ID);
    expect(fake.requests.map((r) => r.url.pathname)).toEqual([
      '/auth/v2/token/',
      `/v1/session/${SESSION_ID}/decision/`,
    ]);
  });

  it('talks to verification.didit.me and apx.didit.me by default', async () => {
    const urls: string[] = [];
    const client = new DiditClient({
      clientId: 'id',
      clientSecret: 'secret',
      fetch: (request) => {
        urls.push(request.url);
        // Nothing leaves this process: the injected fetch answers both hosts itself.
        return request.url.includes('/auth/')
          ? json({ access_token: 't', expires_in: 60 })
          : json(v1Example('decision.declined-aml.json'));
      },
    });
    await client.sessions.getDecision(SESSION_ID);
    expect(urls).toEqual([
      'https://apx.didit.me/auth/v2/token/',
      `https://verification.didit.me/v1/session/${SESSION_ID}/decision/`,
    ]);
  });
});

describe('request bodies are validated before sending', () => {
  const create = (client: DiditClient, body: unknown) => client.sessions.create(body as never);
  const update = (client: DiditClient, body: unknown) => client.sessions.updateStatus(SESSION_ID, body as never);

  it.each([
    ['a callback that is not a URL', { callback: 'not a url', vendor_data: 'u' }, ['callback']],
    ['a javascript: callback', { callback: 'javascript:alert(1)', vendor_data: 'u' }, ['callback']],
    ['a null callback', { callback: null, vendor_data: 'u' }, ['callback']],
    ['a missing vendor_data', { callback: 'https://example.com/cb' }, ['vendor_data']],
    ['a numeric vendor_data', { callback: 'https://example.com/cb', vendor_data: 42 }, ['vendor_data']],
    ['a vendor_data over 1024 characters', { vendor_data: 'u'.repeat(1025) }, ['vendor_data']],
    [
      'an unknown features value',
      { callback: 'https://example.com/cb', vendor_data: 'u', features: 'OCR + MAGIC' },
      ['features'],
    ],
    // A field the SDK does not type goes through, but not past the checks on the known ones.
    [
      'a bad callback next to an unknown field',
      { callback: 'not a url', vendor_data: 'u', language: 'es' },
      ['callback'],
    ],
    ['null', null, []],
    ['a string', 'callback=https://example.com', []],
  ])('create refuses %s', async (_label, body, path) => {
    const { fake, client } = setup();
    const error = (await create(client, body).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/POST \/v1\/session\/: invalid body/);
    expect(error.issues.length).toBeGreaterThan(0);
    if (path.length > 0) expect(error.issues.map((i) => i.path)).toContainEqual(path);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['a status a reviewer cannot set', { new_status: 'In Review' }, ['new_status']],
    ['an unknown status', { new_status: 'Maybe' }, ['new_status']],
    ['a lower-case status', { new_status: 'approved' }, ['new_status']],
    ['a missing status', { comment: 'ok' }, ['new_status']],
    ['a numeric comment', { new_status: 'Approved', comment: 1 }, ['comment']],
    ['a comment over 2000 characters', { new_status: 'Approved', comment: 'x'.repeat(2001) }, ['comment']],
    ['an unknown status next to an unknown field', { new_status: 'Maybe', reason: 'x' }, ['new_status']],
    ['undefined', undefined, []],
  ])('updateStatus refuses %s', async (_label, body, path) => {
    const { fake, client } = setup();
    const error = (await update(client, body).catch((e: unknown) => e)) as InvalidArgumentError;
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/PATCH \/v1\/session\/\{sessionId\}\/update-status\/: invalid body/);
    if (path.length > 0) expect(error.issues.map((i) => i.path)).toContainEqual(path);
    expect(fake.requests).toHaveLength(0);
  });

  it('create sends a body without callback (iframe integrations leave it out)', async () => {
    const { fake, client } = setup();
    await client.sessions.create({ vendor_data: 'user-1' });
    expect(fake.apiRequests).toHaveLength(1);
    expect(JSON.parse(fake.apiRequests[0]?.body ?? '')).toEqual({ vendor_data: 'user-1' });
  });

  // Didit adds request fields over time; a caller may send them before the SDK types them.
  it.each([
    [
      'fields Didit added',
      { callback: 'https://example.com/cb', vendor_data: 'u', document_types: ['Passport'], language: 'es' },
    ],
    ['an unknown field (a typo)', { callback: 'https://example.com/cb', vendor_data: 'u', feature: 'OCR' }],
  ])('create passes %s through unchanged', async (_label, body) => {
    const { fake, client } = setup();
    await create(client, body);
    expect(JSON.parse(fake.apiRequests[0]?.body ?? '')).toEqual(body);
  });

  it('updateStatus passes an unknown field through unchanged', async () => {
    const { fake, client } = setup();
    const body = { new_status: 'Approved', reason: 'x' };
    await update(client, body);
    expect(JSON.parse(fake.apiRequests[0]?.body ?? '')).toEqual(body);
  });

  it('create rejects (does not throw synchronously) on an invalid body', async () => {
    const { client } = setup();
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = create(client, null);
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
