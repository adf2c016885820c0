import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@didit-kit/core';
import { describe, expect, it } from 'vitest';
import { useCliBin, waitForUrl } from '../support/cli-bin.ts';

const { run } = useCliBin('v3-webhooks');

describe('didit-mock-server --webhook-destination', () => {
  it('delivers signed v3 envelopes to a destination given on the command line', async () => {
    const bodies: { body: string; headers: Record<string, unknown> }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const running = run([
      '--port',
      '0',
      '--webhook-destination',
      `url=${hook},secret=cli-secret,version=v3,events=status.updated+data.updated,label=cli`,
    ]);
    try {
      const url = await waitForUrl(running);
      expect(running.stdout()).toContain('Destination');
      expect(running.stdout()).not.toContain('cli-secret');
      const headers = { 'x-api-key': 'mock-api-key', 'content-type': 'application/json' };
      const created = (await (
        await fetch(`${url}/v3/session/`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ workflow_id: 'd1d17000-0000-4000-8000-00000000f10a' }),
        })
      ).json()) as { session_id: string; url: string };
      await fetch(created.url, { method: 'POST', redirect: 'manual' });
      const deadline = Date.now() + 10_000;
      while (bodies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(bodies).toHaveLength(1);
      const event = await verifyWebhook({ ...bodies[0]!, headers: bodies[0]!.headers as never, secret: 'cli-secret' });
      expect(event).toMatchObject({
        webhook_type: 'status.updated',
        status: 'Approved',
        session_id: created.session_id,
      });
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  }, 30_000);

  it('refuses a malformed --webhook-destination with exit code 2', async () => {
    for (const arg of [
      'secret=x',
      'url=http://a.test,version=v9',
      'url=http://a.test,events=bogus',
      'url=http://a.test,nope',
    ]) {
      const running = run(['--port', '0', '--webhook-destination', arg]);
      expect(await running.exited).toBe(2);
      expect(running.stderr()).toContain('--webhook-destination');
    }
  }, 30_000);
});
