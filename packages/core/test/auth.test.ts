import { v1Example } from '@didit-kit/test-kit/didit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthenticationError, DiditClient, ServerError } from '../src/v1/index.ts';
import {
  AUTH_URL,
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  clientFor,
  fakeDidit,
  json,
  rejectionOf,
  SESSION_ID,
  tokenBody,
} from './helpers/fake-didit.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the client-credentials token', () => {
  it('is requested from the auth server as Didit documents it', async () => {
    const fake = fakeDidit();
    await clientFor(fake).sessions.getDecision(SESSION_ID);

    expect(fake.tokenRequests).toHaveLength(1);
    const [req] = fake.tokenRequests;
    expect(req?.method).toBe('POST');
    expect(req?.url.href).toBe(`${AUTH_URL}/auth/v2/token/`);
    expect(req?.headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(req?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(req?.body).toBe('grant_type=client_credentials');
  });

  it('is sent to the API as a Bearer token', async () => {
    const fake = fakeDidit();
    await clientFor(fake).sessions.getDecision(SESSION_ID);

    expect(fake.apiRequests).toHaveLength(1);
    expect(fake.apiRequests[0]?.url.origin).toBe(BASE_URL);
    expect(fake.apiRequests[0]?.headers.get('authorization')).toBe(`Bearer ${tokenBody(1).access_token}`);
  });

  it('is encoded as UTF-8 before base64 when the credentials are not ASCII', async () => {
    const fake = fakeDidit();
    const client = clientFor(fake, { clientId: 'clïent', clientSecret: 'sécret✓' });
    await client.sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests[0]?.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('clïent:sécret✓', 'utf8').toString('base64')}`,
    );
  });

  it('is fetched once and shared: 100 concurrent first calls make exactly one token request', async () => {
    let releaseToken: () => void = () => {};
    const tokenGate = new Promise<void>((resolve) => {
      releaseToken = resolve;
    });
    const fake = fakeDidit({
      // Held open until every caller is waiting on it, so no caller can find a cached token.
      token: async (_req, n) => {
        await tokenGate;
        return json(tokenBody(n));
      },
    });
    const client = clientFor(fake);

    const calls = Array.from({ length: 100 }, () => client.sessions.getDecision(SESSION_ID));
    await vi.waitFor(() => expect(fake.tokenRequests.length).toBeGreaterThan(0));
    releaseToken();
    const decisions = await Promise.all(calls);

    expect(decisions).toHaveLength(100);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(100);
    const tokens = new Set(fake.apiRequests.map((r) => r.headers.get('authorization')));
    expect(tokens).toEqual(new Set([`Bearer ${tokenBody(1).access_token}`]));
  });

  it('is reused by later calls instead of being fetched per request', async () => {
    const fake = fakeDidit();
    const client = clientFor(fake);
    for (let i = 0; i < 5; i++) await client.sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(5);
  });

  it('is refreshed 300 s before it expires (a 24 h token)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = fakeDidit({ token: (_req, n) => json(tokenBody(n, 86_400)) });
    const client = clientFor(fake);

    await client.sessions.getDecision(SESSION_ID);
    vi.advanceTimersByTime((86_400 - 300) * 1000 - 1);
    await client.sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(1);

    vi.advanceTimersByTime(1);
    await client.sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests[2]?.headers.get('authorization')).toBe(`Bearer ${tokenBody(2).access_token}`);
  });

  it('is refreshed 10% of its lifetime before it expires when that is under 300 s (a 60 s token)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = fakeDidit({ token: (_req, n) => json(tokenBody(n, 60)) });
    const client = clientFor(fake);

    await client.sessions.getDecision(SESSION_ID);
    vi.advanceTimersByTime(54_000 - 1);
    await client.sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(1);

    vi.advanceTimersByTime(1);
    await client.sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('is refreshed by one request when many calls find it stale at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = fakeDidit({ token: (_req, n) => json(tokenBody(n, 600)) });
    const client = clientFor(fake);
    await client.sessions.getDecision(SESSION_ID);

    vi.advanceTimersByTime(600_000);
    await Promise.all(Array.from({ length: 20 }, () => client.sessions.getDecision(SESSION_ID)));
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('is parsed from the auth server response in the seed shape', async () => {
    const body = v1Example('auth-token.response.json') as Record<string, unknown>;
    const fake = fakeDidit({ token: () => json(body) });
    await clientFor(fake).sessions.getDecision(SESSION_ID);
    expect(fake.apiRequests[0]?.headers.get('authorization')).toBe(`Bearer ${body.access_token}`);
  });
});

describe('a 401 from the API', () => {
  it('refreshes the token once and retries the call once with the new token', async () => {
    const fake = fakeDidit({
      api: (req) =>
        req.headers.get('authorization') === `Bearer ${tokenBody(1).access_token}`
          ? json({ detail: 'Invalid token.' }, 401)
          : json(v1Example('decision.declined-aml.json')),
    });
    const decision = await clientFor(fake).sessions.getDecision(SESSION_ID);

    expect(decision.session_id).toBe(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.headers.get('authorization'))).toEqual([
      `Bearer ${tokenBody(1).access_token}`,
      `Bearer ${tokenBody(2).access_token}`,
    ]);
  });

  it('gives an AuthenticationError when the fresh token is refused too, after exactly one refresh', async () => {
    const fake = fakeDidit({ api: () => json({ detail: 'Invalid token.' }, 401, { 'x-request-id': 'req-401' }) });
    const error = await rejectionOf(clientFor(fake, { maxRetries: 5 }).sessions.getDecision(SESSION_ID));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'authentication_failed', requestId: 'req-401' });
    expect((error as Error).message).toContain('Invalid token.');
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests).toHaveLength(2);
  });

  it('refreshes once for many concurrent calls that were all refused with the same token', async () => {
    const stale = `Bearer ${tokenBody(1).access_token}`;
    const fake = fakeDidit({
      api: (req) =>
        req.headers.get('authorization') === stale
          ? json({ detail: 'Invalid token.' }, 401)
          : json(v1Example('decision.declined-aml.json')),
    });
    const client = clientFor(fake);
    await Promise.all(Array.from({ length: 10 }, () => client.sessions.getDecision(SESSION_ID)));
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests).toHaveLength(20);
  });

  it('retries a POST create too, since a refused token means nothing was processed', async () => {
    const created = v1Example('create-session.response.json');
    const fake = fakeDidit({
      api: (_req, n) => (n === 1 ? json({ detail: 'Token expired.' }, 401) : json(created, 201)),
    });
    const result = await clientFor(fake).sessions.create({ callback: 'https://example.com/cb', vendor_data: 'u1' });
    expect(result).toEqual(created);
    expect(fake.apiRequests).toHaveLength(2);
  });

  it('is not retried when the client has no credentials to refresh (the proxy mode)', async () => {
    const fake = fakeDidit({ api: () => json({ detail: 'Not logged in.' }, 401) });
    const client = new DiditClient({ baseUrl: BASE_URL, fetch: fake.fetch });
    const error = await rejectionOf(client.sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('a failing token endpoint', () => {
  it("gives an AuthenticationError carrying Didit's message (OAuth style)", async () => {
    const fake = fakeDidit({
      token: () =>
        json({ error: 'invalid_client', error_description: 'Client authentication failed.' }, 401, {
          'x-request-id': 'auth-req-1',
        }),
    });
    const error = await rejectionOf(clientFor(fake).sessions.getDecision(SESSION_ID));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'authentication_failed', status: 401, requestId: 'auth-req-1' });
    expect((error as Error).message).toContain('Client authentication failed.');
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(0);
  });

  it("gives an AuthenticationError carrying Didit's message (DRF style, 403)", async () => {
    const fake = fakeDidit({ token: () => json({ detail: 'You do not have permission.' }, 403) });
    const error = await rejectionOf(clientFor(fake).sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('You do not have permission.');
  });

  it('never carries the secret, even when the auth server echoes it back', async () => {
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const fake = fakeDidit({
      token: () =>
        json({ detail: `Bad credentials ${CLIENT_SECRET} (Basic ${basic})`, secret: CLIENT_SECRET }, 401, {
          'x-request-id': 'auth-req-2',
        }),
    });
    const error = (await rejectionOf(clientFor(fake).sessions.getDecision(SESSION_ID))) as AuthenticationError;

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('Bad credentials');
    for (const text of [error.message, JSON.stringify(error), JSON.stringify(error.body), String(error.stack)]) {
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(basic);
    }
  });

  it('is not retried when it refuses the credentials', async () => {
    const fake = fakeDidit({ token: () => json({ detail: 'Invalid client.' }, 400) });
    await rejectionOf(clientFor(fake, { maxRetries: 3 }).sessions.getDecision(SESSION_ID));
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('is asked again by the next call after a failure (a failure is not cached)', async () => {
    const fake = fakeDidit({
      token: (_req, n) => (n === 1 ? json({ detail: 'Invalid client.' }, 401) : json(tokenBody(n))),
    });
    const client = clientFor(fake);
    await expect(client.sessions.getDecision(SESSION_ID)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.sessions.getDecision(SESSION_ID)).resolves.toMatchObject({ session_id: SESSION_ID });
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('is retried like a read when the auth server has a transient failure (503)', async () => {
    const fake = fakeDidit({
      token: (_req, n) => (n === 1 ? json({ detail: 'Unavailable' }, 503, { 'retry-after': '0' }) : json(tokenBody(n))),
    });
    await clientFor(fake).sessions.getDecision(SESSION_ID);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('gives a ServerError, not an AuthenticationError, when the auth server keeps failing', async () => {
    const fake = fakeDidit({ token: () => json({ detail: 'Down' }, 500, { 'retry-after': '0' }) });
    const error = await rejectionOf(clientFor(fake).sessions.getDecision(SESSION_ID));
    expect(error).toBeInstanceOf(ServerError);
    expect(fake.tokenRequests).toHaveLength(3);
  });
});

describe('a client without credentials (the browser against its proxy route)', () => {
  it('sends no Authorization header and asks for no token', async () => {
    const fake = fakeDidit();
    const client = new DiditClient({ baseUrl: `${BASE_URL}/api/didit`, fetch: fake.fetch });
    await client.sessions.getDecision(SESSION_ID);
    await client.sessions.updateStatus(SESSION_ID, { new_status: 'Approved' }).catch(() => undefined);

    expect(fake.tokenRequests).toHaveLength(0);
    expect(fake.apiRequests.length).toBeGreaterThanOrEqual(2);
    for (const req of fake.apiRequests) {
      expect(req.headers.has('authorization')).toBe(false);
      expect(req.url.pathname.startsWith('/api/didit/v1/session/')).toBe(true);
    }
    expect(client.hasCredentials).toBe(false);
  });

  it('refuses half a credential pair', () => {
    expect(() => new DiditClient({ clientId: CLIENT_ID })).toThrow(/clientId and clientSecret/);
    expect(() => new DiditClient({ clientSecret: CLIENT_SECRET })).toThrow(/clientId and clientSecret/);
    // Empty values (unset variables in a .env file) are no credentials: a client without any.
    expect(new DiditClient({ apiVersion: 'v1', clientId: '', clientSecret: '' }).hasCredentials).toBe(false);
    expect(() => new DiditClient({ clientId: CLIENT_ID, clientSecret: '' })).toThrow(/clientId and clientSecret/);
  });
});
