import { describe, expect, it, vi } from 'vitest';
import * as core from '../src/v1/index.ts';
import {
  AbortError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  DiditClient,
  DiditError,
  InvalidArgumentError,
  isDiditError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../src/v1/index.ts';
import { BASE_URL, fakeDidit, json, SESSION_ID } from './helpers/fake-didit.ts';

// The public contract: these names and codes are what users switch on and log. Changing one
// is a breaking change.
const CONTRACT = [
  [DiditError, 'DiditError', 'api_error', []],
  [APIError, 'APIError', 'api_error', [DiditError]],
  [BadRequestError, 'BadRequestError', 'bad_request', [APIError, DiditError]],
  [AuthenticationError, 'AuthenticationError', 'authentication_failed', [APIError, DiditError]],
  [PermissionDeniedError, 'PermissionDeniedError', 'permission_denied', [APIError, DiditError]],
  [NotFoundError, 'NotFoundError', 'not_found', [APIError, DiditError]],
  [RateLimitError, 'RateLimitError', 'rate_limited', [APIError, DiditError]],
  [ServerError, 'ServerError', 'server_error', [APIError, DiditError]],
  [ConnectionError, 'ConnectionError', 'connection_error', [DiditError]],
  [TimeoutError, 'TimeoutError', 'timeout', [ConnectionError, DiditError]],
  [AbortError, 'AbortError', 'aborted', [DiditError]],
  [InvalidArgumentError, 'InvalidArgumentError', 'invalid_argument', [DiditError]],
  [ResponseValidationError, 'ResponseValidationError', 'response_validation', [DiditError]],
  [ResponseTooLargeError, 'ResponseTooLargeError', 'response_too_large', [DiditError]],
] as const;

describe('the error hierarchy', () => {
  it.each(CONTRACT)('%o has a stable name and code and the right ancestors', (ErrorClass, name, code, ancestors) => {
    const error = new ErrorClass('message');
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.message).toBe('message');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ErrorClass);
    for (const Ancestor of ancestors) expect(error).toBeInstanceOf(Ancestor);
    expect(isDiditError(error)).toBe(true);
    expect(String(error)).toBe(`${name}: message`);
    expect(error.stack).toContain(name);
  });

  it('does not confuse siblings', () => {
    expect(new NotFoundError('x')).not.toBeInstanceOf(RateLimitError);
    expect(new NotFoundError('x')).not.toBeInstanceOf(ConnectionError);
    expect(new ConnectionError('x')).not.toBeInstanceOf(TimeoutError);
    expect(new ConnectionError('x')).not.toBeInstanceOf(APIError);
    expect(new AbortError('x')).not.toBeInstanceOf(ConnectionError);
    expect(new DiditError('x')).not.toBeInstanceOf(APIError);
  });

  it('isDiditError is false for anything else', () => {
    for (const value of [
      new Error('x'),
      new TypeError('x'),
      Object.assign(new Error('x'), { name: 'DiditError', code: 'not_found' }),
      { name: 'NotFoundError', code: 'not_found' },
      'NotFoundError',
      null,
      undefined,
      42,
    ]) {
      expect(isDiditError(value)).toBe(false);
      expect(value instanceof DiditError).toBe(false);
    }
  });

  it('carries status, requestId, body and cause, and toJSON has no body', () => {
    const cause = new Error('socket hang up');
    const error = new NotFoundError('not found', {
      status: 404,
      requestId: 'r-1',
      body: { detail: 'Not found.', pii: 'x' },
      cause,
    });
    expect(error).toMatchObject({ status: 404, requestId: 'r-1', body: { detail: 'Not found.', pii: 'x' } });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'NotFoundError',
      code: 'not_found',
      message: 'not found',
      status: 404,
      requestId: 'r-1',
    });
    expect(new RateLimitError('slow', { retryAfterMs: 5000 }).toJSON()).toMatchObject({ retryAfterMs: 5000 });
  });
});

describe('the typed error for each status the API answers', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [418, APIError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
  ])('%i is a %o with the status, request id, body and message', async (status, ErrorClass) => {
    const fake = fakeDidit({
      api: () => json({ detail: `detail ${status}` }, status, { 'x-request-id': `r-${status}` }),
    });
    const client = new DiditClient({ baseUrl: BASE_URL, fetch: fake.fetch, maxRetries: 0 });
    const error = (await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e)) as APIError;
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ status, requestId: `r-${status}`, body: { detail: `detail ${status}` } });
    expect(error.message).toBe(`GET /v1/session/{sessionId}/decision/ failed with ${status}: detail ${status}`);
  });
});

describe('instanceof across two copies of the package', () => {
  it('holds for two module instances of the source (a duplicated dependency)', async () => {
    vi.resetModules();
    const copy = (await import('../src/v1/index.ts')) as typeof core;
    // Really a second copy: different classes...
    expect(copy.NotFoundError).not.toBe(core.NotFoundError);
    expect(copy.DiditError).not.toBe(core.DiditError);

    // ...that still recognise each other's errors, in both directions.
    const fromCopy = new copy.NotFoundError('x', { status: 404 });
    expect(fromCopy instanceof core.DiditError).toBe(true);
    expect(fromCopy instanceof core.APIError).toBe(true);
    expect(fromCopy instanceof core.NotFoundError).toBe(true);
    expect(fromCopy instanceof core.RateLimitError).toBe(false);
    expect(core.isDiditError(fromCopy)).toBe(true);

    const fromHere = new core.TimeoutError('x');
    expect(fromHere instanceof copy.ConnectionError).toBe(true);
    expect(fromHere instanceof copy.TimeoutError).toBe(true);
    expect(fromHere instanceof copy.AbortError).toBe(false);
    expect(copy.isDiditError(fromHere)).toBe(true);
  });

  it('holds for an error thrown by a client from the other copy', async () => {
    vi.resetModules();
    const copy = (await import('../src/v1/index.ts')) as typeof core;
    const fake = fakeDidit({ api: () => json({ detail: 'Not found.' }, 404) });
    const client = new copy.DiditClient({ baseUrl: BASE_URL, fetch: fake.fetch });
    const error = await client.sessions.getDecision(SESSION_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(core.NotFoundError);
    expect(core.isDiditError(error)).toBe(true);
    await expect(client.sessions.getDecision('../x')).rejects.toBeInstanceOf(core.InvalidArgumentError);
  });
});
