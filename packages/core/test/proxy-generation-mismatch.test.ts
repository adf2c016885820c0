// A proxy asked for the other API generation's path (a v1 app upgraded to a release whose browser
// client defaults to v3, or the reverse) says which generation it serves and how to set apiVersion,
// as a ConfigurationError in the browser, and logs one line: not a bare 404 shown as "no such session".
import { describe, expect, it } from 'vitest';
import { ConfigurationError, DiditClient } from '../src/index.ts';
import { createDiditProxy } from '../src/server.ts';
import { DiditClient as V1Client } from '../src/v1/index.ts';

const ID = '11111111-2222-3333-4444-555555555555';
const APP = 'http://app.test/api/didit';

function proxyOf(server: DiditClient | V1Client, lines: string[]) {
  return createDiditProxy(server, { prefix: '/api/didit', logger: { error: (message) => lines.push(message) } });
}

describe('a request for the other API generation', () => {
  it("on a v1 proxy, from the browser's default (v3) client: a ConfigurationError naming apiVersion: 'v1', one log line", async () => {
    const lines: string[] = [];
    const server = new V1Client({
      apiVersion: 'v1',
      clientId: 'id',
      clientSecret: 'secret-secret',
      baseUrl: 'http://127.0.0.1:9',
    });
    const proxy = proxyOf(server, lines);
    const answer = await proxy(new Request(`${APP}/v3/session/${ID}/decision/`));
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({
      detail:
        "This proxy serves Didit's v1 API, and the browser asked for a v3 path: create the browser's client with " +
        "apiVersion: 'v1' (new DiditClient({ apiVersion: 'v1', baseUrl })).",
      code: 'didit_api_version_mismatch',
    });
    const browser = new DiditClient({ baseUrl: APP, fetch: proxy });
    const error = await browser.sessions.getDecision(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("apiVersion: 'v1'");
    // One line, however often pages ask (at most one a minute).
    expect(lines).toEqual([expect.stringContaining("didit proxy: This proxy serves Didit's v1 API")]);
  });

  it('on a v3 proxy, from a v1 client: says v3 is the default', async () => {
    const lines: string[] = [];
    const proxy = proxyOf(
      new DiditClient({ apiKey: 'sk_test_generation_0123456789', baseUrl: 'http://127.0.0.1:9' }),
      lines,
    );
    const answer = await proxy(new Request(`${APP}/v1/session/${ID}/decision/`));
    expect(answer.status).toBe(500);
    const body = (await answer.json()) as { detail: string; code: string };
    expect(body.code).toBe('didit_api_version_mismatch');
    expect(body.detail).toContain("without apiVersion: 'v1' (v3 is the default)");
    expect(lines).toHaveLength(1);
  });

  it('is not said of a path that is no route of either generation (404 as before)', async () => {
    const proxy = proxyOf(
      new DiditClient({ apiKey: 'sk_test_generation_0123456789', baseUrl: 'http://127.0.0.1:9' }),
      [],
    );
    expect((await proxy(new Request(`${APP}/v1/session/not-a-uuid/decision/`))).status).toBe(404);
    expect((await proxy(new Request(`${APP}/v2/session/${ID}/decision/`))).status).toBe(404);
  });
});
