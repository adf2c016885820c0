// Runs the Vite-built page's client code (argv[2], the bundle) in Node, the way the page would run
// in production: the browser client has no credentials and calls a proxy route; the route is
// `createDiditProxy` from `@didit-kit/core/server`, served here on 127.0.0.1 over a client that
// holds the mock server's credentials. Prints `SMOKE_RESULT {...}`.
import { createServer } from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { createDiditProxy } from '@didit-kit/core/server';
import { DiditClient } from '@didit-kit/core/v1';

const { DIDIT_SMOKE_URL: url, DIDIT_SMOKE_CLIENT_ID: clientId, DIDIT_SMOKE_CLIENT_SECRET: clientSecret } = process.env;
const proxy = createDiditProxy(new DiditClient({ clientId, clientSecret, baseUrl: url, authUrl: url }), {
  prefix: '/api/didit',
});

const server = createServer(async (req, res) => {
  const request = new Request(new URL(req.url, 'http://127.0.0.1'), { method: req.method, headers: req.headers });
  const response = await proxy(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

try {
  await import(pathToFileURL(process.argv[2]).href);
  const result = await globalThis.__diditSmoke(`http://127.0.0.1:${server.address().port}/api/didit`);
  console.log(`SMOKE_RESULT ${JSON.stringify(result)}`);
} finally {
  server.close();
}
