// How the v3 client reads Didit's error answers (the spec's own error bodies, over real HTTP):
// the 401/403 split, 404, 429 with Retry-After, the odd 400 shapes, and ids refused before sending.

import { NOT_FOUND_HTML, type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  DiditClient,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../../src/index.ts';
import { rejectionOf } from '../helpers/fake-didit.ts';

const API_KEY = 'sk_test_Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5Gs0Ae-Ku_iOoWxE';
const ID = '11111111-2222-3333-4444-555555555555';

let standIn: ServedDiditStandIn;
let client: DiditClient<'v3'>;

beforeAll(async () => {
  standIn = await startDiditStandIn();
  client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0 });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

describe('401 and 403', () => {
  it('403 with the "invalid credentials" detail is an AuthenticationError', async () => {
    standIn.reply('getDecision', { status: 403, body: v3Example('error.403.invalid-credentials.json') });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).not.toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, body: v3Example('error.403.invalid-credentials.json') });
  });

  it('403 with the "no permission" detail is a PermissionDeniedError', async () => {
    standIn.reply('getDecision', { status: 403, body: v3Example('error.403.no-permission.json') });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403, body: v3Example('error.403.no-permission.json') });
    expect((error as Error).message).toContain('You do not have permission to perform this action.');
  });

  it('the stand-in itself refuses a request without a key, and the client reads that as AuthenticationError', async () => {
    const keyless = new DiditClient({ baseUrl: standIn.url, maxRetries: 0 });
    const error = await rejectionOf(keyless.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403 });
  });

  it('401 from share is an AuthenticationError', async () => {
    standIn.reply('share', { status: 401, body: v3Example('error.401.share.json') });
    const error = await rejectionOf(client.sessions.share(ID, v3Example('share.request.json')));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: v3Example('error.401.share.json') });
    expect(standIn.requests).toHaveLength(1); // an API key cannot be refreshed: no second attempt
  });
});

describe('404', () => {
  it('"Session not found." is a NotFoundError', async () => {
    standIn.reply('getDecision', { status: 404, body: v3Example('error.404.session-not-found.json') });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: v3Example('error.404.session-not-found.json') });
    expect((error as Error).message).toContain('Session not found.');
  });

  it("the router's HTML 404 for a malformed id (reached through request()) is a NotFoundError too", async () => {
    const error = await rejectionOf(client.request({ method: 'GET', path: '/v3/session/1111/decision/' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as { body: unknown }).body).toBe(NOT_FOUND_HTML.slice(0, 1000));
    expect(standIn.requests.map((r) => r.path)).toEqual(['/v3/session/1111/decision/']);
  });
});

describe('429', () => {
  it('with Retry-After: 1, waits about a second, retries and succeeds', async () => {
    const retrying = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 1 });
    standIn.reply('getDecision', {
      status: 429,
      headers: { 'retry-after': '1', 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0' },
      body: v3Example('error.429.get.json'),
    });
    const decision = await retrying.sessions.getDecision(ID);
    expect(decision).toEqual(v3Example('decision.user.json'));
    expect(standIn.requests).toHaveLength(2);
    const [first, second] = standIn.requests;
    const gap = second!.at - first!.at;
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(gap).toBeLessThan(3000);
    expect(second!.path).toBe(first!.path);
    expect(second!.headers.get('x-api-key')).toBe(API_KEY);
  });

  it('with maxRetries: 0, a RateLimitError carrying retryAfterMs', async () => {
    standIn.reply('getDecision', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: v3Example('error.429.get.json'),
    });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1000);
    expect(error).toMatchObject({ status: 429, body: v3Example('error.429.get.json') });
    expect(standIn.requests).toHaveLength(1);
  });
});

describe('400 bodies of every shape put their text in the message', () => {
  it('a bare array (update-status, same status)', async () => {
    const body = v3Example<string[]>('error.400.update-status.same-status.json');
    standIn.reply('updateStatus', { status: 400, body });
    const error = await rejectionOf(client.sessions.updateStatus(ID, { new_status: 'Approved' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain(body[0]);
    expect((error as BadRequestError).body).toEqual(body);
  });

  it('{"detail": [...]} (share, not finished)', async () => {
    const body = v3Example<{ detail: string[] }>('error.400.share.not-finished.json');
    standIn.reply('share', { status: 400, body });
    const error = await rejectionOf(client.sessions.share(ID, v3Example('share.request.json')));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain(body.detail[0]);
  });

  it('a bare array from sandbox arm', async () => {
    const body = v3Example<string[]>('error.400.sandbox-arm.already-started.json');
    standIn.reply('armSandboxScenario', { status: 400, body });
    const error = await rejectionOf(
      client.sessions.armSandboxScenario(ID, { scenario: 'decline_aml_hit', sessionToken: '3FaJ9wLqX2Mz' }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain(body[0]);
  });
});

describe('a malformed session id is refused before anything is sent', () => {
  const malformed = ['../x', '', '1111', '11111111-2222-3333-4444-55555555%2F55', `${ID}%2F..`, `${ID}/..`];
  const calls: Record<string, (id: string) => Promise<unknown>> = {
    getDecision: (id) => client.sessions.getDecision(id),
    delete: (id) => client.sessions.delete(id),
    updateStatus: (id) => client.sessions.updateStatus(id, { new_status: 'Approved' }),
    updateFeatureStatus: (id) => client.sessions.updateFeatureStatus(id, 'feature_ocr_1', { new_status: 'Approved' }),
    generatePdf: (id) => client.sessions.generatePdf(id),
    share: (id) => client.sessions.share(id, v3Example('share.request.json')),
    listReviews: async (id) => client.sessions.listReviews(id),
    createReview: (id) => client.sessions.createReview(id, v3Example('reviews.create.request.json')),
    armSandboxScenario: (id) =>
      client.sessions.armSandboxScenario(id, { scenario: 'decline_aml_hit', sessionToken: '3FaJ9wLqX2Mz' }),
  };

  it.each(Object.keys(calls))('%s', async (name) => {
    for (const id of malformed) {
      const error = await rejectionOf(calls[name]!(id));
      expect(error, JSON.stringify(id)).toBeInstanceOf(InvalidArgumentError);
    }
    expect(standIn.requests).toEqual([]);
    // The same call with a valid id does reach the stand-in: the refusal is about the id.
    await calls[name]!(ID);
    expect(standIn.requests).toHaveLength(1);
  });

  it('a node id that could leave its segment is refused too', async () => {
    for (const nodeId of ['../x', '', 'a/b', 'a%2Fb', 'a?b']) {
      const error = await rejectionOf(client.sessions.updateFeatureStatus(ID, nodeId, { new_status: 'Approved' }));
      expect(error, JSON.stringify(nodeId)).toBeInstanceOf(InvalidArgumentError);
    }
    expect(standIn.requests).toEqual([]);
  });
});
