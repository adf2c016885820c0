'use client';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, createElement, type ReactNode, useContext, useMemo } from 'react';
import type { RegisteredClient as DiditClient } from './register.ts';
import { createStreamRegistry, type StreamRegistry } from './stream-registry.ts';

export interface DiditProviderProps {
  /** In a browser: a `DiditClient` without credentials, pointed at your app's proxy route. */
  client: DiditClient;
  /** Replaces `client.baseUrl` in every query key; the same value where the server prefetched. */
  keyScope?: string | undefined;
  children?: ReactNode;
}

interface DiditContextValue {
  client: DiditClient;
  keyScope: string | undefined;
  /** The event streams of the `QueryClient` the provider sits in. */
  streams: StreamRegistry;
}

/** @internal The provider's value; the hooks read it with `useDiditContext`. */
export const DiditContext = createContext<DiditContextValue | null>(null);

/**
 * Makes a `DiditClient` available to the hooks below it. Place it inside TanStack's `QueryClientProvider`:
 * it holds the event streams of that `QueryClient`.
 */
export function DiditProvider({ client, keyScope, children }: DiditProviderProps) {
  const queryClient = useQueryClient();
  // The registry of the QueryClient the provider sits in, made anew only with another QueryClient (a
  // new client object on each render must not reopen the streams). Creating one opens nothing.
  const streams = useMemo(() => createStreamRegistry(queryClient), [queryClient]);
  const value = useMemo(() => ({ client, keyScope, streams }), [client, keyScope, streams]);
  // createElement, not JSX: the react/jsx-runtime import would cost the main entry's budget more.
  return createElement(DiditContext.Provider, { value }, children);
}

/** The provider's client, key scope and streams, for the hooks. */
export function useDiditContext(): DiditContextValue {
  const value = useContext(DiditContext);
  if (!value) {
    throw new Error('No DiditClient: wrap the component in <DiditProvider client={...}>.');
  }
  return value;
}

/** The `DiditClient` of the nearest `DiditProvider`. */
export function useDiditClient(): DiditClient {
  return useDiditContext().client;
}
