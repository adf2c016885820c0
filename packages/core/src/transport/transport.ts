/** What the request loop hands a transport: one HTTP attempt. */
export interface TransportRequest {
  url: string;
  method: 'GET' | 'POST' | 'PATCH';
  headers: Record<string, string>;
  body?: string | undefined;
  signal: AbortSignal;
}

/** The little the request loop needs of a response. */
export interface TransportResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * A fetch-compatible function: `globalThis.fetch`, undici's `fetch`, or a server's own
 * handler such as a Hono app's `app.fetch` (it is called with a `Request`).
 */
export type FetchLike = (request: Request) => Promise<Response> | Response;
