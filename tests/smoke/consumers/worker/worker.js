// An edge function (Cloudflare Workers, Vercel Edge, ...): the proxy route of the browser flow,
// holding the credentials. Built by Vite for a web-worker target, where Node's modules do not exist.

import { createDiditProxy } from '@didit-kit/core/server';
import { DiditClient } from '@didit-kit/core/v1';

export default {
  async fetch(request, env) {
    const client = new DiditClient({
      clientId: env.DIDIT_CLIENT_ID,
      clientSecret: env.DIDIT_CLIENT_SECRET,
      baseUrl: env.DIDIT_URL,
      authUrl: env.DIDIT_URL,
    });
    return createDiditProxy(client, { prefix: '/api/didit' })(request);
  },
};
