// A Fastify app that mounts createDiditProxy through @hono/node-server's Fetch-to-Node bridge, as
// @didit-kit/core's README documents. Prints `SMOKE_APP_URL <url>` when listening.
import { getRequestListener } from '@hono/node-server';
import Fastify from 'fastify';
import { createSmokeProxy } from '../smoke-proxy.mjs';

const diditProxy = createSmokeProxy();

const app = Fastify();
const listener = getRequestListener(diditProxy);
await app.register(async (scope) => {
  // In this scope no parser reads the body: the proxy streams it (and limits it) itself.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
  scope.all('/api/didit/*', async (request, reply) => {
    reply.hijack();
    await listener(request.raw, reply.raw);
  });
});
// Outside that scope Fastify parses JSON as usual.
app.post('/echo', async (request) => request.body);

console.log(`SMOKE_APP_URL ${await app.listen({ port: 0, host: '127.0.0.1' })}`);
