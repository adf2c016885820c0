import { DiditClient } from '@didit-kit/core';
import { describe, expect, it } from 'vitest';
import { V3_FIXTURE_IDS } from '../../src/index.ts';
import { useCliBin, waitForUrl } from '../support/cli-bin.ts';

const { run } = useCliBin('v3');

describe('didit-mock-server (the bin) speaks v3 over real HTTP', () => {
  it('takes --api-key, and core v3 client creates, arms, finishes and reads a session', async () => {
    const running = run(['--port', '0', '--api-key', 'sk_test_cli_key']);
    const url = await waitForUrl(running);
    try {
      expect(running.stdout()).toContain('(the value given with --api-key, not shown)');
      expect(running.stdout()).not.toContain('sk_test_cli_key');
      const client = new DiditClient({ apiKey: 'sk_test_cli_key', baseUrl: url });
      const created = await client.sessions.create({
        workflow_id: 'd1d17000-0000-4000-8000-00000000f10a',
        vendor_data: 'cli',
      });
      expect(created.url).toBe(`${url}/session/${created.session_token}`);
      await client.sessions.armSandboxScenario(created.session_id, {
        scenario: 'decline_aml_hit',
        sessionToken: created.session_token,
      });
      const page = await fetch(created.url, { method: 'POST', redirect: 'manual' });
      expect(page.status).toBe(200);
      const decision = await client.sessions.getDecision(created.session_id);
      expect(decision.status).toBe('Declined');
      expect(decision.aml_screenings?.[0]?.total_hits).toBeGreaterThan(0);
      const pdf = await client.sessions.generatePdf(V3_FIXTURE_IDS.approved);
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
      const wrong = await fetch(`${url}/v3/sessions/`, { headers: { 'x-api-key': 'mock-api-key' } });
      expect(wrong.status).toBe(403);
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    }
  }, 30_000);

  it('takes --balance and --strict-workflows', async () => {
    const running = run(['--port', '0', '--balance', '0', '--strict-workflows']);
    const url = await waitForUrl(running);
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'x-api-key': 'mock-api-key', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/v3/aml/', { full_name: 'Maria Garcia' })).status).toBe(403);
      const session = await post('/v3/session/', { workflow_id: '11111111-2222-4333-8444-555555555555' });
      expect(await session.json()).toEqual({ workflow_id: 'Invalid workflow_id.' });
    } finally {
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    }
  }, 30_000);
});
