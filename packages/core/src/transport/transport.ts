/** What the request loop hands a transport: one HTTP attempt. */
export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  /** JSON text, or a stream (a multipart upload, whose `content-type` is in `headers`). */
  body?: string | ReadableStream<Uint8Array> | undefined;
  /** For a transport that `ownsTimeouts`, the caller's own signal (or none); otherwise the attempt's. */
  signal: AbortSignal | undefined;
  /** The attempt's time budget, for a transport that `ownsTimeouts`. */
  timeoutMs: number;
  /**
   * The most the response body may weigh, counted as it arrives (after decompression): past it
   * `text()` and `bytes()` stop reading, drop the connection and reject with `ResponseTooLargeError`.
   */
  maxResponseBytes: number;
}

/** The little the request loop needs of a response. */
export interface TransportResponse {
  /** The HTTP status; 0 for a browser's opaque redirect (redirects are never followed). */
  status: number;
  header(name: string): string | null;
  /** The body as UTF-8 text, read at most once, within `maxResponseBytes`. */
  text(): Promise<string>;
  /** The body's bytes, read at most once, within `maxResponseBytes`. */
  bytes(): Promise<Uint8Array>;
  /** Stops reading the body (the attempt ran out of time); the pending read rejects. */
  cancel?(): void;
}

export type Transport = {
  (request: TransportRequest): Promise<TransportResponse>;
  /**
   * The transport bounds an attempt by `timeoutMs` itself and honours `signal`, so the request
   * loop creates no AbortController per attempt (a measurable cost at high request rates).
   */
  readonly ownsTimeouts?: boolean;
};

/**
 * A fetch-compatible function: `globalThis.fetch`, undici's `fetch`, or a server's own
 * handler such as a Hono app's `app.fetch` (it is called with a `Request`).
 */
export type FetchLike = (request: Request) => Promise<Response> | Response;
