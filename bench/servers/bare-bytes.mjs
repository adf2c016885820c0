// A baseline for one of the mock's routes: a bare Hono route on @hono/node-server answering `GET <path>` with the
// bytes of a file (what the mock answered there, captured by the bench), and nothing else.
// Usage: node bare-bytes.mjs <path> <file>
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [path, file] = process.argv.slice(2);
if (!path || !file) throw new Error('usage: node bare-bytes.mjs <path> <file>');
const body = readFileSync(file);
const app = new Hono();
app.get(path, (c) => c.body(body, 200, { 'content-type': 'application/json' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare hono on http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
