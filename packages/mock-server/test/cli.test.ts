import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basic, SEED_ID } from './helpers.ts';
import { root, useCliBin, waitForUrl } from './support/cli-bin.ts';

const { bin, run } = useCliBin('main');

describe('didit-mock-server (the bin)', () => {
  it('is a Node script with a shebang, as package.json `bin` expects of dist/cli.js', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ 'didit-mock-server': './dist/cli.js' });
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('starts on port 0, prints its URL and credentials, serves HTTP, and exits 0 on SIGTERM', async () => {
    const running = run(['--port', '0', '--seed', '3']);
    const url = await waitForUrl(running);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.stdout()).toContain('Client id      mock-client-id');
    expect(running.stdout()).toContain('Client secret  mock-client-secret');

    const token = (await (
      await fetch(`${url}/auth/v2/token/`, {
        method: 'POST',
        headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const res = await fetch(`${url}/v1/session/${SEED_ID}/decision/`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('Declined');

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toContain('SIGTERM: shutting down');
  }, 30_000);

  it('exits 0 on SIGINT too, with a keep-alive connection open', async () => {
    const running = run(['--port', '0']);
    const url = await waitForUrl(running);
    expect((await fetch(`${url}/__mock/sessions`)).status).toBe(200);
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  }, 30_000);

  it('takes the options: credentials (not echoed), --no-admin, --latency, --error-rate', async () => {
    const running = run([
      '--port=0',
      '--client-id',
      'acme',
      '--client-secret',
      'top-secret-value',
      '--no-admin',
      '--latency',
      '0-5',
      '--error-rate',
      '0',
      '--token-ttl',
      '60',
      '--webhook-url',
      'http://hook-user:hook-password@127.0.0.1:9/hooks',
      '--webhook-secret',
      'webhook-secret-value',
    ]);
    const url = await waitForUrl(running);
    expect(running.stdout()).toContain('Client id      acme');
    expect(running.stdout()).not.toContain('top-secret-value');
    expect(running.stdout()).toContain('Webhooks       POST http://127.0.0.1:9/hooks');
    expect(running.stdout()).not.toMatch(/hook-password|webhook-secret-value/);
    expect((await fetch(`${url}/__mock/sessions`)).status).toBe(404);
    const token = await fetch(`${url}/auth/v2/token/`, {
      method: 'POST',
      headers: {
        authorization: basic('acme', 'top-secret-value'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(((await token.json()) as { expires_in: number }).expires_in).toBe(60);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 30_000);

  it('answers only its own names, plus --public-url and each --allow-host (repeatable), with 421 for others', async () => {
    const running = run([
      '--port',
      '0',
      '--allow-host',
      'mock-server',
      '--allow-host=.tunnel.test',
      '--public-url',
      'https://mock.example.test',
    ]);
    const url = await waitForUrl(running);
    expect(running.stdout()).toContain('Also answers   mock-server, .tunnel.test');
    const port = Number(new URL(url).port);
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/__mock/sessions', headers: { host }, agent: false });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      'mock-server:4010',
      'a.tunnel.test',
      'mock.example.test',
    ]) {
      expect(await statusFor(host), host).toBe(200);
    }
    for (const host of ['evil.example', `evil.example:${port}`, 'mock-server.evil']) {
      expect(await statusFor(host), host).toBe(421);
    }
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stderr()).toBe('');
  }, 30_000);

  it('prints the help and exits 0', async () => {
    const running = run(['--help']);
    expect(await running.exited).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--client-id',
      '--client-secret',
      '--token-ttl',
      '--fixtures',
      '--latency',
      '--error-rate',
      '--seed',
      '--allow-host',
      '--no-admin',
    ]) {
      expect(running.stdout()).toContain(flag);
    }
    // Server-wide chaos and per-request scenarios apply to both generations' routes.
    expect(running.stdout()).toMatch(/--latency <ms\|min-max> delay every \/v1 and \/v3 response/);
    expect(running.stdout()).toMatch(/--error-rate <0\.\.1>\s+share of \/v1 and \/v3 requests/);
    expect(running.stdout()).toContain('?__mock=code=429 to a /v1 or /v3 URL');
  }, 30_000);

  it.each([
    [['--port', 'abc'], /--port takes a whole number/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--error-rate', '2'], /errorRate must be between 0 and 1/],
    [['--fixtures', '/nonexistent/didit-fixtures'], /is not a directory/],
    [['--webhook-url', 'http://127.0.0.1:9/hooks'], /needs webhookSecret/],
    [['--allow-host', 'not a host'], /allowHosts: "not a host" is not a host name/],
  ])(
    'refuses %j with a clear message and a non-zero exit',
    async (args, message) => {
      const running = run(args.includes('--port') ? args : [...args, '--port', '0']);
      const code = await running.exited;
      expect(code).not.toBe(0);
      expect(running.stderr()).toMatch(message);
    },
    30_000,
  );
});
