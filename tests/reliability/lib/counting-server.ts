import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionDroppedError } from '@didit-kit/mock-server';
import { getRequestListener } from '@hono/node-server';

/** What reached the server: the truth for "rejected before the network" and "N token requests". */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  /** The answer's status; 0 while in flight or when the connection was dropped. */
  status: number;
}

export interface CountingServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Requests to the token route. */
  tokenRequests(): number;
  /** Requests to anything but the token route. */
  apiRequests(): number;
  close(): Promise<void>;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Serves a fetch handler (a mock app's `app.fetch`) over HTTP on 127.0.0.1, counting every request
 * and telling `onToken` each access token it hands out, so the secret search knows them.
 */
export async function startCountingServer(
  handler: FetchHandler,
  onToken: (token: string) => void = () => {},
): Promise<CountingServer> {
  const seen: SeenRequest[] = [];
  const listener = getRequestListener(
    async (request: Request) => {
      const path = new URL(request.url).pathname;
      const entry: SeenRequest = { method: request.method, path, status: 0 };
      seen.push(entry);
      const response = await handler(request);
      entry.status = response.status;
      if (path === '/auth/v2/token/' && response.status === 200) {
        const body = (await response.clone().json()) as { access_token?: unknown };
        if (typeof body.access_token === 'string') onToken(body.access_token);
      }
      return response;
    },
    {
      errorHandler: (error) => {
        if (error instanceof ConnectionDroppedError) return undefined;
        return new Response(null, { status: 500 });
      },
    },
  );
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const isToken = (request: SeenRequest) => request.path === '/auth/v2/token/';
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    tokenRequests: () => seen.filter(isToken).length,
    apiRequests: () => seen.filter((request) => !isToken(request)).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
