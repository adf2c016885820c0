import { fileURLToPath } from 'node:url';
import { DiditClient, type FetchLike } from '@didit-kit/core/v1';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  FIXTURE_SESSION_IDS,
  type MockServerOptions,
  startMockServer,
} from '@didit-kit/mock-server';
import { serve } from '@hono/node-server';
import type { DiditCredentials } from './config.ts';
import { createDemoApp } from './create-demo-app.ts';

export interface StartDemoServerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Where a browser reaches this server, if not at its own address (a tunnel, a Vite dev server). */
  publicUrl?: string | undefined;
  /** Real Didit credentials. Without them, the mock server is started embedded, on a free port. */
  didit?: DiditCredentials | undefined;
  /** The Vite build to serve. Default: `apps/demo/dist`. */
  staticDir?: string | undefined;
  /** Options for the embedded mock server, such as `fixturesDir` (extra fixtures, shown in the gallery too). */
  mockOptions?: Omit<MockServerOptions, 'port' | 'host' | 'clientId' | 'clientSecret'> | undefined;
  /** For the server's `DiditClient` (tests use it to observe the tokens issued). */
  fetch?: FetchLike | undefined;
}

export interface RunningMock {
  url: string;
  close(): Promise<void>;
}

export interface DemoServer {
  url: string;
  mode: 'mock' | 'didit';
  /** The embedded mock server, when there is one. */
  mock: RunningMock | undefined;
  close(): Promise<void>;
}

/** `apps/demo/dist`, from `server/*.ts` (tests) and from `dist-server/*.js` (the built start script) alike. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Starts the demo: the mock server (unless real credentials are given), then the back end serving the front end. */
export async function startDemoServer(options: StartDemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  let mock: RunningMock | undefined;
  let client: DiditClient;
  if (options.didit) {
    client = new DiditClient({
      clientId: options.didit.clientId,
      clientSecret: options.didit.clientSecret,
      baseUrl: options.didit.baseUrl,
      authUrl: options.didit.authUrl,
      fetch: options.fetch,
    });
  } else {
    mock = await startMockServer({ ...options.mockOptions, port: 0, host: '127.0.0.1' });
    client = new DiditClient({
      clientId: DEFAULT_CLIENT_ID,
      clientSecret: DEFAULT_CLIENT_SECRET,
      baseUrl: mock.url,
      authUrl: mock.url,
      // A local server either answers at once or is down: fail fast so the page can say so.
      maxRetries: 1,
      timeoutMs: 10_000,
      fetch: options.fetch,
    });
  }

  const gallerySessionIds = mock ? await fixtureSessionIds(mock.url) : undefined;
  let url = '';
  const app = createDemoApp({
    client,
    mode: mock ? 'mock' : 'didit',
    publicUrl: () => options.publicUrl?.replace(/\/+$/, '') ?? url,
    staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
    gallerySessionIds,
    imageOrigins: mock ? [mock.url] : undefined,
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(started));
    started.once('error', reject);
  }).catch(async (error: unknown) => {
    await mock?.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    mode: mock ? 'mock' : 'didit',
    mock,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections from the browser would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await mock?.close();
    },
  };
}

/** The mock's pre-seeded sessions (built-in and user fixtures), from its admin routes; the built-in ids without them. */
async function fixtureSessionIds(mockUrl: string): Promise<string[]> {
  try {
    const response = await fetch(`${mockUrl}/__mock/sessions`);
    if (response.ok) {
      const body = (await response.json()) as { sessions?: { session_id: string; source: string }[] };
      const ids = (body.sessions ?? []).filter((s) => s.source === 'fixture').map((s) => s.session_id);
      if (ids.length > 0) return ids;
    }
  } catch {
    // the admin routes are switched off: fall through
  }
  return Object.values(FIXTURE_SESSION_IDS);
}
