import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Percent-encodes what Node's HTTP client refuses in a request target, and nothing else. */
export function requestTarget(path: string): string {
  return [...path].map((ch) => (/^[\x21-\x7e]$/.test(ch) ? ch : encodeURIComponent(ch))).join('');
}

/**
 * One request with `node:http`, on a fresh connection (no agent), so a request target is sent as
 * given (dot segments and all) and a dropped connection only ends this request.
 */
export function rawRequest(
  base: string,
  init: { method: string; target: string; headers: Record<string, string>; body?: string | Uint8Array | undefined },
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: init.method,
        path: init.target,
        headers: init.headers,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Writes raw bytes to the server and returns whatever it answers before closing (or a timeout). */
export function rawBytes(base: string, bytes: Uint8Array, timeoutMs = 5_000): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => {
      socket.write(bytes);
      // Half-close: a parser waiting for more knows there is none.
      socket.end();
    });
  });
}
