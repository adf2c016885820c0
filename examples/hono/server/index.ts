// The Hono server, on Node: Didit's two routes, the demo sign-in, and the front end (Vite's dev server in
// development, the `vite build` output in production). `npm run dev` starts it through scripts/dev.mjs.
import { createServer } from 'node:http';
import { getRequestListener, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { DEMO_USER_COOKIE, isUserName, signedInUser } from './demo-auth.ts';
import { diditProxy, diditWebhook } from './didit.ts';

const dev = process.env.NODE_ENV === 'development';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

const app = new Hono();

// Didit's routes are fetch-standard handlers: they take the raw Request (the webhook checks its signature over the
// exact bytes) and answer a Response (the decision's event stream included).
app.post('/api/webhooks/didit', (c) => diditWebhook(c.req.raw));
app.all('/api/didit/*', (c) => diditProxy(c.req.raw));

app.get('/api/me', (c) => c.json({ user: signedInUser(c.req.raw) ?? null }));
app.post('/api/sign-in', async (c) => {
  const body: { name?: unknown } = await c.req.json().catch(() => ({}));
  const name = String(body.name ?? '')
    .trim()
    .toLowerCase();
  if (!isUserName(name)) return c.json({ detail: 'Use letters, digits, - and _ (at most 32).' }, 400);
  setCookie(c, DEMO_USER_COOKIE, name, { httpOnly: true, sameSite: 'Lax', path: '/' });
  return c.json({ user: name });
});
app.post('/api/sign-out', (c) => {
  deleteCookie(c, DEMO_USER_COOKIE, { path: '/' });
  return c.json({ user: null });
});
app.all('/api/*', (c) => c.json({ detail: 'Not found.' }, 404));

const listening = () => console.log(`App: http://${host}:${port}`);

if (dev) {
  // Vite in middleware mode serves everything but /api: the front end with hot reload, its websocket on this same
  // server.
  const { createServer: createViteServer } = await import('vite');
  const api = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) void api(req, res);
    else vite.middlewares(req, res);
  });
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server } }, appType: 'spa' });
  server.listen(port, host, listening);
} else {
  app.use('/*', serveStatic({ root: './dist' }));
  app.get('*', serveStatic({ path: './dist/index.html' }));
  serve({ fetch: app.fetch, port, hostname: host }, listening);
}
