// An Express app that mounts createDiditProxy through @hono/node-server's Fetch-to-Node bridge and
// serves the Vite-built page (argv[3]) beside it. argv[2] is the Express major, 5 or 4: the same app
// on both, with each one's wildcard syntax. Prints `SMOKE_APP_URL <url>` when listening.
import { join } from 'node:path';
import process from 'node:process';
import { getRequestListener } from '@hono/node-server';
import { createSmokeProxy } from '../smoke-proxy.mjs';

const major = process.argv[2] === '4' ? 4 : 5;
const { default: express } = await import(major === 4 ? 'express4' : 'express');

const diditProxy = createSmokeProxy();

const app = express();
// The two lines the README documents. `app.all` (not `app.use`) keeps the full path in `req.url`.
app.all(major === 4 ? '/api/didit/*' : '/api/didit/*splat', getRequestListener(diditProxy));
// Body parsers come after the proxy's route: one that ran first would consume the review body.
app.use(express.json());
if (process.argv[3]) app.use(express.static(join(process.cwd(), process.argv[3])));

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`SMOKE_APP_URL http://127.0.0.1:${server.address().port}`);
});
