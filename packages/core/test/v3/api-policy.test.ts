// The generated resources' validation policy (README: "What is validated") and configuration, over
// real HTTP to the stand-in:
// - a response that drifts from the spec the way Didit commonly does (an added field, an added enum
//   value, null where it promises a string) never fails the call, and the null is reported once
//   through the logger; a wrong type (a number for a documented amount, for a status) is still a
//   ResponseValidationError. The sessions family stays strict.
// - organizationId and applicationId come from the options or DIDIT_ORGANIZATION_ID and
//   DIDIT_APPLICATION_ID, and a scoped route without them rejects before sending.
import { type ServedDiditStandIn, startDiditStandIn } from '@didit-kit/test-kit/didit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiditClient, InvalidArgumentError, ResponseValidationError } from '../../src/index.ts';

const API_KEY = 'sk_test_Policy0123456789abcdefghijklmnopqrstuvwxyzAB';
const ORGANIZATION_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const APPLICATION_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const BALANCE = {
  balance: '1234.5600',
  auto_refill_enabled: true,
  auto_refill_amount: '500.00',
  auto_refill_threshold: '100.00',
};

let standIn: ServedDiditStandIn;

beforeAll(async () => {
  standIn = await startDiditStandIn({ operations: 'all', apiKey: API_KEY });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

function clientWithLogger() {
  const warn = vi.fn();
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0, logger: { warn } });
  return { client, warn };
}

describe('a response that drifts the way Didit commonly does never fails the call', () => {
  it('keeps a field Didit adds, as it came', async () => {
    const { client, warn } = clientWithLogger();
    standIn.always('*', { status: 200, body: { ...BALANCE, currency: 'USD', limits: { daily: '50.00' } } });
    const balance = await client.billing.getBalance();
    expect(balance).toEqual({ ...BALANCE, currency: 'USD', limits: { daily: '50.00' } });
    expect(warn).not.toHaveBeenCalled();
  });

  it('accepts an enum value Didit adds', async () => {
    const { client } = clientWithLogger();
    standIn.always('*', { status: 200, body: { vendor_data: 'user-1', status: 'ARCHIVED' } });
    expect((await client.users.get('user-1')).status).toBe('ARCHIVED');
  });

  it('accepts null where the spec promises a string, and reports it once per field through the logger', async () => {
    const { client, warn } = clientWithLogger();
    standIn.always('*', { status: 200, body: { ...BALANCE, balance: null } });
    expect(await client.billing.getBalance()).toEqual({ ...BALANCE, balance: null });
    await client.billing.getBalance();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/GET \/v3\/billing\/balance\/.*\(balance\)/);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(API_KEY);
    // The same null from another operation is news: reported too.
    standIn.always('*', { status: 200, body: { vendor_data: null, status: 'ACTIVE', session_count: null } });
    await client.users.get('user-1');
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('a shape that would mislead the caller is still an error', () => {
  it('a number for a documented amount (a decimal string): ResponseValidationError, with where', async () => {
    const { client } = clientWithLogger();
    standIn.always('*', { status: 200, body: { ...BALANCE, balance: 1234.56 } });
    const error = await client.billing.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues.map((i) => i.path)).toEqual([['balance']]);
  });

  it('a number for a documented status: ResponseValidationError', async () => {
    const { client } = clientWithLogger();
    standIn.always('*', { status: 200, body: { vendor_data: 'user-1', status: 3 } });
    await expect(client.users.get('user-1')).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('the sessions family stays strict: a decision whose status is null fails', async () => {
    const { client, warn } = clientWithLogger();
    standIn.always('*', { status: 200, body: { session_id: '11111111-2222-3333-4444-555555555555', status: null } });
    await expect(client.sessions.getDecision('11111111-2222-3333-4444-555555555555')).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('the organization and application of scoped routes', () => {
  const ENV = ['DIDIT_ORGANIZATION_ID', 'DIDIT_APPLICATION_ID'] as const;
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
    for (const name of ENV) delete process.env[name];
  });
  afterEach(() => {
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const scopedPath = `/v3/organization/${ORGANIZATION_ID}/application/${APPLICATION_ID}/cases/`;

  it('come from the options', async () => {
    const client = new DiditClient({
      apiKey: API_KEY,
      baseUrl: standIn.url,
      organizationId: ORGANIZATION_ID,
      applicationId: APPLICATION_ID,
    });
    await client.cases.list();
    expect(standIn.requests[0]?.pathname).toBe(scopedPath);
  });

  it('or from DIDIT_ORGANIZATION_ID and DIDIT_APPLICATION_ID on a server', async () => {
    process.env.DIDIT_ORGANIZATION_ID = ORGANIZATION_ID;
    process.env.DIDIT_APPLICATION_ID = APPLICATION_ID;
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url });
    await client.cases.list();
    expect(standIn.requests[0]?.pathname).toBe(scopedPath);
  });

  it('missing: a scoped call rejects with an InvalidArgumentError naming the option, and sends nothing', async () => {
    const client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, organizationId: ORGANIZATION_ID });
    const error = await client.cases.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/applicationId.*DIDIT_APPLICATION_ID/);
    expect(standIn.requests).toHaveLength(0);
    // Routes that are not scoped need neither.
    await client.billing.getBalance();
    expect(standIn.requests).toHaveLength(1);
  });

  it('not a UUID: the constructor throws an InvalidArgumentError', () => {
    expect(() => new DiditClient({ apiKey: API_KEY, organizationId: '../../admin' })).toThrow(InvalidArgumentError);
  });
});
