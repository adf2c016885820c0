import {
  DiditClient,
  InvalidArgumentError,
  serializeWebhookPayload,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
} from '@didit-kit/core';
import { createDiditProxy } from '@didit-kit/core/server';
import { createMockApp, FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingServer, startCountingServer } from '../lib/counting-server.ts';
import { reportFigures } from '../lib/figures.ts';
import { loadFixtures } from '../lib/fixtures.ts';
import { fuzz } from '../lib/fuzz.ts';
import { hostileSegment } from '../lib/http-arbitraries.ts';
import { fetchToken, startMockCli } from '../lib/processes.ts';
import { SCALE } from '../lib/scale.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Hostile input: session ids built to escape the URL path are refused before anything is sent;
// the server-side proxy forwards nothing outside its allow-list; replayed and tampered webhook
// deliveries are refused; the mock server's admin routes can be switched off.

const SEED_ID = FIXTURE_SESSION_IDS.declinedAml;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const secrets = new Secrets();
const capture = new Capture();
let upstream: CountingServer;

beforeAll(async () => {
  const app = createMockApp({ clientId: secrets.clientId, clientSecret: secrets.clientSecret });
  upstream = await startCountingServer(app.fetch, (token) => secrets.tokens.add(token));
});

afterAll(async () => {
  await upstream.close();
  const searched = capture.expectNoLeaks(secrets);
  reportFigures('hostile input secrets', { sources: searched.sources, bytes: searched.bytes, leaks: 0 });
});

function serverClient(): DiditClient {
  return new DiditClient({
    clientId: secrets.clientId,
    clientSecret: secrets.clientSecret,
    baseUrl: upstream.url,
    authUrl: upstream.url,
    maxRetries: 0,
    logger: capture.logger('server client'),
  });
}

/** Ids that must never reach the network. */
const ESCAPING_IDS: unknown[] = [
  '..%2F..%2Fauth%2Fv2%2Ftoken',
  `..%2F${SEED_ID}`,
  '%2e%2e',
  '%2E%2E%2F%2E%2E',
  '../../auth/v2/token',
  `${SEED_ID}/../../../auth/v2/token`,
  `${SEED_ID}%2F..`,
  `${SEED_ID}/`,
  `${SEED_ID}?admin=1`,
  `${SEED_ID}#x`,
  `${SEED_ID}\u0000`,
  `\u0000${SEED_ID}`,
  `${SEED_ID}\n`,
  ` ${SEED_ID}`,
  '１１１１１１１１-２２２２-３３３３-４４４４-５５５５５５５５５５５５', // fullwidth digits
  '11111111-2222-3333-4444-55555555555５',
  '١١١١١١١١-٢٢٢٢-٣٣٣٣-٤٤٤٤-٥٥٥٥٥٥٥٥٥٥٥٥', // Arabic-Indic digits
  'd1d17000-0000-4000-8000-00000000000\u0430', // Cyrillic а for a
  'd1d17000\u20100000-4000-8000-000000000001', // hyphen look-alike
  'd1d17000-0000-4000-8000-000000000001\u200b', // zero-width space
  `${SEED_ID.slice(0, -1)}%35`,
  'x'.repeat(100_000),
  `${SEED_ID}${'a'.repeat(10_000)}`,
  '',
  ' ',
  null,
  undefined,
  42,
  { toString: () => SEED_ID },
  [SEED_ID],
  // biome-ignore lint/suspicious/noExplicitAny: a boxed string, on purpose
  new (String as any)(SEED_ID),
];

describe('session ids built to escape the path', () => {
  it('are refused with InvalidArgumentError before anything reaches the server', async () => {
    const client = serverClient();
    const before = upstream.seen.length;
    for (const id of ESCAPING_IDS) {
      for (const call of [
        () => client.sessions.getDecision(id as string),
        () => client.sessions.generatePdf(id as string),
        () => client.sessions.updateStatus(id as string, { new_status: 'Approved' }),
      ]) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `id ${JSON.stringify(String(id)).slice(0, 60)}`).toBeInstanceOf(InvalidArgumentError);
        capture.addError('refused id', error);
      }
    }
    // Not one request, not even for a token.
    expect(upstream.seen.length - before).toBe(0);
    // The same client does reach the server with a real id: the zero above is not a dead client.
    expect((await client.sessions.getDecision(SEED_ID.toUpperCase())).session_id).toBe(SEED_ID);
    expect(upstream.seen.length - before).toBe(2);
    reportFigures('hostile ids', { ids: ESCAPING_IDS.length, calls: ESCAPING_IDS.length * 3, requestsSent: 0 });
  });

  it('any string that is not a UUID is refused before the network (fuzzed)', async () => {
    const client = serverClient();
    const before = upstream.seen.length;
    await fuzz(
      'ids that are not UUIDs',
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          hostileSegment,
          fc.uuid().map((id) => `${id}${'/'}`),
          fc
            .tuple(fc.uuid(), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.nat(36))
            .map(([id, insert, at]) => `${id.slice(0, at)}${insert}${id.slice(at)}`),
        ),
        async (id) => {
          fc.pre(!UUID.test(id));
          await expect(client.sessions.getDecision(id)).rejects.toBeInstanceOf(InvalidArgumentError);
        },
      ),
      SCALE.fuzzRuns,
    );
    expect(upstream.seen.length - before).toBe(0);
  });
});

describe('the server-side proxy', () => {
  const PREFIX = '/api/didit';
  const allowedPath = (pathname: string, allowPdf: boolean) => {
    const match = /^\/api\/didit\/v1\/session\/([^/]+)\/(decision|generate-pdf)\/?$/.exec(pathname);
    return match !== null && UUID.test(match[1]!) && (match[2] === 'decision' || allowPdf);
  };

  const hostilePath = fc
    .tuple(
      fc.constantFrom(
        PREFIX,
        `${PREFIX}/`,
        '/API/didit',
        `${PREFIX}${PREFIX}`,
        '',
        '/other',
        `${PREFIX}/..`,
        '/api/didit%2F',
      ),
      fc.constantFrom('/v1/session/', '/v1/session//', '/v1/sessions/', '/v2/session/', '/v1/session/%2F', '/'),
      fc.oneof(
        fc.constantFrom(...Object.values(FIXTURE_SESSION_IDS)),
        fc.uuid(),
        hostileSegment,
        fc.string({ maxLength: 12 }).map(encodeURIComponent),
      ),
      fc.constantFrom(
        '/decision/',
        '/decision',
        '/generate-pdf/',
        '/update-status/',
        '/',
        '',
        '/decision/..',
        '/decision/extra',
        '/../../auth/v2/token/',
        '/decision%2F',
      ),
      fc.constantFrom('', '?x=1', '?__mock=code%3D500', '#frag'),
    )
    .map((parts) => parts.join(''));
  // A third of the paths are the allowed shape (so forwarding is exercised too), the rest hostile.
  const proxyPath = fc.oneof(
    { arbitrary: hostilePath, weight: 2 },
    {
      arbitrary: fc
        .tuple(
          fc.oneof(fc.constantFrom(...Object.values(FIXTURE_SESSION_IDS)), fc.uuid()),
          fc.constantFrom('/decision/', '/decision', '/generate-pdf/'),
          fc.constantFrom('', '?x=1'),
        )
        .map(([id, action, query]) => `${PREFIX}/v1/session/${id}${action}${query}`),
      weight: 1,
    },
  );
  const proxyMethod = fc.oneof(
    { arbitrary: fc.constant('GET'), weight: 3 },
    { arbitrary: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'get'), weight: 2 },
  );

  for (const allowPdf of [false, true]) {
    it(`forwards only GET ${PREFIX}/v1/session/{uuid}/decision/${allowPdf ? ' and generate-pdf/' : ''}; anything else gets 404/405 and nothing upstream`, async () => {
      const proxy = createDiditProxy(serverClient(), {
        prefix: PREFIX,
        allow: allowPdf ? ['decision', 'pdf'] : ['decision'],
        cacheMs: 0,
        terminalCacheMs: 0,
      });
      let forwarded = 0;
      let refused = 0;
      await fuzz(
        `proxy allow-list${allowPdf ? ' with pdf' : ''}`,
        fc.asyncProperty(proxyMethod, proxyPath, async (method, path) => {
          let request: Request;
          try {
            request = new Request(`http://app.test${path}`, { method });
          } catch {
            fc.pre(false);
            return;
          }
          const pathname = new URL(request.url).pathname;
          const apiBefore = upstream.apiRequests();
          const response = await proxy(request);
          const sentUpstream = upstream.apiRequests() - apiBefore;
          await capture.addResponse(`proxy ${request.method} ${pathname}`, response.clone());
          expect(response.headers.get('cache-control')).toBe('no-store');
          if (request.method === 'GET' && allowedPath(pathname, allowPdf)) {
            forwarded++;
            expect(sentUpstream).toBe(1);
            expect([200, 404]).toContain(response.status);
          } else {
            refused++;
            expect(sentUpstream, `${request.method} ${pathname} reached Didit`).toBe(0);
            expect([404, 405]).toContain(response.status);
            if (response.status === 405) expect(response.headers.get('allow')).toBe('GET');
          }
        }),
        SCALE.fuzzRuns,
        () => ({ forwarded, refused }),
      );
    });
  }

  it('answers a refused authorize with 403 and sends nothing upstream', async () => {
    const proxy = createDiditProxy(serverClient(), { prefix: PREFIX, authorize: () => false });
    const before = upstream.apiRequests();
    const response = await proxy(new Request(`http://app.test${PREFIX}/v1/session/${SEED_ID}/decision/`));
    expect(response.status).toBe(403);
    expect(upstream.apiRequests() - before).toBe(0);
  });
});

describe('webhook deliveries', () => {
  const fixture = loadFixtures().get(SEED_ID);
  const TOLERANCE = 300;

  async function delivery(timestamp: number) {
    const body = serializeWebhookPayload({
      session_id: SEED_ID,
      status: 'Declined',
      webhook_type: 'status.updated',
      timestamp,
      created_at: timestamp - 60,
      vendor_data: 'user-1',
      decision: fixture as Record<string, unknown>,
    });
    return { body, headers: await signWebhook({ body, secret: secrets.webhookSecret, timestamp }) };
  }

  it('a captured delivery replayed after the 300 s window is refused; within it, accepted', async () => {
    const signedAt = Math.floor(Date.now() / 1000);
    const { body, headers } = await delivery(signedAt);
    const counts = { accepted: 0, tooOld: 0, inFuture: 0 };
    await fuzz(
      'webhook replays',
      fc.asyncProperty(fc.integer({ min: -3 * TOLERANCE, max: 30 * 24 * 3600 }), async (offsetSec) => {
        const now = (signedAt + offsetSec) * 1000;
        const outcome = await verifyWebhook({ body, headers, secret: secrets.webhookSecret, now }).then(
          (event) => ({ event }),
          (error: unknown) => ({ error }),
        );
        if (Math.abs(offsetSec) <= TOLERANCE) {
          counts.accepted++;
          expect('event' in outcome, `offset ${offsetSec}`).toBe(true);
          return;
        }
        expect('error' in outcome && outcome.error instanceof WebhookVerificationError).toBe(true);
        const reason = (outcome as { error: WebhookVerificationError }).error.reason;
        expect(reason).toBe(offsetSec > 0 ? 'timestamp_too_old' : 'timestamp_in_future');
        if (offsetSec > 0) counts.tooOld++;
        else counts.inFuture++;
      }),
      SCALE.fuzzRuns,
      () => counts,
    );
  });

  it('a tampered delivery is refused, or yields only what a valid signature still covers', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { body, headers } = await delivery(now);
    const original = JSON.parse(body) as Record<string, unknown>;
    const bytes = new TextEncoder().encode(body);
    const counts = { refused: 0, sameContent: 0, coveredFieldsOnly: 0 };
    const tamper = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(bytes.length - 1),
        xor: fc.integer({ min: 1, max: 255 }),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(bytes.length),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(bytes.length - 1) }),
      fc.record({
        kind: fc.constant('field' as const),
        key: fc.constantFrom('status', 'session_id', 'vendor_data', 'decision', 'webhook_type', 'timestamp'),
        value: fc.jsonValue({ maxDepth: 2 }),
      }),
      fc.record({
        kind: fc.constant('signature' as const),
        header: fc.constantFrom('x-signature', 'x-signature-v2', 'x-signature-simple'),
        at: fc.nat(63),
        char: fc.constantFrom(...'0123456789abcdef'),
      }),
      fc.record({
        kind: fc.constant('timestamp' as const),
        delta: fc.integer({ min: -250, max: 250 }).filter((d) => d !== 0),
      }),
    );
    await fuzz(
      'tampered webhooks',
      fc.asyncProperty(
        tamper,
        fc.subarray(['x-signature', 'x-signature-v2', 'x-signature-simple']),
        async (change, dropped) => {
          let sentBody: Uint8Array | string = bytes;
          const sentHeaders: Record<string, string> = { ...headers };
          if (change.kind === 'flip') sentBody = bytes.map((b, i) => (i === change.at ? b ^ change.xor : b));
          else if (change.kind === 'insert')
            sentBody = new Uint8Array([...bytes.slice(0, change.at), change.byte, ...bytes.slice(change.at)]);
          else if (change.kind === 'delete')
            sentBody = new Uint8Array([...bytes.slice(0, change.at), ...bytes.slice(change.at + 1)]);
          else if (change.kind === 'field') sentBody = JSON.stringify({ ...original, [change.key]: change.value });
          else if (change.kind === 'signature') {
            const value = sentHeaders[change.header]!;
            fc.pre(value[change.at] !== change.char);
            sentHeaders[change.header] = `${value.slice(0, change.at)}${change.char}${value.slice(change.at + 1)}`;
          } else sentHeaders['x-timestamp'] = String(now + change.delta);
          for (const name of dropped) delete sentHeaders[name];
          fc.pre(Object.keys(sentHeaders).length > 1);

          let event: Record<string, unknown>;
          try {
            event = (await verifyWebhook({
              body: sentBody,
              headers: sentHeaders,
              secret: secrets.webhookSecret,
            })) as unknown as Record<string, unknown>;
          } catch (error) {
            expect(error).toBeInstanceOf(WebhookVerificationError);
            counts.refused++;
            return;
          }
          // Accepted: what came back must be exactly what a still-valid signature vouches for.
          const text = typeof sentBody === 'string' ? sentBody : new TextDecoder().decode(sentBody);
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          const unchanged = JSON.stringify(parsed) === JSON.stringify(original);
          if (unchanged && 'decision' in event) {
            // An equivalent body (an escape written differently, say): the same content.
            counts.sameContent++;
            expect(event.decision).toEqual(original.decision);
            return;
          }
          // Otherwise only X-Signature-Simple can still be valid, and it covers these four fields only.
          counts.coveredFieldsOnly++;
          expect(Object.keys(event).sort()).toEqual(['session_id', 'status', 'timestamp', 'webhook_type']);
          expect(event.session_id).toBe(original.session_id);
          expect(event.status).toBe(original.status);
          expect(event.webhook_type).toBe(original.webhook_type);
          // Simple signs the body's own timestamp (never the unsigned X-Timestamp header).
          expect(event.timestamp).toBe(original.timestamp);
        },
      ),
      SCALE.fuzzRuns,
      () => counts,
    );
  });
});

describe("the mock server's admin routes", () => {
  const ADMIN_REQUESTS: [string, string][] = [
    ['GET', '/__mock'],
    ['GET', '/__mock/'],
    ['GET', '/__mock/sessions'],
    ['GET', `/__mock/sessions/${SEED_ID}`],
    ['POST', `/__mock/sessions/${SEED_ID}/status`],
    ['POST', `/__mock/sessions/${SEED_ID}/advance`],
    ['POST', '/__mock/reset'],
    ['GET', '/__mock/webhooks'],
    ['DELETE', '/__mock/sessions'],
  ];

  it('answer 404 in-process with admin: false (and are there by default)', async () => {
    const off = createMockApp({ admin: false });
    const on = createMockApp();
    for (const [method, path] of ADMIN_REQUESTS) {
      const init = {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{"status":"Approved"}',
      };
      expect((await off.request(path, init)).status, `${method} ${path}`).toBe(404);
    }
    expect((await on.request('/__mock/sessions')).status).toBe(200);
    // The session they would have changed is untouched.
    const token = await off.request('/auth/v2/token/', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('mock-client-id:mock-client-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const decision = await off.request(`/v1/session/${SEED_ID}/decision/`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(((await decision.json()) as { status: string }).status).toBe('Declined');
  });

  it('answer 404 over HTTP from the CLI with --no-admin', async () => {
    const server = await startMockCli([
      '--no-admin',
      '--client-id',
      secrets.clientId,
      '--client-secret',
      secrets.clientSecret,
    ]);
    try {
      expect(server.run.stdout()).not.toContain('/__mock');
      for (const [method, path] of ADMIN_REQUESTS) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{"status":"Approved"}',
        });
        expect(response.status, `${method} ${path}`).toBe(404);
        await response.arrayBuffer();
      }
      const token = await fetchToken(server.url, secrets.clientId, secrets.clientSecret);
      secrets.tokens.add(token);
    } finally {
      expect(await server.stop()).toBe(0);
      capture.addOutput('mock server', server.run);
    }
  });
});
