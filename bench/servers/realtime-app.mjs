// The realtime part's server under test: one app instance as a user would deploy it, built from
// @didit-kit/core/server's dist: the webhook route (POST /webhooks/didit), the proxy with its event
// stream (/api/didit/...), and a hub, in memory or on Redis (`--redis URL`, ioredis connections).
// Usage: node realtime-app.mjs --upstream URL --api-key KEY --secret S [--redis URL] [--heartbeat-ms N]

import { DiditClient } from '@didit-kit/core';
import { createDiditProxy, createWebhookHandler, MemoryDecisionHub, RedisDecisionHub } from '@didit-kit/core/server';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const redisUrl = arg('redis');
const connections = redisUrl ? [new Redis(redisUrl), new Redis(redisUrl)] : [];
const hub = redisUrl
  ? new RedisDecisionHub({ publisher: connections[0], subscriber: connections[1] })
  : new MemoryDecisionHub();
const client = new DiditClient({ apiKey: arg('api-key'), baseUrl: arg('upstream') });
const webhook = createWebhookHandler({ client, secret: arg('secret'), hub, logger: {} });
const proxy = createDiditProxy(client, {
  prefix: '/api/didit',
  allow: ['decision', 'events'],
  events: hub,
  // The bench opens its streams without a signed-in user, and 10,000 of them on one session: the
  // caps that refuse such a flood in production are raised here, on purpose.
  authorize: 'public',
  maxStreams: 20_000,
  maxStreamsPerSession: 20_000,
  eventsHeartbeatMs: Number(arg('heartbeat-ms', '15000')),
  logger: {},
});

const server = serve(
  {
    fetch: (request) => (new URL(request.url).pathname === '/webhooks/didit' ? webhook(request) : proxy(request)),
    port: 0,
    hostname: '127.0.0.1',
  },
  (info) => console.log(`realtime app on http://127.0.0.1:${info.port}`),
);
// 10,000 streams: the default backlog (511) would refuse bursts of connections.
server.maxConnections = 50_000;
process.on('SIGTERM', () => {
  for (const connection of connections) connection.disconnect();
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
