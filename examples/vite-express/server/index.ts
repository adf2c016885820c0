// The Express 5 server: Didit's two routes, the demo sign-in, and the front end (Vite's dev server in
// development, the `vite build` output in production). `npm run dev` starts it through scripts/dev.mjs.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { DEMO_USER_COOKIE, isUserName, userFromCookies } from './demo-auth.ts';
import { diditProxy, diditWebhook } from './didit.ts';

const dev = process.env.NODE_ENV === 'development';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

const app = express();
const server = createServer(app);

// Didit's routes come first: both read the raw request (the webhook checks its signature over the exact bytes), so
// no body parser may run before them. `getRequestListener` hands Node's request to their fetch-style handlers and
// streams the answer back (the decision's event stream included).
app.post('/api/webhooks/didit', getRequestListener(diditWebhook));
app.all('/api/didit/*splat', getRequestListener(diditProxy));

app.use(express.json());

app.get('/api/me', (req, res) => {
  res.json({ user: userFromCookies(req.headers.cookie) ?? null });
});
app.post('/api/sign-in', (req, res) => {
  const name = String(req.body?.name ?? '')
    .trim()
    .toLowerCase();
  if (!isUserName(name)) {
    res.status(400).json({ detail: 'Use letters, digits, - and _ (at most 32).' });
    return;
  }
  res.cookie(DEMO_USER_COOKIE, name, { httpOnly: true, sameSite: 'lax', path: '/' });
  res.json({ user: name });
});
app.post('/api/sign-out', (_req, res) => {
  res.clearCookie(DEMO_USER_COOKIE, { path: '/' });
  res.json({ user: null });
});
app.use('/api', (_req, res) => {
  res.status(404).json({ detail: 'Not found.' });
});

if (dev) {
  // Vite in middleware mode: the front end with hot reload, its websocket on this same server.
  const { createServer: createViteServer } = await import('vite');
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server } }, appType: 'spa' });
  app.use(vite.middlewares);
} else {
  const dist = resolve(import.meta.dirname, '../dist');
  app.use(express.static(dist, { index: false }));
  app.get('*splat', (_req, res) => {
    res.sendFile(resolve(dist, 'index.html'));
  });
}

server.listen(port, host, () => {
  console.log(`App: http://${host}:${port}`);
});
