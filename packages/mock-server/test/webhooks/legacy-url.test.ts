import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiditClient, serializeWebhookPayload, signWebhook, verifyWebhook, type WebhookEvent } from '@didit-kit/core';
import type { SessionDecision } from '@didit-kit/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockInstance } from '../../src/app.ts';
import { createMockApp, FIXTURE_SESSION_IDS, type MockServer, startMockServer } from '../../src/index.ts';
import { getToken, SEED_ID } from '../helpers.ts';

const SECRET = 'whsec_test_secret_value';

/** What the mock sends: a v1 delivery (core's `WebhookEvent` is the union of every generation's). */
interface V1Delivery {
  session_id: string;
  status: string;
  webhook_type?: string;
  timestamp: number;
  created_at?: number | null;
  vendor_data?: string | null;
  decision?: SessionDecision | null;
}

/** One entry of `GET /__mock/webhooks`. */
interface WebhookDelivery {
  id: string;
  session_id: string;
  status: string;
  webhook_type: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: { at: string; status: number | null; error: string | null; duration_ms: number }[];
  headers: Record<string, string>;
  body: string;
}

interface Received {
  body: Buffer;
  headers: IncomingHttpHeaders;
  event?: V1Delivery;
  error?: unknown;
}

/** A real webhook receiver on 127.0.0.1 that verifies every delivery with core's verifyWebhook. */
async function startReceiver(answer: (index: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const entry: Received = { body, headers: req.headers };
      try {
        const event: WebhookEvent = await verifyWebhook({ body, headers: req.headers, secret: SECRET });
        entry.event = event as unknown as V1Delivery;
      } catch (error) {
        entry.error = error;
      }
      const status = answer(received.length);
      received.push(entry);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try later');
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/didit`;
  const until = (count: number) =>
    new Promise<void>((resolve) => {
      if (received.length >= count) resolve();
      else waiters.push({ count, resolve });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, received, until, close };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(answer?: (index: number) => number, retryDelaysMs: number[] = [10, 10]) {
  const receiver = await startReceiver(answer);
  cleanups.push(receiver.close);
  const app = createMockApp({ webhookUrl: receiver.url, webhookSecret: SECRET, webhookRetryDelaysMs: retryDelaysMs });
  cleanups.push(async () => app.dispose());
  const token = await getToken(app);
  const api = (path: string, method: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const idle = () => app.idle();
  return { receiver, app, api, idle };
}

async function log(app: MockInstance): Promise<{ url: string | null; deliveries: WebhookDelivery[] }> {
  return (await app.request('/__mock/webhooks')).json() as Promise<{
    url: string | null;
    deliveries: WebhookDelivery[];
  }>;
}

describe('webhooks from the mock server', () => {
  it('sends a verified delivery on create and on every status change, with the decision where Didit sends it', async () => {
    const { receiver, app, api, idle } = await setup();
    const created = (await (
      await api('/v1/session/', 'POST', { callback: 'https://app.example.com/cb', vendor_data: 'user-5' })
    ).json()) as { session_id: string; url: string };
    await app.request(created.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=declined-aml',
    });
    await idle();

    expect(receiver.received.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    const events = receiver.received.map((r) => r.event!);
    expect(events.map((e) => e.status)).toEqual(['Not Started', 'In Progress', 'Declined']);
    for (const event of events) {
      expect(event).toMatchObject({ session_id: created.session_id, vendor_data: 'user-5' });
      // Didit's v1 body: no webhook_type, no event_id (its contract, and what v1 destinations get).
      expect(event).not.toHaveProperty('webhook_type');
      expect(event).not.toHaveProperty('event_id');
      expect(typeof event.created_at).toBe('number');
      expect(typeof event.timestamp).toBe('number');
    }
    expect(events[0]!.decision).toBeUndefined();
    expect(events[1]!.decision).toBeUndefined();
    const decision = await (await api(`/v1/session/${created.session_id}/decision/`, 'GET')).json();
    expect(events[2]!.decision).toEqual(decision);
  });

  it('sends the canonical raw body (sorted keys, compact, \\uXXXX escapes) with all three signatures', async () => {
    const { receiver, api, idle } = await setup();
    // A reviewer's decision keeps the seed's content, Cyrillic alias included.
    await api(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', { new_status: 'Approved', comment: 'Не тот человек' });
    await idle();
    const [delivery] = receiver.received;
    const text = delivery!.body.toString('utf8');
    expect(text).toBe(serializeWebhookPayload(JSON.parse(text)));
    expect([...text].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
    expect(text).toContain('\\u041a\\u043e\\u0437\\u043b\\u043e\\u0432'); // "Козлов"
    expect(text.startsWith('{"created_at":')).toBe(true);
    expect(Object.keys(delivery!.headers)).toEqual(
      expect.arrayContaining(['x-timestamp', 'x-signature', 'x-signature-v2', 'x-signature-simple']),
    );
    expect(delivery!.headers['content-type']).toBe('application/json');
    // Signed by core's signWebhook alone: every signature header is what it makes for this body.
    const signed = await signWebhook({
      body: text,
      secret: SECRET,
      timestamp: Number(delivery!.headers['x-timestamp']),
    });
    expect(delivery!.headers).toMatchObject(signed);
    expect(delivery!.event?.decision?.aml?.hits[0]?.properties?.alias).toEqual(['Козлов Сергей Александрович']);
  });

  it('retries a delivery the receiver answered 503, and logs both attempts', async () => {
    const { receiver, app, api, idle } = await setup((index) => (index === 0 ? 503 : 200));
    await api('/v1/session/', 'POST', { callback: 'https://app.example.com/cb', vendor_data: 'retry-me' });
    await idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.body.equals(receiver.received[1]!.body)).toBe(true);
    expect(receiver.received.every((r) => r.event?.status === 'Not Started')).toBe(true);
    const { deliveries, url } = await log(app);
    expect(url).toBe(receiver.url);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: 'Not Started', state: 'delivered' });
    expect(deliveries[0]!.attempts.map((a) => a.status)).toEqual([503, 200]);
  });

  it('retries on 404 and gives up after two retries', async () => {
    const { receiver, app, api, idle } = await setup(() => 404);
    await api('/v1/session/', 'POST', { callback: 'https://app.example.com/cb', vendor_data: 'x' });
    await idle();
    expect(receiver.received).toHaveLength(3);
    const [delivery] = (await log(app)).deliveries;
    expect(delivery).toMatchObject({ state: 'failed' });
    expect(delivery!.attempts.map((a) => a.status)).toEqual([404, 404, 404]);
  });

  it('does not retry other 4xx answers', async () => {
    const { receiver, app, api, idle } = await setup(() => 400);
    await api('/v1/session/', 'POST', { callback: 'https://app.example.com/cb', vendor_data: 'x' });
    await idle();
    expect(receiver.received).toHaveLength(1);
    expect((await log(app)).deliveries[0]).toMatchObject({ state: 'failed' });
  });

  it('retries when nothing listens, and records the connection error', async () => {
    const receiver = await startReceiver();
    await receiver.close(); // Now nothing listens on that port.
    const app = createMockApp({ webhookUrl: receiver.url, webhookSecret: SECRET, webhookRetryDelaysMs: [5, 5] });
    const token = await getToken(app);
    await app.request('/v1/session/', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ callback: 'https://app.example.com/cb', vendor_data: 'x' }),
    });
    await app.idle();
    const [delivery] = (await log(app)).deliveries;
    expect(delivery!.state).toBe('failed');
    expect(delivery!.attempts).toHaveLength(3);
    expect(delivery!.attempts[0]).toMatchObject({ status: null, error: 'ECONNREFUSED' });
  });

  it('keeps one session in order while an earlier delivery is retried', async () => {
    const { receiver, app, idle } = await setup((index) => (index === 0 ? 500 : 200), [30]);
    const id = FIXTURE_SESSION_IDS.notStarted;
    const advance = { method: 'POST', headers: { 'content-type': 'application/json' } };
    await app.request(`/__mock/sessions/${id}/advance`, advance);
    await app.request(`/__mock/sessions/${id}/advance`, advance);
    await idle();
    expect(receiver.received.map((r) => r.event?.status)).toEqual(['In Progress', 'In Progress', 'Approved']);
  });

  it('never puts the secret in the log, and reset clears the log', async () => {
    const { app, api, idle } = await setup();
    await api(`/v1/session/${SEED_ID}/update-status/`, 'PATCH', { new_status: 'Approved' });
    await idle();
    const text = await (await app.request('/__mock/webhooks')).text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).deliveries).toHaveLength(1);
    await app.request('/__mock/reset', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect((await log(app)).deliveries).toEqual([]);
  });

  it('shows an empty log without a webhook URL', async () => {
    expect(await log(createMockApp())).toEqual({ url: null, deliveries: [] });
  });

  it('refuses incomplete webhook options', () => {
    expect(() => createMockApp({ webhookUrl: 'http://127.0.0.1:9/x' })).toThrow(/needs webhookSecret/);
    expect(() => createMockApp({ webhookSecret: SECRET })).toThrow(/webhookUrl is not/);
    expect(() => createMockApp({ webhookUrl: 'ftp://x', webhookSecret: SECRET })).toThrow(/http\(s\) URL/);
    expect(() =>
      createMockApp({ webhookUrl: 'http://127.0.0.1:9/x', webhookSecret: SECRET, webhookRetryDelaysMs: [-1] }),
    ).toThrow(RangeError);
  });
});

/**
 * Didit's demo receiver, re-expressed with Node's crypto and nothing of core's: X-Signature-Simple
 * is the HMAC-SHA256 of `${timestamp}:${session_id}:${status}:${webhook_type}`, each read from the
 * parsed BODY (a missing one as ""), compared in constant time.
 */
function diditDemoAcceptsSimple(rawBody: Buffer, headers: IncomingHttpHeaders, secret: string): boolean {
  const signature = headers['x-signature-simple'];
  if (typeof signature !== 'string') return false;
  const body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
  const part = (key: string) => (body[key] === undefined || body[key] === null ? '' : String(body[key]));
  const canonical = [part('timestamp'), part('session_id'), part('status'), part('webhook_type')].join(':');
  const expected = Buffer.from(createHmac('sha256', secret).update(canonical, 'utf8').digest('hex'));
  const sent = Buffer.from(signature);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

describe("X-Signature-Simple, checked as Didit's demo checks it", () => {
  it("signs the body's timestamp, so first deliveries and retries (with a fresh X-Timestamp) both pass", async () => {
    // Each read of the clock moves it 1.1 s on, so every retry's X-Timestamp is a later second
    // than the body's `timestamp` (and the whole test stays well inside the 300 s window).
    let clock = Date.now();
    const now = () => {
      clock += 1_100;
      return clock;
    };
    // Every delivery fails once (503) and is retried.
    const receiver = await startReceiver((index) => (index % 2 === 0 ? 503 : 200));
    cleanups.push(receiver.close);
    const app = createMockApp({ webhookUrl: receiver.url, webhookSecret: SECRET, webhookRetryDelaysMs: [5], now });
    cleanups.push(async () => app.dispose());
    const token = await getToken(app);
    const vendorData = 'Zoë Ünïcødé 張偉 Козлов 🙂 "quoted" \\ back';
    const created = (await (
      await app.request('/v1/session/', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ vendor_data: vendorData }),
      })
    ).json()) as { session_id: string; url: string };
    await app.request(created.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approved',
    });
    await app.idle();

    // Not Started, In Progress, Approved: each sent twice.
    expect(receiver.received).toHaveLength(6);
    for (const [index, delivery] of receiver.received.entries()) {
      const body = JSON.parse(delivery.body.toString('utf8')) as {
        timestamp: number;
        status: string;
        vendor_data: string;
      };
      expect(body.vendor_data).toBe(vendorData);
      expect(diditDemoAcceptsSimple(delivery.body, delivery.headers, SECRET), `delivery ${index}`).toBe(true);
      // core's verifyWebhook accepts them too (by X-Signature, the raw body).
      expect(delivery.error, `delivery ${index}`).toBeUndefined();
      if (index % 2 === 1) {
        // A retry: same body, later X-Timestamp; a Simple signature over the header's
        // timestamp (what the mock sent before) would fail the demo's check.
        expect(delivery.body.equals(receiver.received[index - 1]!.body)).toBe(true);
        expect(Number(delivery.headers['x-timestamp'])).toBeGreaterThan(body.timestamp);
        const withHeaderTimestamp = createHmac('sha256', SECRET)
          .update(`${delivery.headers['x-timestamp']}:${created.session_id}:${body.status}:`)
          .digest('hex');
        expect(delivery.headers['x-signature-simple']).not.toBe(withHeaderTimestamp);
      }
    }
    expect(receiver.received.map((r) => r.event?.status)).toEqual([
      'Not Started',
      'Not Started',
      'In Progress',
      'In Progress',
      'Approved',
      'Approved',
    ]);
  });

  it('refuses a Simple signature once a covered field is changed', async () => {
    const { receiver, api, idle } = await setup();
    await api('/v1/session/', 'POST', { vendor_data: 'tamper' });
    await idle();
    const [delivery] = receiver.received;
    expect(diditDemoAcceptsSimple(delivery!.body, delivery!.headers, SECRET)).toBe(true);
    const tampered = Buffer.from(delivery!.body.toString('utf8').replace('"Not Started"', '"Approved"'));
    expect(diditDemoAcceptsSimple(tampered, delivery!.headers, SECRET)).toBe(false);
    expect(diditDemoAcceptsSimple(delivery!.body, delivery!.headers, 'another-secret')).toBe(false);
  });
});

describe('webhooks end to end over HTTP', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('DiditClient drives a session; the receiver verifies every delivery, one of them after a 503', async () => {
    const receiver = await startReceiver((index) => (index === 1 ? 503 : 200));
    cleanups.push(receiver.close);
    server = await startMockServer({
      port: 0,
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      webhookRetryDelaysMs: [20, 20],
    });
    const client = new DiditClient({
      clientId: 'mock-client-id',
      clientSecret: 'mock-client-secret',
      baseUrl: server.url,
      authUrl: server.url,
    });
    const session = await client.sessions.create({ callback: 'https://app.example.com/cb', vendor_data: 'e2e' });
    const page = await fetch(session.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approved',
      redirect: 'manual',
    });
    expect(page.status).toBe(302);
    await receiver.until(4); // Not Started, In Progress (503, then again), Approved
    await server.idle();

    expect(receiver.received.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(receiver.received.map((r) => r.event?.status)).toEqual([
      'Not Started',
      'In Progress',
      'In Progress',
      'Approved',
    ]);
    const approved = receiver.received[3]!.event!;
    expect(approved.decision).toEqual(await client.sessions.getDecision(session.session_id));

    const { deliveries } = (await (await fetch(`${server.url}/__mock/webhooks`)).json()) as {
      deliveries: WebhookDelivery[];
    };
    expect(deliveries.map((d) => [d.status, d.state, d.attempts.map((a) => a.status)])).toEqual([
      ['Not Started', 'delivered', [200]],
      ['In Progress', 'delivered', [503, 200]],
      ['Approved', 'delivered', [200]],
    ]);
  });

  it('close() stops a delivery that is waiting to be retried', async () => {
    const receiver = await startReceiver(() => 503);
    cleanups.push(receiver.close);
    server = await startMockServer({
      port: 0,
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      webhookRetryDelaysMs: [60_000],
    });
    const token = await getToken(server.app);
    await fetch(`${server.url}/v1/session/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ callback: 'https://app.example.com/cb', vendor_data: 'x' }),
    });
    await receiver.until(1);
    const started = performance.now();
    await server.close();
    await server.idle();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(receiver.received).toHaveLength(1);
    server = undefined;
  });
});
