import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SESSION_IDS, OUTCOMES } from '../src/index.ts';
import { authedApp, SEED_ID } from './helpers.ts';

const seed = JSON.parse(readFileSync(new URL('../fixtures/decision.declined-aml.json', import.meta.url), 'utf8'));

async function createSession(callback = 'https://app.example.com/done?from=mock', vendorData = 'user-7') {
  const ctx = await authedApp();
  const res = await ctx.json('/v1/session/', 'POST', { callback, vendor_data: vendorData });
  const created = (await res.json()) as { session_id: string; session_token: string; url: string };
  const path = new URL(created.url).pathname;
  const choose = (outcome: string) =>
    ctx.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ outcome }).toString(),
    });
  const decision = async () =>
    (await (await ctx.call(`/v1/session/${created.session_id}/decision/`)).json()) as Record<string, unknown>;
  return { ...ctx, created, path, choose, decision };
}

describe('GET /session/{session_token}', () => {
  it('renders an accessible page: headings, a POST form and one real button per outcome', async () => {
    const { app, path } = await createSession();
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>Verify your identity<\/h1>/);
    expect(html).toContain('<form method="post">');
    for (const outcome of OUTCOMES) {
      expect(html).toContain(`<button type="submit" name="outcome" value="${outcome.id}"`);
    }
    expect(html.match(/<button /g)).toHaveLength(OUTCOMES.length);
  });

  it('escapes what the API client wrote (vendor_data) so it cannot inject markup', async () => {
    const { app, path } = await createSession('https://app.example.com/', '<script>alert("x")</script>');
    const html = await (await app.request(path)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('answers 404 (HTML) for an unknown token', async () => {
    const { app } = await authedApp();
    const res = await app.request('/session/no-such-token');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Session not found');
  });

  it('shows a finished session without buttons, with a link back to its callback', async () => {
    const { app } = await authedApp();
    const html = await (await app.request(`/session/${SEED_ID}`)).text();
    expect(html).toContain('already finished');
    expect(html).not.toContain('<button');
    expect(html).toContain(`href="https://verify.didit.me/?verificationSessionId=${SEED_ID}&amp;status=Declined"`);
  });
});

describe('POST /session/{session_token} (choosing an outcome)', () => {
  it('moves the session through In Progress to the outcome and redirects to the callback', async () => {
    const { choose, created, decision, app } = await createSession();
    const seen: string[] = [];
    app.store.v1.onChange((change) => seen.push(`${change.previousStatus} -> ${change.session.decision.status}`));

    const res = await choose('in-review');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `https://app.example.com/done?from=mock&verificationSessionId=${created.session_id}&status=In%20Review`,
    );
    expect(seen).toEqual(['Not Started -> In Progress', 'In Progress -> In Review']);
    const body = await decision();
    expect(body.status).toBe('In Review');
    expect(body.location).toMatchObject({ is_vpn_or_tor: true });
  });

  it("gives Declined the seed's AML hit, with the session's own id, vendor data, callback and URL", async () => {
    const { choose, created, decision } = await createSession();
    expect((await choose('declined-aml')).status).toBe(302);
    const body = await decision();
    expect(body).toMatchObject({
      session_id: created.session_id,
      session_url: created.url,
      vendor_data: 'user-7',
      callback: 'https://app.example.com/done?from=mock',
      status: 'Declined',
      aml: seed.aml,
      kyc: seed.kyc,
      warnings: seed.warnings,
      reviews: [],
    });
  });

  it.each(OUTCOMES.map((o) => [o.id, o.status] as const))('outcome %s ends in status %s', async (id, status) => {
    const { choose, decision } = await createSession();
    const res = await choose(id);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('status')).toBe(status);
    expect((await decision()).status).toBe(status);
  });

  it('refuses a second choice once the session is finished (409)', async () => {
    const { choose } = await createSession();
    await choose('approved');
    const again = await choose('declined-aml');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already finished');
  });

  it('answers 400 for an unknown or missing outcome, listing the valid ones', async () => {
    const { choose, app, path } = await createSession();
    const res = await choose('make-me-rich');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<code>approved</code>');
    const empty = await app.request(path, { method: 'POST' });
    expect(empty.status).toBe(400);
  });

  it('works for an In Progress fixture and skips the extra step', async () => {
    const { app } = await authedApp();
    const res = await app.request(`/session/${FIXTURE_SESSION_IDS.inProgress}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=approved',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `https://example.com/verification/callback?verificationSessionId=${FIXTURE_SESSION_IDS.inProgress}&status=Approved`,
    );
  });

  it('shows a page instead of redirecting when the callback is not http(s) (a user fixture)', async () => {
    const ctx = await createSession();
    const session = ctx.app.store.v1.get(ctx.created.session_id)!;
    session.decision.callback = 'javascript:alert(1)';
    const res = await ctx.choose('approved');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The verification is finished.');
    expect(html).not.toContain('javascript:');
  });

  it('answers 405 for other methods', async () => {
    const { app, path } = await createSession();
    const res = await app.request(path, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
