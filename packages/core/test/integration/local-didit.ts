// A real HTTP server on 127.0.0.1 (port 0) that stands in for Didit in the integration
// tests: it serves the token and the seed's decision, and lets each test decide how a route
// misbehaves (drop the connection, answer slowly, answer with a status).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixture, SESSION_ID } from '../helpers/fake-didit.ts';

export const CLIENT_ID = 'local-id';
export const CLIENT_SECRET = 'local-secret-7Q2x';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const TOKEN = 'local-token-5b1e';

export interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  /** Set when the client went away before the response was finished. */
  aborted: boolean;
}

/** Answers one request; return true when it handled it, false for the default behaviour. */
export type Behaviour = (req: IncomingMessage, res: ServerResponse, nth: number) => boolean;

export async function startLocalDidit() {
  const seen: Seen[] = [];
  let connections = 0;
  let apiCount = 0;
  let behaviour: Behaviour = () => false;
  const seed = JSON.stringify(readFixture('decision.declined-aml.json'));

  const server = createServer((req, res) => {
    const entry: Seen = {
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      aborted: false,
    };
    seen.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    req.resume();
    req.on('end', () => {
      if (req.url === '/auth/v2/token/') {
        if (req.method !== 'POST' || req.headers.authorization !== BASIC) return send(res, 401, { detail: 'bad' });
        return send(res, 200, { access_token: TOKEN, expires_in: 86_400 });
      }
      if (req.headers.authorization !== undefined && req.headers.authorization !== `Bearer ${TOKEN}`) {
        return send(res, 401, { detail: 'Invalid token.' });
      }
      apiCount++;
      if (behaviour(req, res, apiCount)) return;
      if (req.url === `/v1/session/${SESSION_ID}/decision/`) {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req-${apiCount}` });
        return res.end(seed);
      }
      if (req.method === 'POST' && req.url === '/v1/session/') {
        return send(res, 201, { session_id: SESSION_ID, session_token: 'st', url: 'https://verify.test/session/st' });
      }
      send(res, 404, { detail: 'Not found.' });
    });
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    seen,
    apiRequests: () => seen.filter((s) => s.path.startsWith('/v1/')),
    connections: () => connections,
    /** How the API routes behave from now on (the token route always works). */
    behave(next: Behaviour) {
      behaviour = next;
      apiCount = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Destroys the socket without an answer: what a crashed proxy or a reset looks like. */
export const drop: Behaviour = (req) => {
  req.socket.destroy();
  return true;
};

/** Answers after `ms`, unless the client has gone away by then. */
export const slow =
  (ms: number): Behaviour =>
  (_req, res) => {
    const timer = setTimeout(() => send(res, 200, readFixture('decision.declined-aml.json')), ms);
    res.on('close', () => clearTimeout(timer));
    return true;
  };

export { SESSION_ID };
