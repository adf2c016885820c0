// The API key never leaks: the stand-in echoes the x-api-key header it received back in every
// place a server (or a broken proxy) could put it, and the key must appear in nothing the client
// hands back or logs: error messages, serialised and inspected errors, causes, the client itself.
import { inspect } from 'node:util';
import { type Answer, type Recorded, type ServedDiditStandIn, startDiditStandIn } from '@didit-kit/test-kit/didit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type APIError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  DiditClient,
  type DiditLogger,
  PermissionDeniedError,
  ResponseValidationError,
  ServerError,
} from '../../src/index.ts';
import { rejectionOf } from '../helpers/fake-didit.ts';

/** A key as Didit issues them: `sk_test_` and 43 URL-safe characters. */
const API_KEY = 'sk_test_7fQ2-xR9_kLm3Pw8Yt4Nb6Hc1Zf5Jd0GsAeKuiOoVbT';
const ID = '11111111-2222-3333-4444-555555555555';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const logged: string[] = [];
const logger: DiditLogger = Object.fromEntries(
  LEVELS.map((level) => [
    level,
    (message: string, fields?: Record<string, unknown>) => {
      logged.push(`${level} ${message} ${inspect(fields, { depth: 10 })}`);
    },
  ]),
);

let standIn: ServedDiditStandIn;
let client: DiditClient<'v3'>;

beforeAll(async () => {
  standIn = await startDiditStandIn();
  client = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 0, logger });
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.reset();
  logged.length = 0;
});

/** The key the stand-in received (and echoes): checks the echo really carried the secret. */
const keyOf = (req: Recorded): string => {
  const key = req.headers.get('x-api-key');
  if (key !== API_KEY) throw new Error(`the stand-in did not receive the key: ${String(key)}`);
  return key;
};

/** Every form of `error` (and of the client) a caller could print, log or send somewhere. */
function everyForm(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    message: e.message,
    'JSON.stringify(error)': JSON.stringify(error),
    'inspect(error)': inspect(error, { depth: 10 }),
    'String(error.cause)': String(e.cause),
    'inspect(error.cause)': inspect(e.cause, { depth: 10 }),
    'error.stack': String(e.stack),
    'JSON.stringify(client)': JSON.stringify(client),
    'inspect(client)': inspect(client, { depth: 10 }),
    logger: logged.join('\n'),
  };
}

function expectNoKey(error: unknown) {
  expect(logged.length).toBeGreaterThan(0); // the logger was called, so checking it means something
  for (const [where, text] of Object.entries(everyForm(error))) {
    expect(text.includes(API_KEY), `the key leaked into ${where}: ${text.slice(0, 2000)}`).toBe(false);
    // A quarter of the key is enough to be a leak.
    expect(text.includes(API_KEY.slice(8, 24)), `part of the key leaked into ${where}`).toBe(false);
  }
}

describe('an error body that echoes the key', () => {
  const cases: [string, number, (req: Recorded) => Answer, new (...args: never[]) => APIError][] = [
    ['400 (field map)', 400, (req) => ({ status: 400, body: { api_key: [`Bad key ${keyOf(req)}`] } }), BadRequestError],
    [
      '401 (detail list)',
      401,
      (req) => ({ status: 401, body: { detail: [`Invalid API key: ${keyOf(req)}`] } }),
      AuthenticationError,
    ],
    [
      '403 (detail)',
      403,
      (req) => ({ status: 403, body: { detail: `Key ${keyOf(req)} may not do this.`, key: keyOf(req) } }),
      PermissionDeniedError,
    ],
    [
      '500 (not JSON)',
      500,
      (req) => ({
        status: 500,
        headers: { 'content-type': 'text/plain', 'x-echo': keyOf(req) },
        body: `upstream failure; request headers: x-api-key=${keyOf(req)}`,
      }),
      ServerError,
    ],
  ];

  it.each(cases)('%s', async (_name, status, answer, type) => {
    standIn.reply('share', answer);
    const error = await rejectionOf(client.sessions.share(ID, { for_application_id: ID }));
    expect(error).toBeInstanceOf(type);
    expect((error as APIError).status).toBe(status);
    // The echo reached the client, and was scrubbed there.
    expect(JSON.stringify((error as APIError).body)).toContain('[redacted]');
    expectNoKey(error);
  });

  it('a 500 to a GET, retried once, leaks nothing either', async () => {
    const retrying = new DiditClient({ apiKey: API_KEY, baseUrl: standIn.url, maxRetries: 1, logger });
    const echo = (req: Recorded): Answer => ({
      status: 500,
      headers: { 'retry-after': '0' },
      body: { detail: keyOf(req) },
    });
    standIn.reply('getDecision', echo, echo);
    const error = await rejectionOf(retrying.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ServerError);
    expect(standIn.requests).toHaveLength(2);
    expect(logged.some((line) => line.startsWith('info'))).toBe(true); // the retry was logged
    expectNoKey(error);
  });
});

describe('a 200 body that fails validation and quotes the key', () => {
  it('a body that is not JSON', async () => {
    standIn.reply('getDecision', (req) => ({ status: 200, body: `${keyOf(req)} is not a decision` }));
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain('[redacted]');
    expectNoKey(error);
  });

  it('JSON of the wrong shape', async () => {
    standIn.reply('list', (req) => ({
      status: 200,
      body: { count: keyOf(req), next: { key: keyOf(req) }, previous: null, results: keyOf(req) },
    }));
    const error = await rejectionOf(Promise.resolve(client.sessions.list()));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expectNoKey(error);
  });

  it('a decision whose fields are the key, in the wrong types', async () => {
    standIn.reply('getDecision', (req) => ({
      status: 200,
      body: { session_id: keyOf(req), status: 42, features: keyOf(req), id_verifications: keyOf(req) },
    }));
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expectNoKey(error);
  });
});

describe('a dropped connection', () => {
  it('dropped in the middle of a body that echoes the key', async () => {
    standIn.reply('getDecision', (req) => ({
      raw:
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n' +
        `x-echo: ${keyOf(req)}\r\n\r\n{"session_id":"${keyOf(req)}`,
    }));
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBeDefined();
    expectNoKey(error);
  });

  it('dropped after a malformed header line that holds the key (the parser error quotes the bytes)', async () => {
    standIn.reply('getDecision', (req) => ({ raw: `HTTP/1.1 200 OK\r\nx-echo ${keyOf(req)}\r\n\r\n` }));
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBeDefined();
    expectNoKey(error);
  });

  it('dropped before any answer', async () => {
    standIn.reply('getDecision', { drop: true });
    const error = await rejectionOf(client.sessions.getDecision(ID));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(standIn.requests.map(keyOf)).toEqual([API_KEY]);
    expectNoKey(error);
  });
});

describe('the client itself', () => {
  it('serialises and inspects without the key, and says it holds credentials for v3', () => {
    expect(client.toJSON()).toMatchObject({ hasCredentials: true, apiVersion: 'v3', baseUrl: standIn.url });
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    expect(String(client)).not.toContain(API_KEY);
    expect(JSON.stringify(client.sessions)).not.toContain(API_KEY);
    expect(inspect(client.sessions, { depth: 10, showHidden: true })).not.toContain(API_KEY);
  });
});
