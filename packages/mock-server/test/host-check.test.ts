import { request } from 'node:http';
import { connect } from 'node:net';
import { DiditClient } from '@didit-kit/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { hostChecker, hostnameOf } from '../src/host-check.ts';
import { createMockApp, type MockServer, startMockServer } from '../src/index.ts';
import { SEED_ID } from './helpers.ts';

// DNS rebinding: a page of evil.example points its name at 127.0.0.1, and then reads the mock's
// answers as same-origin ones. The browser still sends `Host: evil.example`, so the server only
// answers the names it is reached at; any other gets 421 Misdirected Request.

const servers: MockServer[] = [];
async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const server = await startMockServer({ port: 0, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Sends `GET path` with exactly this Host header (or none) on a fresh connection; the raw answer. */
function withHost(server: MockServer, host: string | undefined, path = '/__mock', method = 'GET'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, server.url.includes('[') ? '::1' : '127.0.0.1', () => {
      const hostLine = host === undefined ? '' : `Host: ${host}\r\n`;
      socket.end(`${method} ${path} HTTP/1.1\r\n${hostLine}Connection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('hostnameOf', () => {
  it('reads name, name:port, [v6] and [v6]:port, in lower case without a trailing dot', () => {
    expect(hostnameOf('LocalHost:4010')).toBe('localhost');
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1');
    expect(hostnameOf('[::1]:80')).toBe('[::1]');
    expect(hostnameOf('[0:0:0:0:0:0:0:1]')).toBe('[::1]');
    expect(hostnameOf('example.test.')).toBe('example.test');
    for (const bad of ['', 'a b', 'a@b', 'a/b', '[::1', 'x:99999999', 'a:b:c', '%00', 'a\\b']) {
      expect(hostnameOf(bad), bad).toBeUndefined();
    }
  });
});

describe('hostChecker', () => {
  const loopback = hostChecker({ host: '127.0.0.1', boundAddress: '127.0.0.1' });

  it('allows loopback names and addresses, on any port', () => {
    for (const host of [
      '127.0.0.1:4010',
      '127.0.0.1',
      'localhost:3000',
      'LOCALHOST',
      'localhost.',
      'app.localhost',
      '[::1]:4010',
      '127.0.0.2',
    ]) {
      expect(loopback(host), host).toBe(true);
    }
  });

  it('refuses other names and addresses, and malformed values', () => {
    for (const host of [
      'evil.example',
      'evil.example:4010',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '10.0.0.1',
      '0.0.0.0',
      'a b',
      '[::2]',
    ]) {
      expect(loopback(host), host).toBe(false);
    }
  });

  it('lets a request without Host through (HTTP/1.0: no browser sends one)', () => {
    expect(loopback(undefined)).toBe(true);
  });

  it("adds publicUrl's host and allowHosts (exact names, or a domain with a leading dot)", () => {
    const check = hostChecker({
      host: '127.0.0.1',
      boundAddress: '127.0.0.1',
      publicUrl: 'https://Mock.Example.test:8443',
      allowHosts: ['mock-server', 'Docker.Internal:4010', '.tunnel.test', '192.168.1.20'],
    });
    for (const host of [
      'mock.example.test',
      'mock-server:4010',
      'docker.internal',
      'a.tunnel.test',
      'b.a.tunnel.test',
      'tunnel.test',
      '192.168.1.20:4010',
    ]) {
      expect(check(host), host).toBe(true);
    }
    for (const host of ['example.test', 'nottunnel.test', 'tunnel.test.evil', 'mock-server.evil', '192.168.1.21']) {
      expect(check(host), host).toBe(false);
    }
  });

  it('listening on every interface, answers any IP address but still no foreign name', () => {
    for (const [host, boundAddress] of [
      ['0.0.0.0', '0.0.0.0'],
      ['::', '::'],
    ]) {
      const check = hostChecker({ host: host!, boundAddress: boundAddress! });
      expect(check('192.168.1.20:4010')).toBe(true);
      expect(check('[fe80::1]')).toBe(true);
      expect(check('evil.example')).toBe(false);
    }
  });

  it('answers the name it was started with', () => {
    const check = hostChecker({ host: 'dev-box.lan', boundAddress: '192.168.1.20' });
    expect(check('dev-box.lan:4010')).toBe(true);
    expect(check('192.168.1.20')).toBe(true);
    expect(check('other-box.lan')).toBe(false);
  });
});

describe('the Host check over real HTTP', () => {
  it('serves 127.0.0.1, localhost and [::1] (any port), and answers any other name 421 in DRF shape', async () => {
    const server = await start();
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `[::1]:${server.port}`,
      'localhost',
      'LocalHost.',
    ]) {
      expect(statusOf(await withHost(server, host)), host).toBe(200);
    }
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `localhost.evil.example:${server.port}`,
      '10.0.0.1',
      'a b',
    ]) {
      const answer = await withHost(server, host);
      expect(statusOf(answer), host).toBe(421);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head!.toLowerCase()).toContain('content-type: application/json');
      expect(head!.toLowerCase()).toContain('connection: close');
      expect(head!.toLowerCase()).toMatch(/x-request-id: [0-9a-f-]{36}/);
      const detail = (JSON.parse(body!) as { detail: string }).detail;
      expect(detail).toContain('Invalid Host header');
      expect(detail).toContain('--allow-host');
    }
    // Every route, the hosted page and the API included; HEAD without a body.
    for (const path of [
      '/__mock/sessions',
      `/v1/session/${SEED_ID}/decision/`,
      '/auth/v2/token/',
      '/session/x',
      '/nowhere',
    ]) {
      expect(statusOf(await withHost(server, 'evil.example', path)), path).toBe(421);
    }
    const head = await withHost(server, 'evil.example', '/__mock', 'HEAD');
    expect(statusOf(head)).toBe(421);
    expect(head.endsWith('\r\n\r\n')).toBe(true);
  });

  it('answers 421 in full to a rebinding page that uploads a large body, without EPIPE', async () => {
    const server = await start();
    const outcome = await new Promise<{ status: number; body: string; errors: string[] }>((resolve) => {
      const errors: string[] = [];
      let status = 0;
      let body = '';
      const req = request(`${server.url}/__mock/reset`, {
        method: 'POST',
        headers: { host: 'evil.example', 'content-type': 'text/plain', 'content-length': String(8 * 1024 * 1024) },
        agent: false,
      });
      req.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message));
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
      });
      req.on('socket', (socket) => socket.on('close', () => setTimeout(() => resolve({ status, body, errors }), 10)));
      req.end(Buffer.alloc(8 * 1024 * 1024, 0x61));
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.status).toBe(421);
    expect(JSON.parse(outcome.body)).toHaveProperty('detail');
  });

  it("serves publicUrl's host and the allowHosts names", async () => {
    const server = await start({ publicUrl: 'https://mock.example.test', allowHosts: ['mock-server', '.tunnel.test'] });
    for (const host of ['mock.example.test', 'mock-server:4010', 'abc.tunnel.test']) {
      expect(statusOf(await withHost(server, host)), host).toBe(200);
    }
    expect(statusOf(await withHost(server, 'example.test'))).toBe(421);
  });

  it('refuses bad allowHosts before it starts', async () => {
    await expect(startMockServer({ port: 0, allowHosts: ['not a host'] })).rejects.toThrow(TypeError);
    await expect(startMockServer({ port: 0, allowHosts: 'localhost' as never })).rejects.toThrow(TypeError);
    await expect(startMockServer({ port: 0, allowHosts: [''] })).rejects.toThrow(/allowHosts/);
  });

  it('keeps working as the demo uses it: DiditClient at server.url, fetch of the admin routes, the hosted page', async () => {
    // apps/demo starts it with host 127.0.0.1 and port 0, and talks to server.url (Host: 127.0.0.1:<port>).
    const server = await start({ host: '127.0.0.1' });
    const client = new DiditClient({
      clientId: 'mock-client-id',
      clientSecret: 'mock-client-secret',
      baseUrl: server.url,
      authUrl: server.url,
    });
    const session = await client.sessions.create({
      vendor_data: 'demo-user',
      callback: 'http://127.0.0.1:3000/callback',
    });
    expect(session.url.startsWith(`${server.url}/session/`)).toBe(true);
    expect((await fetch(`${server.url}/__mock/sessions`)).status).toBe(200);
    const set = await fetch(`${server.url}/__mock/sessions/${session.session_id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'In Progress' }),
    });
    expect(set.status).toBe(200);
    // A browser's form post on the hosted page: same origin, so its Origin passes everywhere.
    const page = await fetch(session.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: 'outcome=approved',
      redirect: 'manual',
    });
    expect(page.status).toBe(302);
    expect((await client.sessions.getDecision(session.session_id)).status).toBe('Approved');
    // The same through `localhost`.
    const viaLocalhost = server.url.replace('127.0.0.1', 'localhost');
    expect((await fetch(`${viaLocalhost}/__mock/sessions/${session.session_id}`)).status).toBe(200);
  });

  it('listens on [::1] and serves it', async (context) => {
    let server: MockServer;
    try {
      server = await start({ host: '::1' });
    } catch {
      context.skip(); // no IPv6 loopback on this machine
      return;
    }
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const res = await fetch(`${server.url}/__mock/sessions`);
    expect(res.status).toBe(200);
    expect(statusOf(await withHost(server, 'evil.example'))).toBe(421);
  });

  it('leaves in-process use alone: any origin works with app.request and app.fetch', async () => {
    const app = createMockApp();
    expect((await app.request('http://didit.mock/__mock/sessions')).status).toBe(200);
    expect((await app.request('http://evil.example/__mock/sessions')).status).toBe(200);
  });
});
