import type { QueryClient, QueryKey } from '@tanstack/react-query';

/** After the stream was refused or missing: poll, and try the stream again this much later. */
const STREAM_RETRY_MS = 60_000;

/** The generation's decision schema: a streamed decision is checked as a fetched one is. */
export interface DecisionSchema {
  safeParse(data: unknown): { success: boolean; data?: { status?: unknown } };
}

interface Stream {
  refs: number;
  /** A decision arrived and no error since: the stream stands in for polling. */
  healthy?: boolean;
  /** The stream has delivered a decision: after a reconnection it resumes from it (Last-Event-ID). */
  delivered?: boolean;
  source?: EventSource;
  retry?: ReturnType<typeof setTimeout>;
}

// One EventSource per query key and QueryClient, shared by every component showing that session.
const streams = new WeakMap<QueryClient, Map<string, Stream>>();

/** Whether the stream of this query (by `JSON.stringify(queryKey)`) currently replaces polling. */
export function isStreamHealthy(queryClient: QueryClient, id: string): boolean {
  return streams.get(queryClient)?.get(id)?.healthy === true;
}

/**
 * Whether this decision query (by its key) is kept fresh by the proxy's event stream right now,
 * rather than by polling: for a page that says which mode is active. From
 * `@didit-kit/react/stream-status`, so the main entry does not carry it.
 */
export function isDecisionStreamLive(queryClient: QueryClient, queryKey: QueryKey): boolean {
  return isStreamHealthy(queryClient, JSON.stringify(queryKey));
}

/**
 * Follows the proxy's event stream for one decision query (`GET .../events/`; `id` is
 * `JSON.stringify(queryKey)`), writing each decision into the query's cache. Health changes reach
 * the query's polling through the cache (TanStack evaluates `refetchInterval` on each update).
 * Returns the unsubscribe function; the last one closes the stream.
 */
export function subscribeDecisionStream(
  queryClient: QueryClient,
  url: string,
  queryKey: QueryKey,
  id: string,
  schema: DecisionSchema,
): () => void {
  const byKey = streams.get(queryClient) ?? new Map<string, Stream>();
  streams.set(queryClient, byKey);
  let stream = byKey.get(id);
  if (!stream) {
    const s: Stream = { refs: 0 };
    byKey.set(id, s);
    // Writes a decision, or the cached one again: either way the query's polling rule runs again
    // and sees whether the stream is healthy, so polling pauses or resumes, with no request.
    const update = (decision?: unknown) => queryClient.setQueryData(queryKey, (cached: unknown) => decision ?? cached);
    const open = () => {
      const source = new EventSource(url);
      s.source = source;
      source.addEventListener('decision', (event) => {
        let decision: { status?: unknown } | undefined;
        try {
          decision = schema.safeParse(JSON.parse((event as MessageEvent<string>).data)).data;
        } catch {}
        // A message the schema refuses: no stream, so the next poll fetches the decision and shows why.
        // A final status ends the subscriptions (the hooks stop following a final decision), and so the stream.
        s.healthy = !!decision;
        // A message the schema refused counts as no delivery: after a reopen, polling must show why.
        s.delivered = !!decision;
        update(decision);
      });
      source.onopen = () => {
        // Reopened after a drop or the server's lifetime cap: the server resumes from the last
        // decision sent (Last-Event-ID) and sends only a newer one, so the stream is live again.
        if (s.delivered && !s.healthy) {
          s.healthy = true;
          update();
        }
      };
      source.onerror = () => {
        // CLOSED: no stream here (404, 403, not event-stream) for now. Otherwise EventSource
        // reconnects by itself (with Last-Event-ID), and the query polls until a decision comes.
        if (source.readyState === 2) s.retry = setTimeout(open, STREAM_RETRY_MS);
        if (s.healthy) {
          s.healthy = false;
          update();
        }
      };
    };
    open();
    stream = s;
  }
  const current = stream;
  current.refs++;
  return () => {
    if (--current.refs) return;
    clearTimeout(current.retry);
    current.source?.close();
    byKey.delete(id);
  };
}
