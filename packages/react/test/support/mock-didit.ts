// The whole path of a real app, in-process: browser client -> the app's proxy route
// (createDiditProxy, holding the credentials) -> @didit-kit/mock-server standing in for Didit.

import { createDiditProxy } from '@didit-kit/core/server';
import { DiditClient, type FetchLike } from '@didit-kit/core/v1';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '@didit-kit/mock-server';

const MOCK = 'http://mock.test';

export function mockDidit() {
  const app = createMockApp();
  /** `METHOD /path` of every request that reached "Didit" (the mock). */
  const upstream: string[] = [];
  const server = new DiditClient({
    baseUrl: MOCK,
    authUrl: MOCK,
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    // jsdom makes this process look like a browser; this client plays the app server's part.
    dangerouslyAllowBrowser: true,
    fetch: (request) => {
      upstream.push(`${request.method} ${new URL(request.url).pathname}`);
      return app.fetch(request);
    },
  });
  // The app's route under /api/didit: decisions and reviews through the proxy. A real app's
  // authorize checks the signed-in user (a reviewer for PATCH, the session's owner for reads).
  const appFetch: FetchLike = createDiditProxy(server, {
    prefix: '/api/didit',
    allow: ['decision', 'update-status'],
    authorize: () => true,
  });

  /** Steers a session with the mock's admin route. */
  async function setStatus(sessionId: string, status: string): Promise<void> {
    const response = await app.request(`/__mock/sessions/${sessionId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    if (!response.ok) throw new Error(`the mock refused ${status}: ${response.status} ${await response.text()}`);
  }

  return {
    server,
    appFetch,
    upstream,
    setStatus,
    decisionRequests: () => upstream.filter((line) => line.startsWith('GET') && line.endsWith('/decision/')),
  };
}
