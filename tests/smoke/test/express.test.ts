import { launchChromium } from '@didit-kit/test-kit/chromium';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APPROVED_SESSION, expectProxyMounted, HIDDEN_SESSION, startConsumerApp } from '../lib/adapter-checks.ts';
import { readPageStatus, startVerification, unexpected } from '../lib/chromium.ts';
import { requirePackages } from '../lib/context.ts';
import { viteBuild } from '../lib/vite-build.ts';

describe('createDiditProxy mounted in Express through @hono/node-server', () => {
  it('Express 5 (/api/didit/*splat): Chromium loads the Vite-built page, whose hooks show a v3 decision with no redirect and start a verification', async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    await viteBuild(context, 'express/web');
    const app = await startConsumerApp(context, process.execPath, ['express/server.mjs', '5', 'express/web-dist']);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      await expectProxyMounted(app.url, context.mock!.apiKey);

      const shown = await readPageStatus(browser, app.url);
      expect(shown.status).toBe('Approved');
      expect(shown.responses).toContainEqual({
        method: 'GET',
        path: `/api/didit/v3/session/${APPROVED_SESSION}/decision/`,
        status: 200,
      });
      expect(unexpected(shown.responses)).toEqual([]);

      // A session `authorize` refuses is an error on the page, not a crash or a hang.
      const refused = await readPageStatus(browser, `${app.url}/?session=${HIDDEN_SESSION}`);
      expect(refused.status).toMatch(/^Error: /);
      expect(refused.responses.map((response) => response.status)).toContain(403);

      // "Verify identity": useCreateSession → the proxy's create (prepareCreate) → the mock's hosted page.
      const started = await startVerification(browser, app.url, context.mock!.url);
      expect(started.createStatus).toBe(201);
      expect(started.landedOn).toContain('/session/');
      // onCreated recorded the new session, so authorize lets the page read it.
      const created = await readPageStatus(browser, `${app.url}/?session=${started.sessionId}`);
      expect(created.status).toBe('Not Started');
    } finally {
      await browser?.close();
      app.stop();
    }
  });

  it('Express 4 (/api/didit/*): the same mounting serves decisions and passes review bodies on', async () => {
    const context = requirePackages('core', 'mockServer');
    const app = await startConsumerApp(context, process.execPath, ['express/server.mjs', '4']);
    try {
      await expectProxyMounted(app.url, context.mock!.apiKey);
    } finally {
      app.stop();
    }
  });
});
