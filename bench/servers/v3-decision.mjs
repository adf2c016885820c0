// The server of the client part's v3 half: Didit's v3 decision route on a bare Hono app
// (@hono/node-server), answering with the bytes of the spec's own user decision example when
// `x-api-key` matches, and Didit's 403 otherwise. Usage: node v3-decision.mjs [--api-key KEY]
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { V3_DECISION_EXAMPLE } from '../lib/v3-example.mjs';

const keyArg = process.argv.indexOf('--api-key');
const apiKey = keyArg >= 0 ? process.argv[keyArg + 1] : 'bench-v3-api-key';

// The file's bytes as they are: the response the client and raw undici both read.
const decision = new Uint8Array(readFileSync(V3_DECISION_EXAMPLE));
const forbidden = new TextEncoder().encode(
  JSON.stringify({ detail: 'Authentication credentials were not provided or are invalid.' }),
);
const json = { 'content-type': 'application/json' };

const app = new Hono();
app.get('/v3/session/:id/decision/', (c) =>
  c.req.header('x-api-key') === apiKey ? c.body(decision, 200, json) : c.body(forbidden, 403, json),
);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`v3 decision server on http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
