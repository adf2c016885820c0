import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MemoryDecisionHub } from '@didit-kit/core/server';
import { DiditClient as DiditV1Client, type FetchLike } from '@didit-kit/core/v1';
import { DiditClient as DiditV3Client } from '@didit-kit/core/v3';
import {
  DEFAULT_API_KEY,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  FIXTURE_SESSION_IDS,
  type MockServerOptions,
  startMockServer,
  V3_FIXTURE_IDS,
} from '@didit-kit/mock-server';
import { serve } from '@hono/node-server';
import type { ApiVersion, DiditCredentials } from './config.ts';
import { createDemoApp, type DemoClients, WEBHOOK_PATH } from './create-demo-app.ts';

/** The workflow the demo's v3 sessions use with the mock (which accepts any workflow id). */
export const MOCK_WORKFLOW_ID = 'd1d17000-0000-4000-8000-00000000de70';

export interface StartDemoServerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Where a browser reaches this server, if not at its own address (a tunnel, a Vite dev server). */
  publicUrl?: string | undefined;
  /** The API "Verify identity" uses with the mock. Default v3; real credentials bring their own. */
  apiVersion?: ApiVersion | undefined;
  /** Real Didit credentials. Without them, the mock server is started embedded, on a free port. */
  didit?: DiditCredentials | undefined;
  /** The Vite build to serve. Default: `apps/demo/dist`. */
  staticDir?: string | undefined;
  /** Options for the embedded mock server, such as `fixturesDir` (extra fixtures, shown in the gallery too). */
  mockOptions?: Omit<MockServerOptions, 'port' | 'host' | 'clientId' | 'clientSecret'> | undefined;
  /** For the server's `DiditClient` (tests use it to observe the tokens issued). */
  fetch?: FetchLike | undefined;
  /**
   * Live updates (webhook → event stream) instead of polling. Default true with the mock, which is
   * told to deliver its webhooks here; with the real Didit, they need `webhookSecret` (your
   * destination's secret) and Didit reaching `{publicUrl}/api/webhooks/didit`.
   */
  realtime?: boolean | undefined;
  /** The real Didit's webhook secret (`DIDIT_WEBHOOK_SECRET`). The mock gets a random one. */
  webhookSecret?: string | undefined;
}

export interface RunningMock {
  url: string;
  close(): Promise<void>;
}

export interface DemoServer {
  url: string;
  mode: 'mock' | 'didit';
  apiVersion: ApiVersion;
  /** Live updates are on: the page follows the proxy's event stream. */
  realtime: boolean;
  /** The embedded mock server, when there is one. */
  mock: RunningMock | undefined;
  close(): Promise<void>;
}

/** `apps/demo/dist`, from `server/*.ts` (tests) and from `dist-server/*.js` (the built start script) alike. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Starts the demo: the mock server (unless real credentials are given), then the back end serving the front end. */
export async function startDemoServer(options: StartDemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  // Listening first: the mock's webhooks (and Didit's callback) need this server's URL, and the app
  // needs the mock's. Until the app exists, requests get 503.
  let app: { fetch: (request: Request) => Response | Promise<Response> } | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request) => app?.fetch(request) ?? new Response('Starting…', { status: 503 }),
        port: options.port ?? 3000,
        hostname: host,
      },
      () => resolve(started),
    );
    started.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections from the browser would hold close() open.
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  const publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? url;
  const webhookSecret = options.didit ? options.webhookSecret : randomBytes(24).toString('hex');
  const realtime = (options.realtime ?? true) && webhookSecret !== undefined && webhookSecret !== '';

  let mock: RunningMock | undefined;
  let clients: DemoClients;
  let apiVersion: ApiVersion;
  let workflowId: string | undefined;
  try {
    const didit = options.didit;
    if (didit?.apiVersion === 'v3') {
      apiVersion = 'v3';
      workflowId = didit.workflowId;
      clients = { v3: new DiditV3Client({ apiKey: didit.apiKey, baseUrl: didit.baseUrl, fetch: options.fetch }) };
    } else if (didit?.apiVersion === 'v1') {
      apiVersion = 'v1';
      clients = {
        v1: new DiditV1Client({
          clientId: didit.clientId,
          clientSecret: didit.clientSecret,
          baseUrl: didit.baseUrl,
          authUrl: didit.authUrl,
          fetch: options.fetch,
        }),
      };
    } else {
      apiVersion = options.apiVersion ?? 'v3';
      workflowId = MOCK_WORKFLOW_ID;
      mock = await startMockServer({
        ...options.mockOptions,
        port: 0,
        host: '127.0.0.1',
        // The mock delivers every session's webhooks here, as Didit does to a destination.
        ...(realtime && webhookSecret ? { webhookUrl: `${url}${WEBHOOK_PATH}`, webhookSecret } : {}),
      });
      // The mock speaks both: sessions are created with `apiVersion`, and the gallery shows both.
      // A local server either answers at once or is down: fail fast so the page can say so.
      const local = { baseUrl: mock.url, maxRetries: 1, timeoutMs: 10_000, fetch: options.fetch };
      clients = {
        v3: new DiditV3Client({ ...local, apiKey: DEFAULT_API_KEY }),
        v1: new DiditV1Client({
          ...local,
          clientId: DEFAULT_CLIENT_ID,
          clientSecret: DEFAULT_CLIENT_SECRET,
          authUrl: mock.url,
        }),
      };
    }

    const gallery = mock ? await gallerySessions(mock.url, apiVersion) : undefined;
    app = createDemoApp({
      clients,
      apiVersion,
      workflowId,
      mode: mock ? 'mock' : 'didit',
      publicUrl: () => publicUrl,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      gallery,
      imageOrigins: mock ? [mock.url] : undefined,
      frameOrigins: mock ? [mock.url] : undefined,
      realtime: realtime && webhookSecret ? { hub: new MemoryDecisionHub(), webhookSecret } : undefined,
    });
  } catch (error) {
    await mock?.close();
    await closeServer();
    throw error;
  }

  return {
    url,
    mode: mock ? 'mock' : 'didit',
    apiVersion,
    realtime,
    mock,
    async close() {
      await closeServer();
      await mock?.close();
    },
  };
}

/**
 * The gallery: with v3, the mock's v3 fixtures beside the seed's v1 Declined/AML decision; with v1,
 * every v1 fixture (built-in and user fixtures, from the admin routes).
 */
async function gallerySessions(
  mockUrl: string,
  apiVersion: ApiVersion,
): Promise<{ v1: readonly string[]; v3: readonly string[] }> {
  if (apiVersion === 'v3') return { v3: Object.values(V3_FIXTURE_IDS), v1: [FIXTURE_SESSION_IDS.declinedAml] };
  return { v3: [], v1: await fixtureSessionIds(mockUrl) };
}

/** The mock's pre-seeded v1 sessions, from its admin routes; the built-in ids without them. */
async function fixtureSessionIds(mockUrl: string): Promise<string[]> {
  try {
    const response = await fetch(`${mockUrl}/__mock/sessions`);
    if (response.ok) {
      const body = (await response.json()) as {
        sessions?: { session_id: string; source: string; api_version?: string }[];
      };
      const ids = (body.sessions ?? [])
        .filter((s) => s.source === 'fixture' && (s.api_version ?? 'v1') === 'v1')
        .map((s) => s.session_id);
      if (ids.length > 0) return ids;
    }
  } catch {
    // the admin routes are switched off: fall through
  }
  return Object.values(FIXTURE_SESSION_IDS);
}
