import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/index.ts';
import { basic, getToken, SEED_ID, tokenRequest } from '../helpers.ts';

const decisionPath = `/v1/session/${SEED_ID}/decision/`;

describe('POST /auth/v2/token/', () => {
  it('issues a token for the default credentials with the documented fields', async () => {
    const app = createMockApp({ now: () => 1_700_000_000_000 });
    const res = await app.request('/auth/v2/token/', tokenRequest());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      iat: 1_700_000_000,
      exp: 1_700_086_400,
      expires_in: 86_400,
      client_id: 'mock-client-id',
      iss: 'http://localhost',
    });
    expect(typeof body.access_token).toBe('string');
    expect(body.access_token).not.toContain('mock-client-secret');
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'client_id', 'exp', 'expires_in', 'iat', 'iss', 'organization_id', 'sub'].sort(),
    );
  });

  it('uses the configured credentials and token lifetime', async () => {
    const app = createMockApp({ clientId: 'acme', clientSecret: 's3cret', tokenTtlSec: 60 });
    expect((await app.request('/auth/v2/token/', tokenRequest())).status).toBe(401);
    const res = await app.request('/auth/v2/token/', tokenRequest(basic('acme', 's3cret')));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(60);
  });

  it.each([
    ['no Authorization header', null, 'Client authentication is required'],
    ['a wrong secret', basic('mock-client-id', 'nope'), 'Invalid client credentials.'],
    ['a wrong client id', basic('someone', 'mock-client-secret'), 'Invalid client credentials.'],
    ['a Bearer header', 'Bearer abc', 'Invalid client credentials.'],
    ['Basic that is not base64', 'Basic %%%', 'Invalid client credentials.'],
    ['Basic without a colon', `Basic ${btoa('justanid')}`, 'Invalid client credentials.'],
  ])('answers 401 invalid_client for %s, without echoing the secret', async (_, authorization, message) => {
    const res = await createMockApp().request('/auth/v2/token/', tokenRequest(authorization));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="didit"');
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_client');
    expect(body.error_description).toContain(message);
    expect(JSON.stringify(body)).not.toContain('mock-client-secret');
  });

  it('answers 400 unsupported_grant_type for another grant', async () => {
    const res = await createMockApp().request('/auth/v2/token/', tokenRequest(basic(), 'grant_type=password'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers 400 invalid_request without a grant_type or with a JSON body', async () => {
    const app = createMockApp();
    const missing = await app.request('/auth/v2/token/', tokenRequest(basic(), 'scope=x'));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    const json = await app.request('/auth/v2/token/', {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 405 with Allow for a GET', async () => {
    const res = await createMockApp().request('/auth/v2/token/');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await res.json()).toEqual({ detail: 'Method "GET" not allowed.' });
  });
});

describe('Bearer authentication on /v1', () => {
  it('answers 401 with DRF wording when the token is missing', async () => {
    const res = await createMockApp().request(decisionPath);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await res.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('answers 401 for an unknown token or another scheme', async () => {
    const app = createMockApp();
    for (const authorization of ['Bearer not-a-token', 'Token abc', `Bearer`, basic()]) {
      const res = await app.request(decisionPath, { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: 'Invalid token.' });
    }
  });

  it('accepts a token until it expires, then answers 401 Token has expired', async () => {
    let now = 1_700_000_000_000;
    const app = createMockApp({ now: () => now, tokenTtlSec: 3600 });
    const token = await getToken(app);
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.request(decisionPath, { headers })).status).toBe(200);
    now += 3_599_999;
    expect((await app.request(decisionPath, { headers })).status).toBe(200);
    now += 1;
    const expired = await app.request(decisionPath, { headers });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ detail: 'Token has expired.' });
  });

  it('does not accept a token issued by another mock app', async () => {
    const token = await getToken(createMockApp());
    const res = await createMockApp().request(decisionPath, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
  });

  it('checks the token before the method (DRF order): 401 first, then 405', async () => {
    const app = createMockApp();
    expect((await app.request(decisionPath, { method: 'DELETE' })).status).toBe(401);
    const token = await getToken(app);
    const res = await app.request(decisionPath, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
