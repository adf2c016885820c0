// createDiditProxy over a v3 server client: its routes come from the v3 endpoint table, the
// browser's credential-less v3 client reads through it, and the API key never leaves the server.

import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, NotFoundError, type SessionDecision } from '../../src/index.ts';
import { createDiditProxy } from '../../src/server.ts';

const API_KEY = 'sk_test_PROXY0v3Key0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5G';
const ID = '11111111-2222-3333-4444-555555555555';
const APP = 'http://app.test';

let standIn: ServedDiditStandIn;

beforeAll(async () => {
  standIn = await startDiditStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

function setup(options: Parameters<typeof createDiditProxy>[1] = {}) {
  const server = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
  const proxy = createDiditProxy(server, { prefix: '/api/didit', ...options });
  const seen: Response[] = [];
  const browser = new DiditClient({
    baseUrl: `${APP}/api/didit`,
    maxRetries: 0,
    fetch: async (request) => {
      expect(request.headers.get('x-api-key')).toBeNull();
      const response = await proxy(request);
      seen.push(response.clone());
      return response;
    },
  });
  return { proxy, browser, seen };
}

describe('a v3 proxy', () => {
  it('serves the decision of the v3 table, byte for byte, to a browser client without credentials', async () => {
    const { browser, seen } = setup();
    expect(browser.apiVersion).toBe('v3');
    const decision: SessionDecision = await browser.sessions.getDecision(ID);
    expect(decision).toEqual(v3Example('decision.user.json'));
    const upstream = standIn.requests;
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.pathname).toBe(`/v3/session/${ID}/decision/`);
    expect(upstream[0]?.headers.get('x-api-key')).toBe(API_KEY);
    const text = await seen[0]?.text();
    expect(text).not.toContain(API_KEY);
    expect(JSON.parse(text ?? '')).toEqual(v3Example('decision.user.json'));
  });

  it('answers a v1 path with the generation mismatch, and 404 for a route the table has but the proxy does not allow', async () => {
    const { proxy } = setup();
    const v1 = await proxy(new Request(`${APP}/api/didit/v1/session/${ID}/decision/`));
    expect(v1.status).toBe(500);
    expect(((await v1.json()) as { code: string }).code).toBe('didit_api_version_mismatch');
    const pdf = await proxy(new Request(`${APP}/api/didit/v3/session/${ID}/generate-pdf/`));
    expect(pdf.status).toBe(404);
    const list = await proxy(new Request(`${APP}/api/didit/v3/sessions/`));
    expect(list.status).toBe(404);
    expect(standIn.requests).toHaveLength(0);
  });

  it('forwards a v3 review (Resubmitted with nodes) validated by the v3 schema, and refuses a v1-only body', async () => {
    const { browser, proxy } = setup({ allow: ['decision', 'update-status'], authorize: () => true });
    const updated = await browser.sessions.updateStatus(ID, {
      new_status: 'Resubmitted',
      nodes_to_resubmit: [{ node_id: 'feature_ocr_1', feature: 'OCR' }],
    });
    expect(updated).toEqual(v3Example('update-status.response.json'));
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]?.method).toBe('PATCH');
    expect(JSON.parse(standIn.requests[0]?.body ?? '')).toEqual({
      new_status: 'Resubmitted',
      nodes_to_resubmit: [{ node_id: 'feature_ocr_1', feature: 'OCR' }],
    });

    standIn.reset();
    const refused = await proxy(
      new Request(`${APP}/api/didit/v3/session/${ID}/update-status/`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ new_status: 'In Review' }),
      }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toHaveProperty('new_status');
    expect(standIn.requests).toHaveLength(0);
  });

  it("passes Didit's 404 on as a NotFoundError in the browser, and an auth 403 as a 502 (the server's key is at fault)", async () => {
    const { browser } = setup();
    standIn.reply('getDecision', { status: 404, body: v3Example('error.404.session-not-found.json') });
    await expect(browser.sessions.getDecision(ID)).rejects.toBeInstanceOf(NotFoundError);

    standIn.reply('getDecision', { status: 403, body: v3Example('error.403.invalid-credentials.json') });
    const other = '22222222-3333-4444-5555-666666666666';
    const error = await browser.sessions.getDecision(other).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502 });
    expect(String((error as Error).message)).not.toContain(API_KEY);
  });
});
