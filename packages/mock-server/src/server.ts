import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import { createMockApp } from './app.ts';
import { ConnectionDroppedError } from './faults.ts';
import { hostChecker, hostnameOf, normalizeAllowHosts } from './host-check.ts';
import type { MockStore } from './mock-store.ts';
import type { MockAppOptions } from './options.ts';
import type { MockApp } from './routing.ts';

export interface MockServerOptions extends MockAppOptions {
  /** Default 4010; 0 picks a free port (read it from `url`). */
  port?: number | undefined;
  /** Default `127.0.0.1`. */
  host?: string | undefined;
  /**
   * More names to answer in the `Host` header (a Docker service name, a tunnel's host), besides
   * the address it listens on, `localhost`, `127.0.0.1`, `[::1]` and `publicUrl`'s host; any
   * other gets 421. `.example.test` allows that domain and its subdomains.
   */
  allowHosts?: readonly string[] | undefined;
}

/**
 * How long a connection that is closed while its request body is still arriving goes on reading
 * (and discarding) that body, at most: a lingering close (RFC 9112, section 9.6).
 */
export const LINGER_MS = 2_000;

export interface MockServer {
  /** For example `http://127.0.0.1:4010`: the base URL of the API, the auth server and the hosted page. */
  readonly url: string;
  readonly port: number;
  /** The Hono app it serves. */
  readonly app: MockApp;
  /** Every session, v1 and v3 (see `createMockApp`). */
  readonly store: MockStore;
  /** Resolves when no webhook delivery (or retry) is pending. */
  idle(): Promise<void>;
  /** Stops listening, closes every connection (keep-alive ones too), cancels pending delays and webhook retries. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

/** Serves `createMockApp(options)` over HTTP on Node. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = DEFAULT_PORT, host = DEFAULT_HOST, allowHosts, ...appOptions } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be a whole number from 0 to 65535; got ${port}`);
  }
  normalizeAllowHosts(allowHosts); // throws TypeError before anything starts
  const mock = createMockApp(appOptions);
  const listener = getRequestListener(mock.app.fetch, {
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
  let hostAllowed: (hostHeader: string | undefined) => boolean = () => false;
  const server: Server = createServer((incoming, outgoing) => {
    const socket = incoming.socket;
    // A connection in its lingering close has answered its last request: it reads, nothing more.
    if (lingering.has(socket)) {
      incoming.resume();
      return;
    }
    requests.set(socket, incoming);
    if (!hostAllowed(incoming.headers.host)) {
      misdirected(outgoing, incoming.headers.host ?? '');
      return;
    }
    void listener(incoming, outgoing);
  });
  server.on('connection', lingerOnClose);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  hostAllowed = hostChecker({ host, boundAddress: address.address, publicUrl: appOptions.publicUrl, allowHosts });
  const hostForUrl = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    app: mock.app,
    store: mock.store,
    idle: mock.idle,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        mock.dispose();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The latest request on each connection: the one whose body may still be arriving when it closes. */
const requests = new WeakMap<Socket, IncomingMessage>();
/** Connections in their lingering close. */
const lingering = new WeakSet<Socket>();

/**
 * Node closes a connection after a `Connection: close` answer (a 413, a 421, a client that asked
 * for it) with `socket.destroySoon()`: the answer is flushed, then the socket is destroyed. With
 * the request body still arriving, the kernel answers the rest with a reset, and the client gets
 * EPIPE or ECONNRESET while still uploading, often before it has read the answer (seen with 2 to
 * 8 MiB bodies and the 413). This replaces that close, for such a request only, with a lingering
 * one: stop writing (FIN after the answer), read and discard what is left of the body, and
 * destroy the socket once it is all in, or after `LINGER_MS`, whichever comes first.
 */
function lingerOnClose(socket: Socket): void {
  const destroySoon = socket.destroySoon.bind(socket);
  socket.destroySoon = () => {
    // Already lingering (@hono/node-server's own drain asks again): the linger's timer ends it.
    if (lingering.has(socket)) return;
    const request = requests.get(socket);
    if (request === undefined || request.complete || socket.destroyed) {
      destroySoon();
      return;
    }
    lingering.add(socket);
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    // The app's body reader (if any) is done with it: what arrives now is thrown away.
    request.removeAllListeners('data');
    request.once('end', () => socket.destroy());
    request.resume();
    socket.end();
  };
}

/** 421 for a `Host` the server does not answer to (see host-check.ts), in DRF's shape. */
function misdirected(outgoing: ServerResponse, host: string): void {
  const shown = host.length > 100 ? `${host.slice(0, 100)}…` : host;
  const name = hostnameOf(host);
  const body = JSON.stringify({
    detail:
      `Invalid Host header ${JSON.stringify(shown)}: the mock server only answers to its own address, ` +
      `localhost and the names it is given (a guard against DNS rebinding). ` +
      `To serve this name, start it with --allow-host ${name ?? '<name>'} (the allowHosts option).`,
  });
  outgoing.writeHead(421, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': crypto.randomUUID(),
    connection: 'close',
  });
  outgoing.end(body);
}
