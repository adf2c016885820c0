// A tiny stand-in for Didit's decision route on 127.0.0.1: each session's current decision is set
// by the test, and every call is counted, so a test can tell how often Didit was asked.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { example } from '../../integration/spec-stand-in.ts';

export const API_KEY = 'sk_test_REALTIME0Key0Zq3vX9kLm2Pw7Yt4Nb8Hc1';

/** Didit's own v3 decision example, for `sessionId`, with `status`. */
export function decisionFor(sessionId: string, status: string): Record<string, unknown> {
  return { ...example<Record<string, unknown>>('decision.user.json'), session_id: sessionId, status };
}

export interface Upstream {
  url: string;
  /** Decision calls per session id. */
  readonly calls: Map<string, number>;
  /** Holds every decision answer until the returned function is called. */
  hold(): () => void;
  /** Sets a session's current decision; returns it. */
  set(sessionId: string, status: string): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const decisions = new Map<string, string>();
  const calls = new Map<string, number>();
  let gate = Promise.resolve();
  const server = createServer((req, res) => {
    if (req.headers['x-api-key'] !== API_KEY) {
      res.writeHead(403, { 'content-type': 'application/json' });
      return res.end('{"detail":"You do not have permission to perform this action."}');
    }
    const id = /^\/v3\/session\/([^/]+)\/decision\/$/.exec(req.url ?? '')?.[1];
    if (id) calls.set(id, (calls.get(id) ?? 0) + 1);
    const body = id === undefined ? undefined : decisions.get(id);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"detail":"Not found."}');
    }
    void gate.then(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const upstream: Upstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    set(sessionId, status) {
      const decision = decisionFor(sessionId, status);
      decisions.set(sessionId, JSON.stringify(decision));
      return decision;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return upstream;
}
