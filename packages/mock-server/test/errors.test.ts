import { afterEach, describe, expect, it, vi } from 'vitest';
import { authedApp, SEED_ID } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('unexpected failures and oversized input', () => {
  it('turns an unexpected error into a DRF 500 without a stack trace, logged on the server', async () => {
    const { app, call } = await authedApp();
    const store = app.store.v1;
    // A unit test of the error handler: make our own store fail as a bug would.
    vi.spyOn(store, 'get').mockImplementation(() => {
      throw new Error('boom: a bug in the mock');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await call(`/v1/session/${SEED_ID}/decision/`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ detail: 'A server error occurred.' });
    expect(text).not.toMatch(/boom|at |\.ts/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(logged).toHaveBeenCalledOnce();
  });

  it('answers 413 for a body over 1 MiB, with x-request-id', async () => {
    const { json } = await authedApp();
    const res = await json('/v1/session/', 'POST', {
      callback: 'https://example.com',
      vendor_data: 'x'.repeat(1_100_000),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'Request body is too large.' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
