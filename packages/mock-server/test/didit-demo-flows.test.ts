import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, useCliBin, waitForUrl } from './support/cli-bin.ts';

// Didit's own demo (github.com/didit-protocol/didit-full-demo: src/app/api/verification/route.ts and
// .../webhook/route.ts), re-expressed with fetch and Node's crypto and nothing of didit-kit's, run
// against the mock's bin over real HTTP: code written against the mock must run unchanged against Didit.

const SECRET = 'demo-webhook-secret';
const WORKFLOW_ID = 'd1d17000-0000-4000-8000-00000000f10a';
const { run } = useCliBin('didit-demo');

interface Delivery {
  raw: string;
  headers: IncomingHttpHeaders;
}

let receiver: ReturnType<typeof createServer>;
let hook: string;
const deliveries: Delivery[] = [];
let running: Running;
let base: string;

beforeAll(async () => {
  // Answers 503 to the first attempt of every delivery, so each one is also retried.
  const seen = new Set<string>();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ raw, headers: req.headers });
      const first = !seen.has(raw);
      seen.add(raw);
      res.writeHead(first ? 503 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/verification/webhook`;
  running = run(['--port', '0', '--webhook-url', hook, '--webhook-secret', SECRET]);
  base = await waitForUrl(running);
}, 60_000);

afterAll(async () => {
  running?.child.kill('SIGTERM');
  await running?.exited;
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

// --- The demo's webhook route, as written there (V2 first, then Simple, then the original) ---

function equalHex(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(received, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function fresh(timestamp: number): boolean {
  return Math.abs(Math.floor(Date.now() / 1000) - timestamp) <= 300;
}

function shortenFloats(data: unknown): unknown {
  if (data === null || data === undefined) return data;
  if (Array.isArray(data)) return data.map(shortenFloats);
  if (typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, shortenFloats(value)]));
  }
  if (typeof data === 'number' && !Number.isInteger(data) && data === Math.floor(data)) return Math.floor(data);
  return data;
}

function stableStringify(value: unknown): string {
  if (value === null || value === undefined) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hmac = (text: string) => createHmac('sha256', SECRET).update(text, 'utf8').digest('hex');

/** Which of the demo's three checks pass for one delivery, and whether the demo accepts it. */
function demoChecks({ raw, headers }: Delivery) {
  const body = JSON.parse(raw) as Record<string, unknown>;
  const timestamp = body.created_at as number;
  const header = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : undefined);
  const v2Sig = header('x-signature-v2');
  const simpleSig = header('x-signature-simple');
  const originalSig = header('x-signature');
  const v2 = v2Sig !== undefined && fresh(timestamp) && equalHex(hmac(stableStringify(shortenFloats(body))), v2Sig);
  const canonical = [body.timestamp, body.session_id, body.status, body.webhook_type]
    .map((part) => String(part || ''))
    .join(':');
  const simple = simpleSig !== undefined && fresh(timestamp) && equalHex(hmac(canonical), simpleSig);
  const original = originalSig !== undefined && fresh(timestamp) && equalHex(hmac(raw), originalSig);
  return { v2, simple, original, accepted: v2 || simple || original };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function deliveriesFor(sessionId: string): Delivery[] {
  return deliveries.filter((d) => (JSON.parse(d.raw) as { session_id?: string }).session_id === sessionId);
}

describe("Didit's demo flows against the mock's bin", () => {
  it('v3: creates with X-API-Key and workflow_id, with a callback (redirect) and without (iframe)', async () => {
    for (const isIframe of [false, true]) {
      const body: { workflow_id: string; vendor_data: string; callback?: string } = {
        workflow_id: WORKFLOW_ID,
        vendor_data: `demo-${isIframe ? 'iframe' : 'redirect'}@example.com`,
      };
      if (!isIframe) body.callback = 'http://localhost:3000/callback';
      const response = await fetch(`${base}/v3/session/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': 'mock-api-key' },
        body: JSON.stringify(body),
      });
      // The demo treats anything but 201 with a body as a failure.
      expect(response.status).toBe(201);
      const data = (await response.json()) as Record<string, unknown>;
      expect(data).toMatchObject({ vendor_data: body.vendor_data, workflow_id: WORKFLOW_ID, status: 'Not Started' });
      expect(data.url).toEqual(expect.stringContaining(base));
      expect(data.callback ?? null).toBe(body.callback ?? null);
    }
    const refused = await fetch(`${base}/v3/session/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': 'not-the-key' },
      body: JSON.stringify({ workflow_id: WORKFLOW_ID }),
    });
    expect(refused.status).toBe(403);
    // The demo reads `message || error || detail` from an error body.
    expect(((await refused.json()) as { detail?: string }).detail).toEqual(expect.any(String));
  });

  it('v1: creates with a client-credentials token, with and without callback', async () => {
    const basic = Buffer.from('mock-client-id:mock-client-secret').toString('base64');
    const token = (await (
      await fetch(`${base}/auth/v2/token/`, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    for (const callback of ['http://localhost:3000/callback', undefined]) {
      const response = await fetch(`${base}/v1/session/`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ vendor_data: 'demo-v1@example.com', ...(callback ? { callback } : {}) }),
      });
      expect(response.status).toBe(201);
      const data = (await response.json()) as { session_id: string; url: string };
      expect(data.session_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(data.url).toEqual(expect.stringContaining(base));
    }
  });

  it('signs first deliveries and retries so that the demo accepts each, with a non-ASCII vendor_data', async () => {
    const vendorData = 'zoë.ünïcødé+張偉@exämple.com';
    const created = (await (
      await fetch(`${base}/v3/session/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': 'mock-api-key' },
        body: JSON.stringify({ workflow_id: WORKFLOW_ID, vendor_data: vendorData, sandbox_scenario: 'approve' }),
      })
    ).json()) as { session_id: string; url: string };
    // The user finishes the hosted page.
    await fetch(created.url, { method: 'POST', redirect: 'manual' });
    // Each event is delivered twice (a 503, then the retry).
    await waitFor(() => {
      const mine = deliveriesFor(created.session_id);
      return (
        mine.some((d) => (JSON.parse(d.raw) as { status?: string }).status === 'Approved') && mine.length % 2 === 0
      );
    }, 'the Approved delivery and its retry');
    const mine = deliveriesFor(created.session_id);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const [index, delivery] of mine.entries()) {
      const body = JSON.parse(delivery.raw) as { vendor_data?: string; timestamp: number };
      expect(body.vendor_data).toBe(vendorData);
      const checks = demoChecks(delivery);
      expect(checks.accepted, `delivery ${index}: ${JSON.stringify(checks)}`).toBe(true);
      // All three hold for every delivery, retries included. Simple is over the body's timestamp,
      // so a retry (later X-Timestamp) still passes. The raw body escapes non-ASCII (\uXXXX, as
      // Python's ensure_ascii) while V2 is over the unescaped canonical form, which is what the
      // demo's JSON.parse + sorted JSON.stringify rebuilds (the contract's "unicode_names" case).
      expect(checks, `delivery ${index}`).toEqual({ v2: true, simple: true, original: true, accepted: true });
      expect(delivery.raw).not.toContain(vendorData);
      expect(delivery.raw).toContain('\\u00eb'); // ë
    }
    // Retries carry the same body under a later X-Timestamp.
    const [first, retry] = mine;
    expect(retry!.raw).toBe(first!.raw);
    expect(Number(retry!.headers['x-timestamp'])).toBeGreaterThanOrEqual(Number(first!.headers['x-timestamp']));
  }, 40_000);

  it('an ASCII-only delivery passes all three checks, first and retried', async () => {
    const created = (await (
      await fetch(`${base}/v3/session/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-Key': 'mock-api-key' },
        body: JSON.stringify({
          workflow_id: WORKFLOW_ID,
          vendor_data: 'ascii@example.com',
          sandbox_scenario: 'approve',
        }),
      })
    ).json()) as { session_id: string; url: string };
    await fetch(created.url, { method: 'POST', redirect: 'manual' });
    await waitFor(() => deliveriesFor(created.session_id).length >= 2, 'a delivery and its retry');
    for (const delivery of deliveriesFor(created.session_id)) {
      expect(demoChecks(delivery)).toEqual({ v2: true, simple: true, original: true, accepted: true });
    }
  }, 40_000);
});
