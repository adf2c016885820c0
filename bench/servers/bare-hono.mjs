// The baseline for the mock server's throughput: bare Hono routes on @hono/node-server returning
// the bytes the mock sends (the seed decision for v1, the approved v3 fixture for v3), and nothing else.
// `node bare-hono.mjs <path> <file>` adds `GET <path>` answering the bytes of `file` (what the mock
// answered there, captured by the bench).
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The same bytes the mock server sends: the fixture as compact JSON.
const fixture = readFileSync(
  new URL('../../packages/mock-server/fixtures/decision.declined-aml.json', import.meta.url),
);
const body = new TextEncoder().encode(JSON.stringify(JSON.parse(fixture.toString('utf8'))));
const v3Fixture = readFileSync(
  new URL('../../packages/mock-server/fixtures/v3/decision.approved.json', import.meta.url),
);
const v3Body = new TextEncoder().encode(JSON.stringify(JSON.parse(v3Fixture.toString('utf8'))));
const app = new Hono();
app.get('/v1/session/:id/decision/', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
app.get('/v3/session/:id/decision/', (c) => c.body(v3Body, 200, { 'content-type': 'application/json' }));
const [path, file] = process.argv.slice(2);
if (path && file) {
  const captured = readFileSync(file);
  app.get(path, (c) => c.body(captured, 200, { 'content-type': 'application/json' }));
}
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare hono on http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
