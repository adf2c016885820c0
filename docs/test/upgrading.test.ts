import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationError,
  DiditClient,
  serializeWebhookPayload,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
} from '@didit-kit/core';
import { createDiditProxy } from '@didit-kit/core/server';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import { describe, expect, it } from 'vitest';
import { DOCS, readPage } from './support/pages.ts';
import { snippetsOf, typeCheck } from './support/type-check-snippets.ts';

// "Upgrading from the v1 release" says what breaks and how to fix it. The changes the compiler
// finds are shown as the v1 release's code (`<!-- snippet: fails=... -->`), which must fail with
// the message the page names, while the fixed code beside it compiles (snippets.test.ts). The two
// silent ones are shown here at run time, as the page tells them.

const page = readPage('guide/upgrading.md');

describe('Upgrading from the v1 release', () => {
  it("the v1 release's code fails to compile with the message the page names", () => {
    const before = snippetsOf(page).filter((s) => s.fails !== undefined);
    expect(before.length).toBeGreaterThanOrEqual(6);
    const dir = join(DOCS, 'test', '.snippets', 'upgrading-before');
    const files = Object.fromEntries(before.map((s, i) => [`before-${i}.tsx`, s.code]));
    const readerModules = readFileSync(join(import.meta.dirname, 'support', 'reader-modules.d.ts'), 'utf8');
    const errors = typeCheck(dir, { ...files, 'reader-modules.d.ts': readerModules });
    before.forEach((snippet, i) => {
      const own = errors.filter((error) => error.startsWith(`before-${i}.tsx:`));
      expect(own.length, `the block at line ${snippet.line} compiles, yet the page says it fails`).toBeGreaterThan(0);
      expect(own.join('\n'), `the block at line ${snippet.line}`).toContain(snippet.fails);
    });
  }, 120_000);

  it('a browser client without apiVersion cannot read through a v1 proxy; with apiVersion: v1 it can', async () => {
    const mock = createMockApp();
    const server = new DiditClient({
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      baseUrl: 'http://didit.test',
      authUrl: 'http://didit.test',
      fetch: mock.fetch,
    });
    const proxy = createDiditProxy(server, { prefix: '/api/didit', logger: {} });
    const seed = FIXTURE_SESSION_IDS.declinedAml;

    const asBefore = new DiditClient({ baseUrl: 'http://app.test/api/didit', fetch: proxy });
    const failure = await asBefore.sessions.getDecision(seed).then(
      () => undefined,
      (error: unknown) => error,
    );
    // What the page says the browser shows: a configuration error naming the fix.
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toContain("apiVersion: 'v1'");

    const asNow = new DiditClient({ baseUrl: 'http://app.test/api/didit', apiVersion: 'v1', fetch: proxy });
    expect((await asNow.sessions.getDecision(seed)).status).toBe('Declined');
    mock.dispose();
  });

  it('a redirect (Next.js without skipTrailingSlashRedirect) fails the call instead of being followed', async () => {
    const redirecting = (request: Request) =>
      Promise.resolve(
        new Response(null, { status: 308, headers: { location: new URL(request.url).pathname.slice(0, -1) } }),
      );
    const client = new DiditClient({ baseUrl: 'http://app.test/api/didit', apiVersion: 'v1', fetch: redirecting });
    const failure = await client.sessions.getDecision(FIXTURE_SESSION_IDS.declinedAml).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toContain('redirects are not followed');
    expect((failure as Error).message).toContain('skipTrailingSlashRedirect');
  });

  it('a webhook body signed long ago is refused as stale; one with a current timestamp verifies', async () => {
    const secret = 'a-webhook-secret-for-the-test';
    const sign = async (timestamp: number) => {
      const body = serializeWebhookPayload({
        session_id: FIXTURE_SESSION_IDS.declinedAml,
        status: 'Approved',
        timestamp,
        created_at: timestamp,
      });
      // The header is fresh either way: only the body's own time differs.
      return { body, headers: await signWebhook({ body, secret, timestamp: Math.floor(Date.now() / 1000) }) };
    };
    const old = await sign(Math.floor(Date.now() / 1000) - 3600);
    const refused = await verifyWebhook({ ...old, secret }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WebhookVerificationError);
    expect((refused as WebhookVerificationError).reason).toBe('stale');
    const current = await sign(Math.floor(Date.now() / 1000));
    expect(await verifyWebhook({ ...current, secret })).toMatchObject({ status: 'Approved' });
  });
});
