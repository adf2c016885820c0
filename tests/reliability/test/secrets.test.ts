import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { createDiditProxy } from '@didit-kit/core/server';
import { DiditClient, isDiditError } from '@didit-kit/core/v1';
import { createMockApp, FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startCountingServer } from '../lib/counting-server.ts';
import { reportFigures } from '../lib/figures.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Secrets, end to end. Every other part searches what it captured (child output, logs, errors,
// responses); this one checks the scanner itself, the client serialised every way after real
// calls, and an upstream that echoes credentials back in its answers: nothing of it may reach an
// error, a log line, or a browser through the proxy.

const SEED_ID = FIXTURE_SESSION_IDS.declinedAml;
const secrets = new Secrets();
const capture = new Capture();

afterAll(() => {
  const searched = capture.expectNoLeaks(secrets);
  reportFigures('secrets', { sources: searched.sources, bytes: searched.bytes, leaks: 0 });
});

/** Every way a value could be shown to a person or a log pipeline. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, customInspect: false }),
    String(value),
  ];
  try {
    out.push(
      JSON.stringify(value) ?? '',
      JSON.stringify({ ...(value as object) }),
      JSON.stringify(Object.entries(value as object)),
    );
  } catch {
    // Not serialisable: nothing leaks through JSON either.
  }
  if (value instanceof Error) out.push(value.message, String(value.stack));
  if (isDiditError(value)) out.push(JSON.stringify((value as { body?: unknown }).body) ?? '');
  return out;
}

describe('the secret search', () => {
  it('finds each kind of secret it looks for (it is not vacuous)', () => {
    const planted = new Secrets();
    const token = `mock_${randomBytes(32).toString('base64url')}`;
    planted.tokens.add(token);
    expect(planted.findIn(`x ${planted.clientSecret} y`)).toContain('client secret');
    expect(planted.findIn(`Basic ${planted.basicCredentials}`)).toContain('client secret (Basic credentials)');
    expect(planted.findIn(`sig ${planted.webhookSecret}`)).toContain('webhook secret');
    expect(planted.findIn(`Bearer ${token}`)).toContain('access token');
    expect(new Secrets().findIn(`Bearer mock_${randomBytes(32).toString('base64url')}`)).toEqual([
      'something shaped like an access token',
    ]);
    expect(planted.findIn('nothing secret here')).toEqual([]);
  });
});

describe('a client used against the mock server over HTTP', () => {
  it('holds its secret and token in no rendering of itself, its sessions, its errors or its logs', async () => {
    const app = createMockApp({ clientId: secrets.clientId, clientSecret: secrets.clientSecret });
    let issued = 0;
    const server = await startCountingServer(app.fetch, (token) => {
      secrets.tokens.add(token);
      issued++;
    });
    try {
      const client = new DiditClient({
        clientId: secrets.clientId,
        clientSecret: secrets.clientSecret,
        baseUrl: server.url,
        authUrl: server.url,
        maxRetries: 1,
        logger: capture.logger('client'),
      });
      for (const text of renderings(client)) capture.add('client before a call', text);
      await client.sessions.getDecision(SEED_ID);
      await client.sessions
        .getDecision(SEED_ID, { signal: AbortSignal.abort() })
        .catch((e) => capture.addError('aborted', e));
      await client.sessions
        .getDecision('00000000-0000-4000-8000-000000000000')
        .catch((e) => capture.addError('not found', e));
      await client.sessions
        .updateStatus(SEED_ID, { new_status: 'Nope' as 'Approved' })
        .catch((e) => capture.addError('invalid body', e));
      const created = await client.sessions.create({ callback: 'https://example.com/done', vendor_data: 'user-1' });
      capture.add('created session', JSON.stringify(created));
      for (const text of renderings(client)) capture.add('client after calls', text);
      for (const text of renderings(client.sessions)) capture.add('client.sessions', text);
      // The client did hold a token: the search above is not vacuous.
      expect(issued).toBe(1);

      const wrong = new DiditClient({
        clientId: secrets.clientId,
        clientSecret: `${secrets.clientSecret}-wrong`,
        baseUrl: server.url,
        authUrl: server.url,
        logger: capture.logger('wrong client'),
      });
      const refused = await wrong.sessions.getDecision(SEED_ID).catch((e: unknown) => e);
      expect((refused as Error).name).toBe('AuthenticationError');
      for (const text of renderings(refused)) capture.add('wrong credentials', text);
      // The wrong secret contains the right one as a prefix: it must not show either.
      for (const text of renderings(wrong)) capture.add('wrong client', text);
    } finally {
      await server.close();
    }
  });
});

describe('an upstream that echoes credentials back', () => {
  // A hostile or buggy "Didit" that puts the request's Authorization header in its answers.
  const token = `mock_${randomBytes(32).toString('base64url')}`;
  secrets.tokens.add(token);
  const echo = (request: Request) => request.headers.get('authorization') ?? '';
  const scenarios: Record<string, (request: Request) => Response> = {
    'token endpoint 401 quoting the Basic header': (r) =>
      Response.json({ error: 'invalid_client', error_description: `bad credentials: ${echo(r)}` }, { status: 401 }),
    'API 400 quoting the Bearer header': (r) => Response.json({ detail: `refused ${echo(r)}` }, { status: 400 }),
    'API 403 with field errors quoting it': (r) => Response.json({ token: [echo(r)] }, { status: 403 }),
    'API 500 as text quoting it': (r) => new Response(`Internal error; request had ${echo(r)}`, { status: 500 }),
    'API 429 quoting it': (r) =>
      Response.json({ detail: `slow down ${echo(r)}` }, { status: 429, headers: { 'retry-after': '0' } }),
    'API 200 that is not JSON, starting with it': (r) => new Response(`${echo(r)} <html>debug</html>`, { status: 200 }),
    'API 200 JSON that fails the schema, quoting it': (r) =>
      Response.json({ session_id: 42, status: echo(r), unexpected: echo(r) }, { status: 200 }),
  };

  for (const [name, answer] of Object.entries(scenarios)) {
    it(`${name}: not in the error, the logs, or the proxy's answer to a browser`, async () => {
      const handler = (request: Request): Response => {
        const path = new URL(request.url).pathname;
        if (path === '/auth/v2/token/' && !name.startsWith('token endpoint')) {
          return Response.json({
            iss: 'x',
            iat: 0,
            sub: 'x',
            client_id: secrets.clientId,
            organization_id: 'x',
            expires_in: 3600,
            exp: 0,
            access_token: token,
          });
        }
        return answer(request);
      };
      const server = await startCountingServer(handler);
      try {
        const client = new DiditClient({
          clientId: secrets.clientId,
          clientSecret: secrets.clientSecret,
          baseUrl: server.url,
          authUrl: server.url,
          maxRetries: 1,
          logger: capture.logger(name),
        });
        const error = await client.sessions.getDecision(SEED_ID).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isDiditError(error), String(error)).toBe(true);
        for (const text of renderings(error)) capture.add(`${name}: error`, text);
        // The echo did arrive, and was scrubbed (a schema failure's message quotes no values at all).
        if (!name.includes('fails the schema')) expect((error as Error).message).toContain('[redacted]');

        const proxy = createDiditProxy(client, { prefix: '/api/didit' });
        const response = await proxy(new Request(`http://app.test/api/didit/v1/session/${SEED_ID}/decision/`));
        expect(response.status).toBeGreaterThanOrEqual(400);
        await capture.addResponse(`${name}: proxy answer`, response);
        // The upstream did receive the credentials it echoed: the search is not vacuous.
        expect(server.seen.length).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    });
  }
});
