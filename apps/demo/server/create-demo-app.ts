import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDiditError } from '@didit-kit/core';
import {
  createDiditProxy,
  createWebhookHandler,
  type DecisionHub,
  type DiditProxyHandler,
  type DiditProxyOptions,
} from '@didit-kit/core/server';
import type { DiditClient as DiditV1Client } from '@didit-kit/core/v1';
import type { DiditClient as DiditV3Client } from '@didit-kit/core/v3';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiVersion } from './config.ts';
import { listGallery } from './gallery.ts';

/** The server's clients, by API generation: they alone hold the credentials. The mock serves both. */
export interface DemoClients {
  v3?: DiditV3Client | undefined;
  v1?: DiditV1Client | undefined;
}

export interface DemoAppOptions {
  clients: DemoClients;
  /** The generation "Verify identity" creates sessions with; its client must be in `clients`. */
  apiVersion: ApiVersion;
  /** For v3 creates: the workflow the session runs. */
  workflowId?: string | undefined;
  /** `mock`: the embedded mock server (with its fixture gallery); `didit`: the real service. */
  mode: 'mock' | 'didit';
  /** Where a browser reaches this app; Didit redirects to `{publicUrl}/callback`. A function: known after listen. */
  publicUrl: () => string;
  /** The Vite build (`dist/`). */
  staticDir: string;
  /** The mock's pre-seeded fixture sessions, for the gallery, by generation. */
  gallery?: { v1: readonly string[]; v3: readonly string[] } | undefined;
  /** Origins the page may load decision images from besides https (the mock serves its own over http). */
  imageOrigins?: readonly string[] | undefined;
  /** Origins the embedded verification (an iframe) may load: the mock's, or Didit's. */
  frameOrigins?: readonly string[] | undefined;
  /**
   * Live updates: Didit's webhook (at `POST /api/webhooks/didit`, signed with `webhookSecret`)
   * publishes each decision to `hub`, and the proxy streams it to the page (`'events'`). Without
   * it, the page polls.
   */
  realtime?: { hub: DecisionHub; webhookSecret: string } | undefined;
}

/** Where Didit (or the mock) delivers webhooks to the demo. */
export const WEBHOOK_PATH = '/api/webhooks/didit';

/** Didit's hosted verification page, which the web SDK frames. */
const DIDIT_FRAME_ORIGINS = ['https://verify.didit.me', 'https://*.didit.me'];

const jsonNotFound = { detail: 'Not found.' };

/**
 * The demo's back end: creates sessions, proxies the decision and the PDF to the browser, lists
 * the gallery, and serves the single-page front end. The browser only ever talks to this app.
 */
export function createDemoApp(options: DemoAppOptions) {
  const { clients, mode, staticDir, apiVersion } = options;
  // Sessions this process created. Against the real Didit, the proxy shows only these: a real app
  // would check that the signed-in user owns the session instead.
  const created = new Set<string>();
  const galleryIds = new Set([...(options.gallery?.v1 ?? []), ...(options.gallery?.v3 ?? [])]);

  const shared: DiditProxyOptions = {
    allow: ['decision', 'pdf'],
    prefix: '/api/didit',
    authorize: (_request, sessionId) => mode === 'mock' || created.has(sessionId) || galleryIds.has(sessionId),
  };
  // "Verify identity" (useCreateSession) on the generation in use: the server decides what is created,
  // never the browser.
  const { realtime } = options;
  const creating: DiditProxyOptions = {
    ...shared,
    allow: ['decision', 'pdf', 'create', ...(realtime ? (['events'] as const) : [])],
    events: realtime?.hub,
    prepareCreate: () => {
      const body = { callback: `${options.publicUrl()}/callback`, vendor_data: `demo-user-${randomUUID()}` };
      return apiVersion === 'v3' ? { ...body, workflow_id: options.workflowId } : body;
    },
    onCreated: (session) => {
      created.add(session.session_id);
    },
  };
  const proxyFor = (version: ApiVersion): DiditProxyHandler | undefined => {
    const client = clients[version];
    return client && createDiditProxy(client, version === apiVersion ? creating : shared);
  };
  const proxies: Record<ApiVersion, DiditProxyHandler | undefined> = { v3: proxyFor('v3'), v1: proxyFor('v1') };
  const notFound = () => Response.json(jsonNotFound, { status: 404 });

  const app = new Hono();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The web SDK (<DiditVerification>) styles its modal with a <style> element of its own.
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameSrc: [...(options.frameOrigins ?? DIDIT_FRAME_ORIGINS)],
        imgSrc: ["'self'", 'data:', 'https:', ...(options.imageOrigins ?? [])],
        mediaSrc: ["'self'", 'https:', ...(options.imageOrigins ?? [])],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get('/api/info', (c) => c.json({ mode, apiVersion, realtime: realtime !== undefined }));

  // Didit's webhook: verified, deduplicated, then the session's decision goes to the page's stream.
  const client = clients[apiVersion];
  if (realtime && client) {
    const webhook = createWebhookHandler({ client, secret: realtime.webhookSecret, hub: realtime.hub });
    app.post(WEBHOOK_PATH, (c) => webhook(c.req.raw));
  }

  app.get('/api/gallery', async (c) => {
    if (mode !== 'mock') return c.json({ available: false, sessions: [] });
    try {
      return c.json({ available: true, sessions: await listGallery(clients, options.gallery ?? { v1: [], v3: [] }) });
    } catch (error) {
      console.error(`demo: loading the gallery failed: ${describe(error)}`);
      return c.json({ detail: `Could not load the fixtures: ${describe(error)}` }, 502);
    }
  });

  // One proxy per generation the server speaks, told apart by Didit's own path (/v3/..., /v1/...).
  app.all('/api/didit/v1/*', (c) => proxies.v1?.(c.req.raw) ?? notFound());
  app.all('/api/didit/*', (c) => proxies.v3?.(c.req.raw) ?? proxies.v1?.(c.req.raw) ?? notFound());
  app.all('/api/*', (c) => c.json(jsonNotFound, 404));

  // Skipped when there is no build yet (the fallback below says how to make one).
  if (existsSync(staticDir)) {
    app.use(
      '/assets/*',
      serveStatic({
        root: staticDir,
        // Vite puts a content hash in every asset's name.
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.get(
      '*',
      serveStatic({
        root: staticDir,
        onFound: (path, c) => {
          if (path.endsWith('.html')) c.header('Cache-Control', 'no-cache');
        },
      }),
    );
  }
  // Every other page is the single-page app; it routes on the client (/, /callback, /sessions/{id}, /gallery).
  app.get('*', (c) => {
    const indexFile = join(staticDir, 'index.html');
    if (!existsSync(indexFile)) {
      return c.text('The front end is not built yet: run `pnpm build` (or `pnpm demo`) at the repository root.', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });

  return app;
}

function describe(error: unknown): string {
  // didit-kit's errors never carry a credential in their message.
  if (isDiditError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
