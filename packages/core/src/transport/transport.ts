/** What the request loop hands a transport: one HTTP attempt. */
export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string | undefined;
  /** For a transport that `ownsTimeouts`, the caller's own signal (or none); otherwise the attempt's. */
  signal: AbortSignal | undefined;
  /** The attempt's time budget, for a transport that `ownsTimeouts`. */
  timeoutMs: number;
}

/** The little the request loop needs of a response. */
export interface TransportResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
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
