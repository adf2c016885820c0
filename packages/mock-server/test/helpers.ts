import type { MockInstance } from '../src/app.ts';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, type MockAppOptions } from '../src/index.ts';

export const SEED_ID = '11111111-2222-3333-4444-555555555555';

export function basic(id = DEFAULT_CLIENT_ID, secret = DEFAULT_CLIENT_SECRET): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** `authorization: null` sends no Authorization header. */
export function tokenRequest(authorization: string | null = basic(), body = 'grant_type=client_credentials') {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authorization !== null) headers.authorization = authorization;
  return { method: 'POST', headers, body };
}

export async function getToken(app: Pick<MockInstance, 'request'>): Promise<string> {
  const res = await app.request('/auth/v2/token/', tokenRequest());
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** An app plus a `call` that sends requests with a valid Bearer token. */
export async function authedApp(options: MockAppOptions = {}) {
  const app = createMockApp(options);
  const token = await getToken(app);
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return app.request(path, { ...init, headers });
  };
  const json = (path: string, method: string, body: unknown) =>
    call(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { app, token, call, json };
}
