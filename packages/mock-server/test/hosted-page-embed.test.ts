import { DiditClient } from '@didit-kit/core';
import { describe, expect, it } from 'vitest';
import type { MockInstance } from '../src/app.ts';
import { createMockApp, DEFAULT_API_KEY } from '../src/index.ts';
import { authedApp } from './helpers.ts';

// The hosted pages framed by Didit's web SDK: the `didit:*` messages they post to the parent window,
// and the CSP that lets them be framed and run exactly one script.

const BASE = 'http://mock.test';
const WORKFLOW = 'd1d17000-0000-4000-8000-00000000f10a';

/** The messages a page would post, read back from its data attribute. */
function messagesOf(html: string): unknown[] {
  const match = html.match(/data-didit-messages="([^"]*)"/);
  if (!match) throw new Error('no data-didit-messages on the page');
  const json = match[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  return JSON.parse(json.replace(/&amp;/g, '&'));
}

function expectScriptAllowedByNonce(res: Response, html: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  const nonce = csp.match(/script-src 'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain('frame-ancestors http: https:');
  expect(html).toContain(`<script nonce="${nonce}">`);
  expect(html.match(/<script/g)).toHaveLength(1);
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('v1 hosted page, framed', () => {
  async function created() {
    const ctx = await authedApp();
    const res = await ctx.json('/v1/session/', 'POST', { callback: 'https://app.test/done', vendor_data: 'u-1' });
    const { session_id, url } = (await res.json()) as { session_id: string; url: string };
    return { ...ctx, sessionId: session_id, path: new URL(url).pathname };
  }

  it('posts didit:ready with the session id, under a CSP that allows framing and its one script', async () => {
    const { app, path, sessionId } = await created();
    const res = await app.request(path);
    const html = await res.text();
    expectScriptAllowedByNonce(res, html);
    expect(messagesOf(html)).toEqual([{ type: 'didit:ready', data: { sessionId } }]);
    expect(html).toContain('<input type="hidden" name="embedded" value="">');
  });

  it('uses a new nonce for every response', async () => {
    const { app, path } = await created();
    const csp = async () => (await app.request(path)).headers.get('content-security-policy');
    expect(await csp()).not.toBe(await csp());
  });

  it('answers a framed choice with a page posting status_updated and completed (no redirect in the iframe)', async () => {
    const { app, path, sessionId } = await created();
    const res = await app.request(path, form({ outcome: 'declined-aml', embedded: '1' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expectScriptAllowedByNonce(res, html);
    expect(messagesOf(html)).toEqual([
      { type: 'didit:status_updated', data: { sessionId, status: 'Declined' } },
      { type: 'didit:completed', data: { sessionId, status: 'Declined' } },
    ]);
  });

  it('reports a status the SDK has no name for (In Review) as Pending, as its SessionData types say', async () => {
    const { app, path, sessionId } = await created();
    const html = await (await app.request(path, form({ outcome: 'in-review', embedded: '1' }))).text();
    expect(messagesOf(html)).toContainEqual({ type: 'didit:completed', data: { sessionId, status: 'Pending' } });
  });

  it('still redirects to the callback when not framed', async () => {
    const { app, path } = await created();
    const res = await app.request(path, form({ outcome: 'approved', embedded: '' }));
    expect(res.status).toBe(302);
  });

  it('keeps what a session holds out of the script: vendor_data is escaped in the attribute', async () => {
    const ctx = await authedApp();
    const res = await ctx.json('/v1/session/', 'POST', {
      callback: 'https://a.test/',
      vendor_data: '"><script>x</script>',
    });
    const { url } = (await res.json()) as { url: string };
    const html = await (await ctx.app.request(new URL(url).pathname)).text();
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});

describe('v3 hosted page, framed', () => {
  async function created(app: MockInstance = createMockApp()) {
    const client = new DiditClient({ apiKey: DEFAULT_API_KEY, baseUrl: BASE, fetch: (r: Request) => app.fetch(r) });
    const session = await client.sessions.create({
      workflow_id: WORKFLOW,
      vendor_data: 'u-3',
      callback: 'https://app.test/done',
    });
    return { app, client, sessionId: session.session_id, url: session.url };
  }

  it('posts didit:ready and offers a button per scenario of the session’s kind', async () => {
    const { app, url, sessionId } = await created();
    const res = await app.request(url);
    const html = await res.text();
    expectScriptAllowedByNonce(res, html);
    expect(messagesOf(html)).toEqual([{ type: 'didit:ready', data: { sessionId } }]);
    expect(html).toContain('<button type="submit">Finish verification</button>');
    expect(html).toContain('value="decline_face_match_low_similarity"');
    expect(html).not.toContain('value="decline_kyb_registry_mismatch"');
  });

  it('finishes with the chosen scenario and posts completed when framed', async () => {
    const { app, client, url, sessionId } = await created();
    const res = await app.request(url, form({ scenario: 'decline_document_expired', embedded: '1' }));
    expect(res.status).toBe(200);
    expect(messagesOf(await res.text())).toContainEqual({
      type: 'didit:completed',
      data: { sessionId, status: 'Declined' },
    });
    expect((await client.sessions.getDecision(sessionId)).status).toBe('Declined');
  });

  it('finishes with the armed scenario (approve by default) and redirects when not framed', async () => {
    const { app, client, url, sessionId } = await created();
    const res = await app.request(url, form({}));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('status=Approved');
    expect((await client.sessions.getDecision(sessionId)).status).toBe('Approved');
  });

  it('refuses an unknown scenario (400) and leaves the session open', async () => {
    const { app, client, url, sessionId } = await created();
    const res = await app.request(url, form({ scenario: 'make_me_rich' }));
    expect(res.status).toBe(400);
    expect((await client.sessions.getDecision(sessionId)).status).toBe('Not Started');
  });
});
