// Serves fetch handlers (the proxy, the webhook handler) on a real HTTP server on 127.0.0.1.

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveFetch(fetch: (request: Request) => Promise<Response>): Promise<Served> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
