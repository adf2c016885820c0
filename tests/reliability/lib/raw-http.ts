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
 * The headers to send: `init`'s, with the body framed by an exact `Content-Length` whenever there
 * is one (any framing header of the caller's is replaced). Node's client sends a DELETE, OPTIONS
 * or GET body with neither `Content-Length` nor chunked encoding (those methods do not default to
 * chunked), so the server read it as the start of the next request, answered that with a 400 and
 * closed: the test then saw ECONNRESET, now and then, in the full run.
 */
export function framedHeaders(
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): { headers: Record<string, string>; body: Buffer | undefined } {
  const framed: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'content-length' && lower !== 'transfer-encoding') framed[name] = value;
  }
  if (body === undefined) return { headers: framed, body: undefined };
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  framed['content-length'] = String(bytes.byteLength);
  return { headers: framed, body: bytes };
}

/**
 * One request with `node:http`, on a fresh connection (no agent), so a request target is sent as
 * given (dot segments and all) and a dropped connection only ends this request. A body, with any
 * method, goes with its `Content-Length` (`framedHeaders`).
 */
export function rawRequest(
  base: string,
  init: { method: string; target: string; headers: Record<string, string>; body?: string | Uint8Array | undefined },
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const url = new URL(base);
  const { headers, body } = framedHeaders(init.headers, init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: init.method,
        path: init.target,
        headers,
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
    req.end(body);
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
