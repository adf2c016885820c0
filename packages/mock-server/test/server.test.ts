import { request as httpRequest } from 'node:http';
import { ConnectionError, DiditClient } from '@didit-kit/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_SESSION_IDS, type MockServer, startMockServer } from '../src/index.ts';
import { basic, SEED_ID } from './helpers.ts';

const servers: MockServer[] = [];
async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const server = await startMockServer({ port: 0, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function clientFor(server: MockServer, extra: Partial<ConstructorParameters<typeof DiditClient>[0]> = {}) {
  return new DiditClient({
    clientId: 'mock-client-id',
    clientSecret: 'mock-client-secret',
    baseUrl: server.url,
    authUrl: server.url,
    ...extra,
  });
}

describe('startMockServer over real HTTP on 127.0.0.1', () => {
  it('listens on a free port with port 0 and reports its URL', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/v1/session/${SEED_ID}/decision/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('puts exactly one fresh x-request-id on every kind of response over HTTP', async () => {
    // Over Node the id goes on the socket's response rather than through Hono (see
    // request-id.ts), so every way a response is built is checked here as well as in-process.
    const server = await start();
    const tokenRes = await fetch(`${server.url}/auth/v2/token/`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const send = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { redirect: 'manual', ...init, headers: { ...bearer, ...init.headers } });
    const responses = [
      tokenRes,
      await send(`/v1/session/${SEED_ID}/decision/`),
      await send(`/v1/session/${SEED_ID}/decision/`, { method: 'HEAD' }),
      await send(`/v1/session/${SEED_ID}/decision/`, { headers: { authorization: 'Bearer nope' } }),
      await send('/v1/session/00000000-0000-4000-8000-000000000000/decision/'),
      await send(`/v1/session/${SEED_ID}/decision/`, { method: 'PUT' }),
      await send(`/v1/session/${SEED_ID}/decision`),
      await send('/nowhere'),
      await send(`/v1/session/${SEED_ID}/decision/`, { headers: { prefer: 'code=503' } }),
      await send(`/v1/session/${SEED_ID}/decision/`, { headers: { prefer: 'code=502' } }),
      await send(`/v1/session/${SEED_ID}/decision/`, { headers: { prefer: 'bogus' } }),
      await send(`/v1/session/${SEED_ID}/generate-pdf/`),
      await send('/v1/session/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(1024 * 1024 + 1),
      }),
      await send('/session/not-a-token'),
      await send('/__mock/sessions'),
    ];
    expect(responses.map((res) => res.status)).toEqual([
      200, 200, 200, 401, 404, 405, 301, 404, 503, 502, 422, 200, 413, 404, 200,
    ]);
    // Two headers would arrive joined with ", " and fail the pattern.
    const ids = responses.map((res) => res.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    await Promise.all(responses.map((res) => (res.bodyUsed ? undefined : res.body?.cancel())));
  });

  it('serves every endpoint to DiditClient with its default (undici) transport', async () => {
    const server = await start();
    const client = clientFor(server);
    const created = await client.sessions.create({
      callback: 'https://app.example.com/back',
      vendor_data: 'http-user',
    });
    expect(created.url).toBe(`${server.url}/session/${created.session_token}`);

    const page = await fetch(created.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const chosen = await fetch(created.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approved',
      redirect: 'manual',
    });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get('location')).toBe(
      `https://app.example.com/back?verificationSessionId=${created.session_id}&status=Approved`,
    );

    expect((await client.sessions.getDecision(created.session_id)).status).toBe('Approved');
    await client.sessions.updateStatus(created.session_id, { new_status: 'Declined' });
    expect((await client.sessions.getDecision(created.session_id)).status).toBe('Declined');
    const pdf = await client.sessions.generatePdf(created.session_id);
    expect(pdf.byteLength).toBeGreaterThan(1000);
    expect((await client.sessions.getDecision(FIXTURE_SESSION_IDS.kycExpired)).status).toBe('Kyc Expired');
  });

  it('drops the connection for fail=connection: the client sees ConnectionError, and a retry succeeds', async () => {
    const server = await start();
    let decisionCalls = 0;
    const dropFirst = (request: Request) => {
      const headers = new Headers(request.headers);
      if (request.url.endsWith('/decision/') && decisionCalls++ === 0) headers.set('prefer', 'fail=connection');
      return fetch(new Request(request, { headers }));
    };
    const noRetry = clientFor(server, { maxRetries: 0, fetch: dropFirst });
    const error = await noRetry.sessions.getDecision(SEED_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);

    decisionCalls = 0;
    const retrying = clientFor(server, { fetch: dropFirst });
    expect((await retrying.sessions.getDecision(SEED_ID)).status).toBe('Declined');
    expect(decisionCalls).toBe(2);
  });

  it('resets the socket without any response bytes', async () => {
    const server = await start();
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${server.url}/v1/session/${SEED_ID}/decision/`, {
        headers: { prefer: 'fail=connection' },
      });
      req.on('response', (res) => resolve(`response ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    expect(outcome).toBe('ECONNRESET');
  });

  it('close() ends keep-alive connections and pending delays promptly', async () => {
    const server = await startMockServer({ port: 0 });
    const token = (await (
      await fetch(`${server.url}/auth/v2/token/`, {
        method: 'POST',
        headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const slow = fetch(`${server.url}/v1/session/${SEED_ID}/decision/`, {
      headers: { authorization: `Bearer ${token.access_token}`, prefer: 'delay=60000' },
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await slow;
    await expect(fetch(`${server.url}/__mock/sessions`)).rejects.toThrow();
  });

  it('rejects with EADDRINUSE when the port is taken, and refuses a bad port', async () => {
    const server = await start();
    await expect(startMockServer({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(startMockServer({ port: 70_000 })).rejects.toThrow(RangeError);
  });
});
