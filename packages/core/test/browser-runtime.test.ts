// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { DiditClient, InvalidArgumentError } from '../src/v1/index.ts';
import { CLIENT_ID, CLIENT_SECRET, fakeDidit, SESSION_ID } from './helpers/fake-didit.ts';

describe('in a browser-like runtime (jsdom)', () => {
  it('really is one: window and document exist', () => {
    expect(typeof window).toBe('object');
    expect(typeof document.createElement).toBe('function');
  });

  it('refuses a client with a clientSecret, saying what to do instead, without quoting the secret', () => {
    let error: unknown;
    try {
      new DiditClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const message = (error as Error).message;
    expect(message).toMatch(/browser/);
    expect(message).toMatch(/proxy/);
    expect(message).toMatch(/dangerouslyAllowBrowser/);
    expect(message).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
  });

  it('allows it with dangerouslyAllowBrowser: true', () => {
    const client = new DiditClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, dangerouslyAllowBrowser: true });
    expect(client.hasCredentials).toBe(true);
  });

  it('allows a client without credentials, which calls the proxy route with no Authorization header', async () => {
    const fake = fakeDidit();
    const client = new DiditClient({ baseUrl: 'https://app.test/api/didit', fetch: fake.fetch });
    const decision = await client.sessions.getDecision(SESSION_ID);
    expect(decision.session_id).toBe(SESSION_ID);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.url.href).toBe(`https://app.test/api/didit/v1/session/${SESSION_ID}/decision/`);
    expect(fake.requests[0]?.headers.has('authorization')).toBe(false);
  });
});
