import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';

/** After the stream was refused or missing: poll, and try the stream again this much later. */
const STREAM_RETRY_MS = 60_000;

/** The generation's decision schema: a streamed decision is checked as a fetched one is. */
export interface DecisionSchema {
  safeParse(data: unknown): { data?: { status?: unknown } | undefined };
}

interface Stream {
  refs: number;
  /** A decision arrived and no error since: the stream stands in for polling. */
  live?: boolean;
  /** The stream has delivered a decision: after a reconnection it resumes from it (Last-Event-ID). */
  delivered?: boolean;
  source?: EventSource;
  retry?: ReturnType<typeof setTimeout>;
}

/**
 * The proxy's event streams of one `QueryClient`'s decision queries, as explicit state: one
 * `EventSource` per query (by TanStack's `hashKey`), shared by every component showing it, and
 * whether each one keeps its query fresh now. `DiditProvider` makes one for the `QueryClient` it
 * sits in; the hooks read it with `useSyncExternalStore`, as TanStack's own hooks read a
 * `QueryObserver`. Only decisions are written to the cache: a change of health re-renders the
 * subscribed components, whose polling rule (`refetchInterval`) then reads it through the observer.
 */
export interface StreamRegistry {
  /** The `QueryClient` whose cache the streams write. */
  readonly queryClient: QueryClient;
  /** Calls `onChange` whenever a stream's health changes; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => unknown;
  /** Whether the stream of this decision query keeps it fresh right now (else it is polled). */
  isLive(queryKey: QueryKey): boolean;
  /**
   * Follows the event stream at `url` for this decision query, writing each decision the schema
   * accepts into its cache. Returns the unsubscribe function; the last one closes the stream.
   */
  follow(url: string, queryKey: QueryKey, schema: DecisionSchema): () => void;
}

export function createStreamRegistry(queryClient: QueryClient): StreamRegistry {
  const streams = new Map<string, Stream>();
  const listeners = new Set<() => void>();
  // Every listener hears of every event: useSyncExternalStore re-renders only where the answer changed.
  const setLive = (stream: Stream, live: boolean) => {
    stream.live = live;
    for (const listener of listeners) listener();
  };
  return {
    queryClient,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    isLive: (queryKey) => !!streams.get(hashKey(queryKey))?.live,
    follow(url, queryKey, schema) {
      const id = hashKey(queryKey);
      const s: Stream = streams.get(id) ?? { refs: 0 };
      if (!s.refs++) {
        streams.set(id, s);
        const open = () => {
          const source = new EventSource(url);
          s.source = source;
          source.addEventListener('decision', (event) => {
            let decision: { status?: unknown } | undefined;
            try {
              decision = schema.safeParse(JSON.parse((event as MessageEvent<string>).data)).data;
            } catch {}
            // A message the schema refuses is no delivery: the stream stops standing in for
            // polling, so the next poll fetches the decision and shows why. (A final status ends
            // the subscriptions, since the hooks stop following a final decision, and so the stream.)
            s.delivered = !!decision;
            if (decision) queryClient.setQueryData(queryKey, decision);
            setLive(s, s.delivered);
          });
          // Reopened after a drop or the server's lifetime cap: the server resumes from the last
          // decision sent (Last-Event-ID) and sends only a newer one, so the stream is live again.
          source.onopen = () => s.delivered && setLive(s, true);
          source.onerror = () => {
            // CLOSED: no stream here (404, 403, 429, not event-stream) for now. Otherwise EventSource
            // reconnects by itself (with Last-Event-ID), and the query polls until it is back.
            if (source.readyState === 2) s.retry = setTimeout(open, STREAM_RETRY_MS);
            setLive(s, false);
          };
        };
        open();
      }
      return () => {
        if (--s.refs) return;
        clearTimeout(s.retry);
        s.source?.close();
        streams.delete(id);
        setLive(s, false);
      };
    },
  };
}
