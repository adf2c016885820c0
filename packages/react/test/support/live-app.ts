// A real app on 127.0.0.1: @didit-kit/mock-server standing in for Didit (v3, API key) and the
// app's own server with createDiditProxy mounted at /api/didit, each on its own port. The
// "signed-in user" is a `uid` cookie; create records each session's owner, and authorize lets
// only that owner read the decision, as the README's pattern does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiditProxy, type DiditProxyOptions } from '@didit-kit/core/server';
import { DiditClient } from '@didit-kit/core/v3';
import { DEFAULT_API_KEY, type MockServer, startMockServer } from '@didit-kit/mock-server';
import { getRequestListener } from '@hono/node-server';

export const WORKFLOW_ID = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

function userOf(request: Request): string | undefined {
  return /(?:^|;\s*)uid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

export interface LiveApp {
  /** The app's origin, `http://127.0.0.1:<port>`; the proxy is at `${origin}/api/didit`. */
  origin: string;
  mock: MockServer;
  /** Session id → the user who started it. */
  owners: Map<string, string>;
  /** `METHOD /path` of every request the app's server received. */
  received: string[];
  /** Stops the app's server (the mock keeps running), as a crash or a deploy would. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** From now on, answers every request with this status (a proxy behind a failing gateway); `undefined` to stop. */
  failWith(status: number | undefined): void;
  /** A fetch for the browser side: sends the user's cookie, as a browser would. */
  browserFetch(user: string): (request: Request) => Promise<Response>;
  close(): Promise<void>;
}

export async function startLiveApp(options: DiditProxyOptions = {}): Promise<LiveApp> {
  const mock = await startMockServer({ port: 0 });
  const server = new DiditClient({ apiKey: DEFAULT_API_KEY, baseUrl: mock.url, dangerouslyAllowBrowser: true });
  const owners = new Map<string, string>();
  const received: string[] = [];
  let failure: number | undefined;
  const proxy = createDiditProxy(server, {
    prefix: '/api/didit',
    allow: ['decision', 'create'],
    prepareCreate: (request) => {
      const user = userOf(request);
      return user ? { workflow_id: WORKFLOW_ID, vendor_data: user } : null;
    },
    onCreated: (session, request) => {
      const user = userOf(request);
      if (user) owners.set(session.session_id, user);
    },
    authorize: (request, sessionId) => owners.get(sessionId) === userOf(request),
    cacheMs: 0,
    logger: {},
    ...options,
  });
  const listener = getRequestListener((request) => {
    received.push(`${request.method} ${new URL(request.url).pathname}`);
    if (failure !== undefined) return Response.json({ detail: 'Unavailable.' }, { status: failure });
    return proxy(request);
  });

  let http: Server | undefined;
  let port = 0;
  const listen = async () => {
    http = createServer(listener);
    await new Promise<void>((resolve) => http?.listen(port, '127.0.0.1', resolve));
    port = (http.address() as AddressInfo).port;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!http) return resolve();
      http.closeAllConnections();
      http.close(() => resolve());
      http = undefined;
    });
  await listen();

  return {
    origin: `http://127.0.0.1:${port}`,
    mock,
    owners,
    received,
    stop,
    restart: listen,
    failWith: (status) => {
      failure = status;
    },
    browserFetch: (user) => (request) => {
      const headers = new Headers(request.headers);
      headers.set('cookie', `uid=${user}`);
      return fetch(request.url, {
        method: request.method,
        headers,
        body: request.body,
        signal: request.signal,
        duplex: 'half',
      } as RequestInit);
    },
    close: async () => {
      await stop();
      await mock.close();
    },
  };
}
