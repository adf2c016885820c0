import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import { createMockApp, type MockAppOptions } from './app.ts';
import { ConnectionDroppedError } from './faults.ts';
import { internalsOf } from './internals.ts';
import type { MockApp } from './routing.ts';

export interface MockServerOptions extends MockAppOptions {
  /** Default 4010; 0 picks a free port (read it from `url`). */
  port?: number | undefined;
  /** Default `127.0.0.1`. */
  host?: string | undefined;
}

export interface MockServer {
  /** For example `http://127.0.0.1:4010`: the base URL of the API, the auth server and the hosted page. */
  readonly url: string;
  readonly port: number;
  /** The Hono app it serves. */
  readonly app: MockApp;
  /** Stops listening, closes every connection (keep-alive ones too), cancels pending delays and webhook retries. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

/** Serves `createMockApp(options)` over HTTP on Node. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = DEFAULT_PORT, host = DEFAULT_HOST, ...appOptions } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be a whole number from 0 to 65535; got ${port}`);
  }
  const app = createMockApp(appOptions);
  const listener = getRequestListener(app.fetch, {
    // `fail=connection` already destroyed the socket: there is nothing to answer.
    errorHandler: (error) => {
      if (error instanceof ConnectionDroppedError) return undefined;
      // @hono/node-server refuses some request targets (a backslash in the path) before the app
      // sees them: the client's fault, so a 400 rather than a 500.
      if (error instanceof RequestError) {
        return Response.json(
          { detail: 'Bad request.' },
          { status: 400, headers: { 'x-request-id': crypto.randomUUID() } },
        );
      }
      console.error('didit mock server: request failed:', error);
      return new Response(null, { status: 500 });
    },
  });
  const server: Server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    app,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        internalsOf(app)?.dispose();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
