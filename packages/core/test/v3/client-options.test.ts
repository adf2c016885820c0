// Per-call options of the v3 client, over real HTTP against the spec stand-in: `extraBody` sends a
// field the SDK does not type, `maxRetryAfterMs` bounds how long a 429 is waited out.

import { type ServedDiditStandIn, startDiditStandIn, v3Example } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError, RateLimitError } from '../../src/index.ts';

const API_KEY = 'sk_test_OPTIONS0Rq3vX9kLm2Pw7Yt4Nb8Hc1Zf6Jd5Gs0Ae';
const ID = '11111111-2222-3333-4444-555555555555';
const WORKFLOW = '22222222-3333-4444-5555-666666666666';

let standIn: ServedDiditStandIn;
let client: DiditClient<'v3'>;

beforeAll(async () => {
  standIn = await startDiditStandIn();
  client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 2 });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

describe('extraBody', () => {
  it('merges a field the SDK does not type into the validated body', async () => {
    await client.sessions.create({ workflow_id: WORKFLOW }, { extraBody: { face_search_threshold: 0.8 } });
    expect(JSON.parse(standIn.requests[0]?.body ?? '')).toEqual({ workflow_id: WORKFLOW, face_search_threshold: 0.8 });
  });

  it('never replaces a validated field', async () => {
    await client.sessions.create({ workflow_id: WORKFLOW }, { extraBody: { workflow_id: 'not-a-uuid' } });
    expect(JSON.parse(standIn.requests[0]?.body ?? '')).toEqual({ workflow_id: WORKFLOW });
  });

  it('does not bypass the validation of the typed fields', async () => {
    const error = await client.sessions
      .create({ workflow_id: 'not-a-uuid' }, { extraBody: { workflow_id: WORKFLOW } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe('maxRetryAfterMs', () => {
  const throttled = { status: 429, headers: { 'retry-after': '1' }, body: v3Example('error.429.get.json') };

  it('a Retry-After longer than it rejects at once with RateLimitError, without a retry', async () => {
    standIn.reply('getDecision', throttled);
    const started = performance.now();
    const error = await client.sessions.getDecision(ID, { maxRetryAfterMs: 500 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(800);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1000);
    expect(standIn.requests).toHaveLength(1);
  });

  it('a Retry-After within it is waited out and retried (the default allows 60 s)', async () => {
    standIn.reply('getDecision', throttled);
    const decision = await client.sessions.getDecision(ID, { maxRetryAfterMs: 2_000 });
    expect(decision).toEqual(v3Example('decision.user.json'));
    expect(standIn.requests).toHaveLength(2);
    const [first, second] = standIn.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });
});

describe('credentials from the environment', () => {
  it('takes an empty apiKey as none (a .env file with the variable unset); new DiditClient() reads DIDIT_API_KEY on a server', () => {
    const saved = process.env.DIDIT_API_KEY;
    try {
      delete process.env.DIDIT_API_KEY;
      expect(new DiditClient({ apiKey: '' }).hasCredentials).toBe(false);
      process.env.DIDIT_API_KEY = 'sk_test_from_the_environment_0123456789';
      expect(new DiditClient().hasCredentials).toBe(true);
      // Given (even empty, or undefined on purpose), or pointed at a proxy route (a path): no key from the environment.
      expect(new DiditClient({ apiKey: '' }).hasCredentials).toBe(false);
      expect(new DiditClient({ baseUrl: '/api/didit' }).hasCredentials).toBe(false);
      expect(new DiditClient({ apiKey: undefined }).hasCredentials).toBe(false);
      expect(JSON.stringify(new DiditClient())).not.toContain('from_the_environment');
    } finally {
      if (saved === undefined) delete process.env.DIDIT_API_KEY;
      else process.env.DIDIT_API_KEY = saved;
    }
  });
});
