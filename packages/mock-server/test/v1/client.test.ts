import {
  AuthenticationError,
  ConnectionError,
  DiditClient,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '@didit-kit/core/v1';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from '../../src/app.ts';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, FIXTURE_SESSION_IDS } from '../../src/index.ts';
import { SEED_ID } from '../helpers.ts';

const BASE = 'http://didit-mock.test';

function clientFor(app: MockInstance, fetch: (request: Request) => Promise<Response> | Response = app.fetch) {
  return new DiditClient({
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    baseUrl: BASE,
    authUrl: BASE,
    fetch,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DiditClient from @didit-kit/core against the mock, in-process (fetch: app.fetch)', () => {
  it("getDecision returns the seed's decision, validated", async () => {
    const decision = await clientFor(createMockApp()).sessions.getDecision(SEED_ID);
    expect(decision.status).toBe('Declined');
    expect(decision.aml?.hits[0]?.properties?.alias).toEqual(['Козлов Сергей Александрович']);
  });

  it('runs the whole flow: create, hosted page, decision, review, PDF', async () => {
    const app = createMockApp();
    const client = clientFor(app);
    const created = await client.sessions.create({
      callback: 'https://app.example.com/verified',
      vendor_data: 'user-99',
      features: 'OCR + FACE + AML',
    });
    expect(created.url.startsWith(`${BASE}/session/`)).toBe(true);
    expect((await client.sessions.getDecision(created.session_id)).status).toBe('Not Started');

    const page = await app.request(created.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=in-review',
    });
    expect(page.status).toBe(302);
    expect((await client.sessions.getDecision(created.session_id)).status).toBe('In Review');

    const updated = await client.sessions.updateStatus(created.session_id, {
      new_status: 'Declined',
      comment: 'VPN and a mismatching country',
    });
    expect(updated.session_id).toBe(created.session_id);
    const decision = await client.sessions.getDecision(created.session_id);
    expect(decision.status).toBe('Declined');
    expect(decision.reviews.at(-1)).toMatchObject({ new_status: 'Declined', comment: 'VPN and a mismatching country' });

    const pdf = await client.sessions.generatePdf(created.session_id);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
  });

  it('fetches one token and reuses it across calls', async () => {
    const app = createMockApp();
    const paths: string[] = [];
    const client = clientFor(app, (request) => {
      paths.push(new URL(request.url).pathname);
      return app.fetch(request);
    });
    await client.sessions.getDecision(SEED_ID);
    await client.sessions.getDecision(FIXTURE_SESSION_IDS.approved);
    await client.sessions.generatePdf(FIXTURE_SESSION_IDS.inReview);
    expect(paths.filter((p) => p === '/auth/v2/token/')).toHaveLength(1);
  });

  it('refreshes the token once after it expires on the mock', async () => {
    let now = 1_700_000_000_000;
    const app = createMockApp({ now: () => now, tokenTtlSec: 60 });
    const paths: string[] = [];
    const client = clientFor(app, (request) => {
      paths.push(new URL(request.url).pathname);
      return app.fetch(request);
    });
    await client.sessions.getDecision(SEED_ID);
    now += 61_000; // The mock's clock moves on; the client's own clock does not know.
    await client.sessions.getDecision(SEED_ID);
    expect(paths.filter((p) => p === '/auth/v2/token/')).toHaveLength(2);
  });

  it('maps the mock errors onto the typed errors', async () => {
    const app = createMockApp();
    await expect(clientFor(app).sessions.getDecision('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const wrong = new DiditClient({ clientId: 'x', clientSecret: 'y', baseUrl: BASE, authUrl: BASE, fetch: app.fetch });
    await expect(wrong.sessions.getDecision(SEED_ID)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('honours Retry-After on a 429, then succeeds', async () => {
    vi.useFakeTimers();
    const app = createMockApp();
    let decisionCalls = 0;
    const client = clientFor(app, (request) => {
      if (request.url.endsWith('/decision/') && decisionCalls++ === 0) {
        const headers = new Headers(request.headers);
        headers.set('prefer', 'code=429, retry-after=2');
        return app.fetch(new Request(request, { headers }));
      }
      return app.fetch(request);
    });
    let settled = false;
    const pending = client.sessions.getDecision(SEED_ID).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(decisionCalls).toBe(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe('Declined');
    expect(decisionCalls).toBe(2);
  });

  it('gives a RateLimitError with retryAfterMs when the 429s do not stop', async () => {
    vi.useFakeTimers();
    const app = createMockApp();
    const client = clientFor(app, (request) => {
      const headers = new Headers(request.headers);
      if (request.url.endsWith('/decision/')) headers.set('prefer', 'code=429, retry-after=1');
      return app.fetch(new Request(request, { headers }));
    });
    const pending = client.sessions.getDecision(SEED_ID).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await pending;
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1_000);
    expect((error as RateLimitError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a 502 from the gateway (an HTML body) and surfaces ServerError when it persists', async () => {
    vi.useFakeTimers();
    const app = createMockApp();
    const client = clientFor(app, (request) => {
      const headers = new Headers(request.headers);
      if (request.url.endsWith('/decision/')) headers.set('prefer', 'code=502');
      return app.fetch(new Request(request, { headers }));
    });
    const pending = client.sessions.getDecision(SEED_ID).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await pending;
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(502);
  });

  it('turns an in-process fail=connection into a ConnectionError', async () => {
    const app = createMockApp();
    const client = new DiditClient({
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      baseUrl: BASE,
      authUrl: BASE,
      maxRetries: 0,
      fetch: (request) => {
        const headers = new Headers(request.headers);
        if (request.url.endsWith('/decision/')) headers.set('prefer', 'fail=connection');
        return app.fetch(new Request(request, { headers }));
      },
    });
    await expect(client.sessions.getDecision(SEED_ID)).rejects.toBeInstanceOf(ConnectionError);
  });
});
