import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDiditProxy } from '@didit-kit/core/server';
import { type DiditClient, isDiditError } from '@didit-kit/core/v1';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { listGallery } from './gallery.ts';

export interface DemoAppOptions {
  /** The server's client: it alone holds the credentials. */
  client: DiditClient;
  /** `mock`: the embedded mock server (with its fixture gallery); `didit`: the real service. */
  mode: 'mock' | 'didit';
  /** Where a browser reaches this app; Didit redirects to `{publicUrl}/callback`. A function: known after listen. */
  publicUrl: () => string;
  /** The Vite build (`dist/`). */
  staticDir: string;
  /** The mock's pre-seeded fixture sessions, for the gallery. */
  gallerySessionIds?: readonly string[] | undefined;
  /** Origins the page may load decision images from besides https (the mock serves its own over http). */
  imageOrigins?: readonly string[] | undefined;
}

const jsonNotFound = { detail: 'Not found.' };

/**
 * The demo's back end: creates sessions, proxies the decision and the PDF to the browser, lists
 * the gallery, and serves the single-page front end. The browser only ever talks to this app.
 */
export function createDemoApp(options: DemoAppOptions) {
  const { client, mode, staticDir } = options;
  // Sessions this process created. Against the real Didit, the proxy shows only these: a real app
  // would check that the signed-in user owns the session instead.
  const created = new Set<string>();
  const galleryIds = new Set(options.gallerySessionIds ?? []);

  const proxy = createDiditProxy(client, {
    allow: ['decision', 'pdf'],
    prefix: '/api/didit',
    authorize: (_request, sessionId) => mode === 'mock' || created.has(sessionId) || galleryIds.has(sessionId),
  });

  const app = new Hono();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
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

  app.get('/api/info', (c) => c.json({ mode }));

  app.post('/api/sessions', async (c) => {
    // A cross-site form cannot send JSON without a CORS preflight, which this app never grants.
    if (!c.req.header('content-type')?.startsWith('application/json')) {
      return c.json({ detail: 'Send Content-Type: application/json.' }, 415);
    }
    try {
      const session = await client.sessions.create({
        callback: `${options.publicUrl()}/callback`,
        vendor_data: `demo-user-${randomUUID()}`,
      });
      created.add(session.session_id);
      // Only what the browser needs: never the session token, never a credential.
      return c.json({ session_id: session.session_id, url: session.url }, 201);
    } catch (error) {
      console.error(`demo: creating a session failed: ${describe(error)}`);
      return c.json({ detail: `Could not create a verification session: ${describe(error)}` }, 502);
    }
  });

  app.get('/api/gallery', async (c) => {
    if (mode !== 'mock') return c.json({ available: false, sessions: [] });
    try {
      return c.json({ available: true, sessions: await listGallery(client, [...galleryIds]) });
    } catch (error) {
      console.error(`demo: loading the gallery failed: ${describe(error)}`);
      return c.json({ detail: `Could not load the fixtures: ${describe(error)}` }, 502);
    }
  });

  app.all('/api/didit/*', (c) => proxy(c.req.raw));
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
