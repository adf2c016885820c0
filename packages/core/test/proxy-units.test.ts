import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoalescingCache } from '../src/proxy/coalescing-cache.ts';
import { matchProxyRoute, proxyEndpoints } from '../src/proxy/proxy-route.ts';
import { createDiditProxy } from '../src/server.ts';
import { DiditClient, isSessionId } from '../src/v1/index.ts';

// Property runs are replayable: a failure prints its seed; FC_SEED=<seed> replays it.
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

const ID = '11111111-2222-3333-4444-555555555555';
const v1 = proxyEndpoints('v1');
const v3 = proxyEndpoints('v3');

/** A server client whose fetch counts every request and never answers a decision. */
function countingClient() {
  const calls: string[] = [];
  const client = new DiditClient({
    clientId: 'id',
    clientSecret: 'secret',
    baseUrl: 'http://127.0.0.1:1',
    authUrl: 'http://127.0.0.1:1',
    maxRetries: 0,
    fetch: async (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return new Response('{"detail":"Not found."}', { status: 404, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, calls };
}

describe('matchProxyRoute', () => {
  it.each([
    [`/api/didit/v1/session/${ID}/decision/`, '/api/didit', 'decision'],
    [`/api/didit/v1/session/${ID}/generate-pdf/`, '/api/didit', 'pdf'],
    [`/v1/session/${ID}/decision/`, '', 'decision'],
    [`/anything/v1/session/${ID}/decision`, undefined, 'decision'],
    [`/x/v1/y/v1/session/${ID}/update-status/`, undefined, 'update-status'],
  ])('%s under prefix %s is the %s route', (path, prefix, action) => {
    expect(matchProxyRoute(path, prefix, v1)).toMatchObject({ kind: 'route', sessionId: ID, action });
  });

  it.each([
    [`/api/didit/v3/session/${ID}/decision/`, '/api/didit', 'decision'],
    [`/api/didit/v3/session/${ID}/generate-pdf`, '/api/didit', 'pdf'],
    [`/v3/session/${ID}/update-status/`, undefined, 'update-status'],
  ])('v3: %s under prefix %s is the %s route', (path, prefix, action) => {
    expect(matchProxyRoute(path, prefix, v3)).toMatchObject({ kind: 'route', sessionId: ID, action });
  });

  it('matches only its own generation and its own prefix', () => {
    expect(matchProxyRoute(`/api/didit/v1/session/${ID}/decision/`, '/api/didit', v3)).toEqual({ kind: 'not_found' });
    expect(matchProxyRoute(`/api/didit/v3/session/${ID}/decision/`, '/api/didit', v1)).toEqual({ kind: 'not_found' });
    expect(matchProxyRoute(`/other/v3/session/${ID}/decision/`, '/api/didit', v3)).toEqual({ kind: 'not_found' });
  });

  it('never matches an id that is not a UUID, whatever the path (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (leading, id) => {
        const match = matchProxyRoute(`${leading}/v1/session/${id}/decision/`, undefined, v1);
        if (match.kind === 'route') expect(isSessionId(match.sessionId)).toBe(true);
        else expect(match.kind).toBe('not_found');
      }),
    );
  });
});

describe('createDiditProxy on arbitrary requests (property)', () => {
  it('answers anything but an authorised decision GET with 404, 405 or 403, without contacting Didit', async () => {
    const { client, calls } = countingClient();
    const proxy = createDiditProxy(client, { prefix: '/api/didit', authorize: () => false });
    // Paths built from the route's own pieces, dot segments, escapes and arbitrary strings
    // (fc.webPath is too slow for a unit test).
    const segment = fc.oneof(
      fc.constantFrom('api', 'didit', 'v1', 'session', 'decision', 'generate-pdf', '..', '.', '%2F', '%2e%2e', ID, ''),
      fc.string({ maxLength: 8 }),
    );
    const path = fc.oneof(
      fc.array(segment, { maxLength: 9 }).map((parts) => `/${parts.join('/')}`),
      fc.string().map((s) => `/api/didit/v1/session/${s}/decision/`),
      fc.constantFrom(`/api/didit/v1/session/${ID}/decision/`, `/api/didit/v1/session/${ID}/update-status/`),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
    await fc.assert(
      fc.asyncProperty(path, method, async (p, m) => {
        let request: Request;
        try {
          request = new Request(`http://localhost${p.startsWith('/') ? '' : '/'}${p}`, { method: m });
        } catch {
          return;
        }
        const response = await proxy(request);
        expect([403, 404, 405]).toContain(response.status);
        expect(await response.json()).toHaveProperty('detail');
      }),
      { numRuns: 300 },
    );
    expect(calls).toEqual([]);
  });

  it("lets an error thrown by authorize reach the framework's error handler", async () => {
    const { client } = countingClient();
    const proxy = createDiditProxy(client, {
      authorize: () => {
        throw new Error('session store down');
      },
    });
    await expect(proxy(new Request(`http://localhost/v1/session/${ID}/decision/`))).rejects.toThrow(
      'session store down',
    );
  });
});

describe('CoalescingCache', () => {
  it('shares one load between concurrent callers and keeps the value for its ttl', async () => {
    let clock = 0;
    const cache = new CoalescingCache<number>(10, () => clock);
    let loads = 0;
    const load = async () => ++loads;
    const values = await Promise.all([1, 2, 3].map(() => cache.get('k', load, () => 100)));
    expect(values).toEqual([1, 1, 1]);
    clock = 99;
    expect(await cache.get('k', load, () => 100)).toBe(1);
    clock = 100;
    expect(await cache.get('k', load, () => 100)).toBe(2);
  });

  it('forgets a value with ttl 0 and a rejected load at once', async () => {
    const cache = new CoalescingCache<number>(10);
    await cache.get(
      'a',
      async () => 1,
      () => 0,
    );
    await expect(
      cache.get(
        'b',
        () => Promise.reject(new Error('x')),
        () => 100,
      ),
    ).rejects.toThrow('x');
    await Promise.resolve();
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const cache = new CoalescingCache<string>(3);
    for (const key of ['a', 'b', 'c', 'd', 'e'])
      await cache.get(
        key,
        async () => key,
        () => 60_000,
      );
    expect(cache.size).toBe(3);
    let reloaded = false;
    await cache.get(
      'a',
      async () => {
        reloaded = true;
        return 'a';
      },
      () => 60_000,
    );
    expect(reloaded).toBe(true);
  });
});
