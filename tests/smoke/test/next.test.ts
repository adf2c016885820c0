import { createServer } from 'node:net';
import { launchChromium } from '@didit-kit/test-kit/chromium';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APPROVED_SESSION, expectProxyMounted, startConsumerApp } from '../lib/adapter-checks.ts';
import { readPageStatus, startVerification, unexpected } from '../lib/chromium.ts';
import { requirePackages } from '../lib/context.ts';
import { runOk } from '../lib/exec.ts';

const NEXT_BIN = 'node_modules/next/dist/bin/next';
// Next would otherwise report usage to an outside host (refused here, and not a test's business).
const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1' };

/** `next start` takes a port, not 0: a free one from the OS. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('createDiditProxy as a Next.js App Router route handler', () => {
  it('builds without secrets, then serves the decision to a client page with no 308 on the polls, and starts a verification', {
    timeout: 480_000,
  }, async () => {
    const context = requirePackages('core', 'react', 'mockServer');
    // No Didit variable at build time, as in a CI without secrets: the route module creates its client
    // and proxy at import, and the proxy checks credentials per request.
    const build = await runOk(process.execPath, [NEXT_BIN, 'build', 'next'], {
      cwd: context.appDir,
      env: { ...NEXT_ENV, DIDIT_API_KEY: undefined, DIDIT_BASE_URL: undefined },
      timeoutMs: 400_000,
    });
    console.log(`[smoke] next build: ${(build.ms / 1000).toFixed(1)} s`);

    const port = await freePort();
    const app = await startConsumerApp(
      context,
      process.execPath,
      [NEXT_BIN, 'start', 'next', '--hostname', '127.0.0.1', '--port', String(port)],
      { env: NEXT_ENV, urlPattern: /- Local:\s+(http\S+)[\s\S]*Ready in/ },
    );
    const { url } = app;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      await expectProxyMounted(url, context.mock!.apiKey);

      const shown = await readPageStatus(browser, url);
      expect(shown.status).toBe('Approved');
      // The client's `.../decision/` reaches the route handler as sent (skipTrailingSlashRedirect).
      expect(shown.responses).toContainEqual({
        method: 'GET',
        path: `/api/didit/v3/session/${APPROVED_SESSION}/decision/`,
        status: 200,
      });
      expect(unexpected(shown.responses)).toEqual([]);

      const started = await startVerification(browser, url, context.mock!.url);
      expect(started.createStatus).toBe(201);
      const created = await readPageStatus(browser, `${url}/?session=${started.sessionId}`);
      expect(created.status).toBe('Not Started');
      expect(unexpected(created.responses)).toEqual([]);
    } finally {
      await browser?.close();
      app.stop();
    }
  });
});
