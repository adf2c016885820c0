import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockApp, DEFAULT_API_KEY, type MockInstance } from '../../src/index.ts';
import { SAMPLE_DOCUMENT_BASE64 } from '../../src/v3/checks/sample-document.ts';
import { validateResponse } from '../support/openapi.ts';
import { SAMPLE_IMAGES } from '../support/sample-images.ts';

// The standalone checks answer from their inputs, in the spec's shapes, and draw on the balance.

type Body = Record<string, unknown> & { aml?: Record<string, unknown>; face_match?: Record<string, unknown> };

let mock: MockInstance;
afterEach(() => mock?.dispose());

async function json(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await mock.request(`http://mock.test${path}`, {
    method: 'POST',
    headers: { 'x-api-key': DEFAULT_API_KEY, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

async function form(
  path: string,
  fields: Record<string, Uint8Array<ArrayBuffer> | string>,
  headers: Record<string, string> = {},
) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    data.append(name, typeof value === 'string' ? value : new File([value], `${name}.png`, { type: 'image/png' }));
  }
  const res = await mock.request(`http://mock.test${path}`, {
    method: 'POST',
    headers: { 'x-api-key': DEFAULT_API_KEY, ...headers },
    body: data,
  });
  return { status: res.status, body: (await res.json()) as Body };
}

function valid(method: string, path: string, status: number, body: unknown) {
  const verdict = validateResponse(method, path, status, body);
  expect(verdict.kind === 'validated' ? verdict.errors : []).toEqual([]);
}

describe('AML screening', () => {
  it('hits the sanctions list, whatever the order, case and accents of the name; no hit otherwise', async () => {
    mock = createMockApp();
    for (const name of ['Kozlov Sergey Alexandrovich', 'sergey KOZLOV alexandrovich', 'Kózlov Sergéy Alexandrovich']) {
      const { status, body } = await json('/v3/aml/', { full_name: name, vendor_data: 'u-1' });
      expect(status).toBe(200);
      valid('POST', '/v3/aml/', 200, body);
      expect(body.aml?.total_hits).toBe(1);
      expect(body.aml?.status).toBe('Declined');
      expect((body.aml!.hits as { caption: string }[])[0]?.caption).toBe('Kozlov Sergey Alexandrovich');
      expect((body.aml!.screened_data as { full_name: string }).full_name).toBe(name);
      expect(body.vendor_data).toBe('u-1');
    }
    const clean = await json('/v3/aml/', { full_name: 'Maria Garcia' });
    valid('POST', '/v3/aml/', 200, clean.body);
    expect(clean.body.aml?.total_hits).toBe(0);
    expect(clean.body.aml?.status).toBe('Approved');
  });
});

describe('face match and ID verification', () => {
  it('face match: Approved for the same bytes, Declined otherwise', async () => {
    mock = createMockApp();
    const same = await form('/v3/face-match/', { user_image: SAMPLE_IMAGES.other, ref_image: SAMPLE_IMAGES.other });
    valid('POST', '/v3/face-match/', 200, same.body);
    expect(same.body.face_match?.status).toBe('Approved');
    expect(same.body.face_match?.score as number).toBeGreaterThan(90);
    const other = await form('/v3/face-match/', { user_image: SAMPLE_IMAGES.other, ref_image: SAMPLE_IMAGES.document });
    valid('POST', '/v3/face-match/', 200, other.body);
    expect(other.body.face_match?.status).toBe('Declined');
    expect(other.body.face_match?.score as number).toBeLessThan(30);
  });

  it('ID verification: the example extraction for the shipped sample; unreadable or unknown bytes are not recognized', async () => {
    mock = createMockApp();
    const shipped = new Uint8Array(readFileSync(new URL('../../examples/sample-id-document.png', import.meta.url)));
    expect(Buffer.from(shipped).toString('base64')).toBe(SAMPLE_DOCUMENT_BASE64);
    const ok = await form('/v3/id-verification/', { front_image: shipped, vendor_data: 'doc-1' });
    expect(ok.status).toBe(200);
    valid('POST', '/v3/id-verification/', 200, ok.body);
    expect((ok.body.id_verification as { status: string }).status).toBe('Approved');
    expect(ok.body.vendor_data).toBe('doc-1');
    for (const bytes of [new TextEncoder().encode('not an image at all'), SAMPLE_IMAGES.other]) {
      const bad = await form('/v3/id-verification/', { front_image: bytes });
      expect(bad.status).toBe(400);
      valid('POST', '/v3/id-verification/', 400, bad.body);
      expect(bad.body).toEqual({ error: 'COULD_NOT_RECOGNIZE_DOCUMENT' });
    }
  });

  it('refuses a file of a type or size Didit does not take, in DRF shape', async () => {
    mock = createMockApp();
    const data = new FormData();
    data.append('front_image', new File([SAMPLE_IMAGES.document], 'scan.gif', { type: 'image/gif' }));
    const res = await mock.request('http://mock.test/v3/id-verification/', {
      method: 'POST',
      headers: { 'x-api-key': DEFAULT_API_KEY },
      body: data,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      front_image: ['File extension “gif” is not allowed. Allowed extensions are: tiff, jpg, jpeg, png, webp, pdf.'],
    });
    const big = await form('/v3/passive-liveness/', { user_image: new Uint8Array(5 * 1024 * 1024 + 1) });
    expect(big).toEqual({ status: 400, body: { user_image: ['File size should not exceed 5 MB'] } });
    valid('POST', '/v3/passive-liveness/', 400, big.body);
  });

  it('an example by name with X-Didit-Mock-Example; an unknown name is a 400', async () => {
    mock = createMockApp();
    const named = await form(
      '/v3/passive-liveness/',
      { user_image: SAMPLE_IMAGES.document },
      { 'x-didit-mock-example': 'Declined - presentation attack' },
    );
    expect(named.status).toBe(200);
    expect((named.body.liveness as { status: string }).status).toBe('Declined');
    const unknown = await form(
      '/v3/passive-liveness/',
      { user_image: SAMPLE_IMAGES.document },
      { 'x-didit-mock-example': 'Nope' },
    );
    expect(unknown.status).toBe(400);
  });
});

describe('email and phone codes', () => {
  it('the code sent is in the admin route; right code approves, 3 wrong ones decline', async () => {
    mock = createMockApp();
    expect((await json('/v3/email/send/', { email: 'ana@example.com' })).body.status).toBe('Success');
    const listed = (await (await mock.request('/__mock/verification-codes')).json()) as {
      codes: { to: string; code: string }[];
    };
    const code = listed.codes.find((c) => c.to === 'ana@example.com')?.code;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '000001' : '000000';
    const failed = await json('/v3/email/check/', { email: 'ana@example.com', code: wrong });
    valid('POST', '/v3/email/check/', 200, failed.body);
    expect(failed.body.status).toBe('Failed');
    expect(failed.body.message).toContain('Attempts remaining: 2');
    const approved = await json('/v3/email/check/', { email: 'ana@example.com', code });
    expect(approved.body.status).toBe('Approved');
    // Finalized: nothing pending any more.
    expect((await json('/v3/email/check/', { email: 'ana@example.com', code })).body.status).toBe(
      'Expired or Not Found',
    );

    await json('/v3/phone/send/', { phone_number: '+14155552671' });
    for (const remaining of [2, 1]) {
      const res = await json('/v3/phone/check/', { phone_number: '+14155552671', code: '999999' });
      expect(res.body.status).toBe('Failed');
      expect(res.body.message).toContain(`Attempts remaining: ${remaining}`);
    }
    const declined = await json('/v3/phone/check/', { phone_number: '+14155552671', code: '999999' });
    valid('POST', '/v3/phone/check/', 200, declined.body);
    expect(declined.body.status).toBe('Declined');
  });

  it('the mock’s log says which code went where', async () => {
    const lines: string[] = [];
    mock = createMockApp({ log: (line) => lines.push(line) });
    await json('/v3/phone/send/', { phone_number: '+14155552671' });
    const listed = (await (await mock.request('/__mock/verification-codes')).json()) as { codes: { code: string }[] };
    expect(lines).toEqual([expect.stringContaining(`phone code ${listed.codes[0]?.code} sent to +14155552671`)]);
  });

  it('sandbox code 123456 works; codes expire after 5 minutes', async () => {
    let now = Date.UTC(2026, 0, 1);
    mock = createMockApp({ now: () => now });
    await json('/v3/phone/send/', { phone_number: '+14155552671' });
    expect((await json('/v3/phone/check/', { phone_number: '+14155552671', code: '123456' })).body.status).toBe(
      'Approved',
    );
    await json('/v3/email/send/', { email: 'late@example.com' });
    now += 5 * 60 * 1000;
    const late = await json('/v3/email/check/', { email: 'late@example.com', code: '123456' });
    expect(late.body.status).toBe('Expired or Not Found');
  });
});

describe('billing', () => {
  it('refuses a balance that is not USD >= 0 when the app is built, naming the option', () => {
    expect(() => createMockApp({ initialBalance: -1 })).toThrow(/initialBalance must be USD >= 0; got -1/);
    expect(() => createMockApp({ initialBalance: Number.NaN })).toThrow(RangeError);
    expect(() => createMockApp({ initialBalance: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('each check lowers the balance; an empty balance answers Didit’s not-enough-credits', async () => {
    mock = createMockApp({ initialBalance: 0.3 });
    const balance = async () =>
      (
        (await (await mock.request('/v3/billing/balance/', { headers: { 'x-api-key': DEFAULT_API_KEY } })).json()) as {
          balance: string;
        }
      ).balance;
    expect(await balance()).toBe('0.3000');
    expect((await json('/v3/aml/', { full_name: 'Maria Garcia' })).status).toBe(200);
    expect(await balance()).toBe('0.1000');
    const refused = await json('/v3/aml/', { full_name: 'Maria Garcia' });
    expect(refused.status).toBe(403);
    valid('POST', '/v3/aml/', 403, refused.body);
    expect(String(refused.body.error)).toContain("You don't have enough credits");
    expect(await balance()).toBe('0.1000');
    // A new session too, once nothing is left.
    await mock.request('/__mock/billing', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ balance: 0 }),
    });
    const session = await json('/v3/session/', { workflow_id: 'd1d17000-0000-4000-8000-00000000f10a' });
    expect(session.status).toBe(400);
    expect(String(session.body.detail)).toContain("You don't have enough credits");
    // A top-up credits the amount.
    const topUp = await json('/v3/billing/top-up/', { amount_in_dollars: 50 });
    expect(topUp.status).toBe(200);
    expect(await balance()).toBe('50.0000');
  });
});
