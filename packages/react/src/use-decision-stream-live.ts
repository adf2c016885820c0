'use client';
import { useSyncExternalStore } from 'react';
import { useDiditContext } from './provider.tsx';
import { diditQueryKeys } from './query-keys.ts';

/** Options of `useDecisionStreamLive`. */
export interface DecisionStreamLiveOptions {
  /** The `keyScope` the session's `useSessionDecision` was given, if any; default: the provider's. */
  keyScope?: string | undefined;
}

/**
 * Whether the proxy's event stream keeps this session's decision fresh right now, rather than
 * polling: for a page that says which mode is active. The component re-renders when it changes.
 * `false` while no `useSessionDecision` of that session follows a stream (none mounted,
 * `realtime: 'poll'`, no stream or a dropped one, a final status), and on the server.
 */
export function useDecisionStreamLive(sessionId: string | undefined, options: DecisionStreamLiveOptions = {}): boolean {
  const { client, keyScope, streams } = useDiditContext();
  const queryKey = diditQueryKeys.decision(options.keyScope ?? keyScope ?? client, sessionId);
  return useSyncExternalStore(
    streams.subscribe,
    () => streams.isLive(queryKey),
    () => false,
  );
}
