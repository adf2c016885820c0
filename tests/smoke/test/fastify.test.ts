import { describe, expect, it } from 'vitest';
import { expectProxyMounted, startConsumerApp } from '../lib/adapter-checks.ts';
import { requirePackages } from '../lib/context.ts';

describe('createDiditProxy mounted in Fastify through @hono/node-server', () => {
  it('a hijacked route in a scope without body parsers serves decisions and passes review bodies on; JSON parsing elsewhere is untouched', async () => {
    const context = requirePackages('core', 'mockServer');
    const app = await startConsumerApp(context, process.execPath, ['fastify/server.mjs']);
    try {
      await expectProxyMounted(app.url, context.mock!.apiKey);
      const echo = await fetch(`${app.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ parsed: true }),
      });
      expect(await echo.json()).toEqual({ parsed: true });
    } finally {
      app.stop();
    }
  });
});
