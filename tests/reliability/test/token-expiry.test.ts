import { DiditClient } from '@didit-kit/core/v1';
import { createMockApp, FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import { describe, expect, it } from 'vitest';
import { startCountingServer } from '../lib/counting-server.ts';
import { reportFigures } from '../lib/figures.ts';
import { REPRODUCE, SCALE } from '../lib/scale.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Token expiry under load: tokens that live 1 s, and continuous calls for 10 s (3 s shortened).
// No error may reach a caller, and the client must fetch about one token per lifetime, shared by
// every concurrent call, not one per call.

const TTL_SEC = 1;
const WORKERS = 8;

describe('token expiry under load', () => {
  it(`${SCALE.tokenRunMs / 1000} s of continuous calls with ${TTL_SEC} s tokens: no error reaches a caller, tokens ≈ duration / TTL`, async () => {
    const secrets = new Secrets();
    const capture = new Capture();
    const app = createMockApp({
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      tokenTtlSec: TTL_SEC,
      admin: false,
    });
    const server = await startCountingServer(app.fetch, (token) => secrets.tokens.add(token));
    const client = new DiditClient({
      clientId: secrets.clientId,
      clientSecret: secrets.clientSecret,
      baseUrl: server.url,
      authUrl: server.url,
      logger: capture.logger('client'),
    });
    const ids = Object.values(FIXTURE_SESSION_IDS);
    const errors: unknown[] = [];
    let calls = 0;
    const started = performance.now();
    const deadline = started + SCALE.tokenRunMs;
    try {
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, worker) => {
          for (let i = worker; performance.now() < deadline; i += WORKERS) {
            const id = ids[i % ids.length]!;
            try {
              const decision = await client.sessions.getDecision(id);
              if (decision.session_id !== id) throw new Error(`asked for ${id}, got ${decision.session_id}`);
            } catch (error) {
              errors.push(error);
              capture.addError('getDecision', error);
            }
            calls++;
          }
        }),
      );
    } finally {
      await server.close();
    }
    const elapsedSec = (performance.now() - started) / 1000;
    const tokenRequests = server.tokenRequests();
    const expired401 = server.seen.filter((r) => r.path !== '/auth/v2/token/' && r.status === 401).length;
    const expected = elapsedSec / TTL_SEC;
    capture.add('client JSON', JSON.stringify(client));

    reportFigures('token expiry', {
      ttlSec: TTL_SEC,
      seconds: elapsedSec.toFixed(1),
      workers: WORKERS,
      calls,
      errors: errors.length,
      tokenRequests,
      expectedAboutDurationOverTtl: expected.toFixed(1),
      callsPerToken: Math.round(calls / Math.max(1, tokenRequests)),
      expiredTokenRetries: expired401,
      reproduce: `${REPRODUCE} test/token-expiry.test.ts`,
    });

    expect(errors.map(String)).toEqual([]);
    expect(calls).toBeGreaterThan(20 * tokenRequests);
    // The client refreshes 10% before expiry, so about 1.1 tokens per lifetime, plus the first. A
    // token is only replaced when a call needs one, and under heavy load (load average 10 on 2 cores)
    // a stalled event loop can leave whole lifetimes without a call: 8 tokens in 10.5 s were seen. So
    // the lower bound is loose; expiry itself is proven by the mock, which refuses every expired
    // token with 401, and by no error reaching a caller.
    expect(tokenRequests).toBeGreaterThanOrEqual(Math.max(2, Math.floor(expected / 2)));
    expect(tokenRequests).toBeLessThanOrEqual(Math.ceil(expected * 1.5) + 1);
    const searched = capture.expectNoLeaks(secrets);
    expect(secrets.tokens.size).toBe(tokenRequests);
    reportFigures('token expiry secrets', { sources: searched.sources, bytes: searched.bytes, leaks: 0 });
  });
});
