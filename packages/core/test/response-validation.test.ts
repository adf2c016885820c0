import { v1Example } from '@didit-kit/test-kit/didit';
import { describe, expect, it } from 'vitest';
import {
  type AuthenticationError,
  DiditClient,
  isDiditError,
  ResponseValidationError,
  ServerError,
} from '../src/v1/index.ts';
import { BASE_URL, clientFor, decisionWith, fakeDidit, type Handler, json, SESSION_ID } from './helpers/fake-didit.ts';

function setup(api: Handler) {
  const fake = fakeDidit({ api });
  return { fake, client: new DiditClient({ baseUrl: BASE_URL, fetch: fake.fetch, maxRetries: 2 }) };
}

const text = (body: string, status = 200, contentType = 'text/html') =>
  new Response(body, { status, headers: { 'content-type': contentType, 'x-request-id': 'req-42' } });

describe('a 2xx body that is not JSON', () => {
  it.each([
    ['an HTML page', '<html><body>Gateway</body></html>'],
    ['an empty body', ''],
    ['truncated JSON', '{"session_id": "11111111-2222'],
  ])('(%s) gives a ResponseValidationError with the status and request id, not retried', async (_label, body) => {
    const { fake, client } = setup(() => text(body));
    const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      name: 'ResponseValidationError',
      code: 'response_validation',
      status: 200,
      requestId: 'req-42',
    });
    expect(error.message).toMatch(/Expected a JSON body/);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('quotes only the start of a long body in the message', async () => {
    const { client } = setup(() => text(`<html>${'x'.repeat(100_000)}</html>`));
    const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as Error;
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('a 2xx JSON body that does not match the schema', () => {
  it('gives a ResponseValidationError carrying the zod issues and the request id', async () => {
    const { client } = setup(() =>
      json(decisionWith({ session_id: undefined, status: 42 }), 200, { 'x-request-id': 'req-43' }),
    );
    const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as ResponseValidationError;

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(isDiditError(error)).toBe(true);
    expect(error.requestId).toBe('req-43');
    expect(error.status).toBe(200);
    const paths = error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['session_id', 'status']));
    for (const issue of error.issues) {
      expect(typeof issue.message).toBe('string');
      expect(typeof issue.code).toBe('string');
    }
    expect(error.message).toMatch(/did not match the schema/);
    expect(error.message).toContain('session_id');
  });

  it('reports nested paths (an AML hit without an id)', async () => {
    const seed = v1Example('decision.declined-aml.json') as { aml: { hits: Record<string, unknown>[] } };
    const hits = seed.aml.hits.map((hit, i) => (i === 0 ? { ...hit, id: null } : hit));
    const { client } = setup(() => json({ ...seed, aml: { ...seed.aml, hits } }));
    const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as ResponseValidationError;
    expect(error.issues.map((i) => i.path)).toContainEqual(['aml', 'hits', 0, 'id']);
  });

  it.each([
    ['an array', []],
    ['a string', 'ok'],
    ['null', null],
  ])('(%s at the top level) gives a ResponseValidationError', async (_label, body) => {
    const { client } = setup(() => json(body));
    await expect(client.sessions.getDecision(SESSION_ID)).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('for create (no url) gives a ResponseValidationError', async () => {
    const { client } = setup(() => json({ session_id: SESSION_ID, session_token: 't' }, 201));
    const error = (await client.sessions
      .create({ callback: 'https://example.com/cb', vendor_data: 'u' })
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues.map((i) => i.path)).toContainEqual(['url']);
  });

  it('for updateStatus (no session_id) gives a ResponseValidationError', async () => {
    const { client } = setup(() => json({ ok: true }));
    await expect(client.sessions.updateStatus(SESSION_ID, { new_status: 'Approved' })).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('for the token endpoint (no access_token) gives a ResponseValidationError and calls no API', async () => {
    const fake = fakeDidit({ token: () => json({ expires_in: 3600 }) });
    const error = await clientFor(fake)
      .sessions.getDecision(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(fake.apiRequests).toHaveLength(0);
  });
});

describe('an error status with a body that is not JSON', () => {
  it('is still the typed HTTP error (a proxy HTML page on a 502), with the text as its body', async () => {
    const { client } = setup(() => text('<html>Bad Gateway</html>', 502));
    const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.body).toBe('<html>Bad Gateway</html>');
    expect(error.requestId).toBe('req-42');
  });

  it('reads the message from detail, then message, then error_description', async () => {
    const bodies = [
      [{ detail: 'from detail', message: 'no' }, 'from detail'],
      [{ message: 'from message', error_description: 'no' }, 'from message'],
      [{ error: 'invalid_client', error_description: 'from error_description' }, 'from error_description'],
      [{ callback: ['Enter a valid URL.'] }, 'callback: Enter a valid URL.'],
    ] as const;
    for (const [body, expected] of bodies) {
      const { client } = setup(() => json(body, 401));
      const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as AuthenticationError;
      expect(error.message).toContain(expected);
      expect(error.body).toEqual(body);
    }
  });
});

describe('generatePdf', () => {
  it('returns the exact bytes of the PDF', async () => {
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), 0x00, 0xff, 0xfe, 0x80, 0x0a]);
    const { client } = setup(() => new Response(pdf, { headers: { 'content-type': 'application/pdf' } }));
    const bytes = await client.sessions.generatePdf(SESSION_ID);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes)).toEqual(Array.from(pdf));
  });

  it('gives a ResponseValidationError when the body is not a PDF (an HTML error page with 200)', async () => {
    const { client } = setup(() => text('<html>oops</html>'));
    const error = await client.sessions.generatePdf(SESSION_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ requestId: 'req-42', status: 200 });
  });
});

describe('a valid body', () => {
  it('is returned as parsed (create keeps the extra fields Didit returns)', async () => {
    const body = {
      session_id: SESSION_ID,
      session_token: 'tok',
      url: 'https://verify.didit.me/session/tok',
      session_number: 7,
      status: 'Not Started',
      vendor_data: 'u',
      callback: 'https://example.com/cb',
      features: 'OCR',
      workflow_id: 'wf-1',
    };
    const { client } = setup(() => json(body, 201));
    await expect(client.sessions.create({ callback: 'https://example.com/cb', vendor_data: 'u' })).resolves.toEqual(
      body,
    );
  });

  it('of the seed, through getDecision, deep-equals the JSON', async () => {
    const seed = v1Example('decision.declined-aml.json');
    const { client } = setup(() => json(seed));
    await expect(client.sessions.getDecision(SESSION_ID)).resolves.toEqual(seed);
  });
});
