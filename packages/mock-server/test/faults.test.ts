import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/faults.ts';
import {
  ConnectionDroppedError,
  createMockApp,
  DEFAULT_API_KEY,
  V3_FIXTURE_IDS,
  VALID_SCENARIOS,
} from '../src/index.ts';
import { authedApp, getToken, SEED_ID, tokenRequest } from './helpers.ts';

const decision = `/v1/session/${SEED_ID}/decision/`;

describe('per-request scenarios (Prefer header, ?__mock= fallback)', () => {
  it('code=429 answers DRF throttling with Retry-After and X-RateLimit-* headers', async () => {
    const { call } = await authedApp({ now: () => 1_700_000_000_000 });
    const res = await call(decision, { headers: { prefer: 'code=429' } });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ detail: 'Request was throttled. Expected available in 1 second.' });
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('x-ratelimit-limit')).toBe('100');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset')).toBe('1700000001');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('reports the documented limit per route and takes retry-after from the scenario', async () => {
    const { call, json } = await authedApp();
    const pdf = await call(`/v1/session/${SEED_ID}/generate-pdf/`, { headers: { prefer: 'code=429, retry-after=7' } });
    expect(pdf.headers.get('x-ratelimit-limit')).toBe('50');
    expect(pdf.headers.get('retry-after')).toBe('7');
    expect(await pdf.json()).toEqual({ detail: 'Request was throttled. Expected available in 7 seconds.' });
    const create = await call('/v1/session/', { method: 'POST', headers: { prefer: 'code=429' } });
    expect(create.headers.get('x-ratelimit-limit')).toBe('600');
    const patch = await json(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', {});
    expect(patch.status).toBe(400);
  });

  it.each([
    [500, 'application/json', '{"detail":"A server error occurred."}'],
    [502, 'text/html', '502 Bad Gateway'],
    [503, 'application/json', '{"detail":"Service temporarily unavailable, try again later."}'],
    [504, 'text/html', '504 Gateway Time-out'],
    [400, 'application/json', '{"detail":"Malformed request."}'],
    [401, 'application/json', '{"detail":"Invalid token."}'],
    [403, 'application/json', '{"detail":"You do not have permission to perform this action."}'],
    [404, 'application/json', '{"detail":"Not found."}'],
  ])('code=%i answers like Didit (or its gateway) would', async (code, type, body) => {
    const { call } = await authedApp();
    const res = await call(decision, { headers: { prefer: `code=${code}` } });
    expect(res.status).toBe(code);
    expect(res.headers.get('content-type')).toContain(type);
    expect(await res.text()).toContain(body);
  });

  it('applies before authentication, like a gateway in front of the API', async () => {
    const res = await createMockApp().request(decision, { headers: { prefer: 'code=503' } });
    expect(res.status).toBe(503);
  });

  it('takes the scenario from ?__mock= for a browser, and the header wins per key', async () => {
    const { call } = await authedApp();
    expect((await call(`${decision}?__mock=code=502`)).status).toBe(502);
    expect((await call(`${decision}?__mock=${encodeURIComponent('code=502')}`)).status).toBe(502);
    expect((await call(`${decision}?__mock=code=502`, { headers: { prefer: 'code=504' } })).status).toBe(504);
  });

  it('delays by delay=ms, alone or combined with a code', async () => {
    const { call } = await authedApp();
    let started = performance.now();
    const slow = await call(decision, { headers: { prefer: 'delay=60' } });
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    started = performance.now();
    const both = await call(decision, { headers: { prefer: 'delay=60, code=503' } });
    expect(both.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('fail=connection rejects an in-process call (there is no socket to drop)', async () => {
    const { call } = await authedApp();
    await expect(call(decision, { headers: { prefer: 'fail=connection' } })).rejects.toBeInstanceOf(
      ConnectionDroppedError,
    );
  });

  it.each(['code=418', 'code=abc', 'delay=-1', 'delay=60001', 'fail=disk', 'teapot', 'code=429, colour=blue'])(
    'answers 422 for %s, listing the valid values',
    async (prefer) => {
      const { call } = await authedApp();
      const res = await call(decision, { headers: { prefer } });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { detail: string; valid: string[] };
      expect(body.valid).toEqual(VALID_SCENARIOS);
      expect(body.detail).toContain('Unknown mock scenario');
      expect(body.detail).toContain('code=429');
    },
  );

  it('applies to the token route too, with OAuth-shaped bodies', async () => {
    const app = createMockApp();
    const request = tokenRequest();
    const res = await app.request('/auth/v2/token/', {
      ...request,
      headers: { ...request.headers, prefer: 'code=401' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
    const limited = await app.request('/auth/v2/token/', {
      ...request,
      headers: { ...request.headers, prefer: 'code=429' },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });

  it('leaves the hosted page and the admin routes alone', async () => {
    const app = createMockApp();
    expect((await app.request(`/session/${SEED_ID}`, { headers: { prefer: 'code=500' } })).status).toBe(200);
    expect((await app.request('/__mock/sessions', { headers: { prefer: 'code=500' } })).status).toBe(200);
  });

  it('answers a path that is no route 404 (or the trailing-slash redirect) whatever the scenario', async () => {
    const { call } = await authedApp();
    const unknown = await call('/v1/nowhere/', { headers: { prefer: 'code=503' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Not found.' });
    const noSlash = await call(`/v1/session/${SEED_ID}/decision`, { headers: { prefer: 'code=503' } });
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe(`/v1/session/${SEED_ID}/decision/`);
  });
});

describe('parseScenario', () => {
  it('reads several tokens, both separators, quotes and case', () => {
    expect(parseScenario('Code=503; delay="20"', 'retry-after=3')).toEqual({
      scenario: { code: 503, delayMs: 20, retryAfterSec: 3 },
    });
    expect(parseScenario(undefined, '')).toEqual({ scenario: undefined });
    expect(parseScenario('fail=Connection')).toEqual({ scenario: { dropConnection: true } });
  });
});

describe('server-wide chaos (latency, errorRate, seed)', () => {
  async function statuses(options: { errorRate: number; seed: number }, count: number): Promise<string[]> {
    const app = createMockApp(options);
    const token = await getToken(app);
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      try {
        const res = await app.request(decision, { headers: { authorization: `Bearer ${token}` } });
        out.push(String(res.status));
      } catch (error) {
        out.push(error instanceof ConnectionDroppedError ? 'dropped' : 'other');
      }
    }
    return out;
  }

  it('repeats exactly for the same seed, and differs for another', async () => {
    const a = await statuses({ errorRate: 0.5, seed: 42 }, 60);
    const b = await statuses({ errorRate: 0.5, seed: 42 }, 60);
    const c = await statuses({ errorRate: 0.5, seed: 7 }, 60);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('fails about errorRate of the requests, with every kind of failure', async () => {
    const all = await statuses({ errorRate: 0.3, seed: 3 }, 400);
    const failed = all.filter((s) => s !== '200');
    expect(failed.length / all.length).toBeGreaterThan(0.22);
    expect(failed.length / all.length).toBeLessThan(0.38);
    expect(new Set(failed)).toEqual(new Set(['429', '500', '502', '503', 'dropped']));
    expect(all).not.toContain('other');
  });

  it('sends Retry-After and X-RateLimit-* on a random 429 too', async () => {
    const app = createMockApp({ errorRate: 1, seed: 1 });
    const token = await getToken(app);
    for (let i = 0; i < 40; i++) {
      const res = await Promise.resolve(app.request(decision, { headers: { authorization: `Bearer ${token}` } })).catch(
        () => undefined,
      );
      if (res?.status !== 429) continue;
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      return;
    }
    throw new Error('no 429 in 40 requests at errorRate 1');
  });

  it('never fails the token route at random', async () => {
    const app = createMockApp({ errorRate: 1 });
    for (let i = 0; i < 20; i++) expect((await app.request('/auth/v2/token/', tokenRequest())).status).toBe(200);
  });

  it('adds latency within the [min, max] range', async () => {
    const { call } = await authedApp({ latency: [20, 40], seed: 5 });
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect((await call(decision)).status).toBe(200);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(18);
    }
  });

  it('applies to the v3 routes as to v1 (latency, errorRate, and ?__mock= on a /v3 URL)', async () => {
    const v3Decision = `/v3/session/${V3_FIXTURE_IDS.approved}/decision/`;
    const headers = { 'x-api-key': DEFAULT_API_KEY };
    const slow = createMockApp({ latency: 40 });
    const started = performance.now();
    expect((await slow.request(v3Decision, { headers })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);

    const failing = createMockApp({ errorRate: 1, seed: 2 });
    for (let i = 0; i < 10; i++) {
      const status = await Promise.resolve(failing.request(v3Decision, { headers })).then(
        (res) => res.status,
        (error: unknown) => (error instanceof ConnectionDroppedError ? 'dropped' : error),
      );
      expect([429, 500, 502, 503, 'dropped']).toContain(status);
    }

    const scenario = await createMockApp().request(`${v3Decision}?__mock=code=503`, { headers });
    expect(scenario.status).toBe(503);
  });

  it('refuses options out of range', () => {
    expect(() => createMockApp({ errorRate: 1.5 })).toThrow(RangeError);
    expect(() => createMockApp({ latency: -1 })).toThrow(RangeError);
    expect(() => createMockApp({ latency: [50, 10] })).toThrow(RangeError);
    expect(() => createMockApp({ seed: 1.5 })).toThrow(RangeError);
    expect(() => createMockApp({ tokenTtlSec: 0 })).toThrow(RangeError);
    expect(() => createMockApp({ clientId: 'a:b' })).toThrow(TypeError);
    expect(() => createMockApp({ publicUrl: 'ftp://x' })).toThrow(TypeError);
  });
});
