'use client';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { RegisteredClient as DiditClient } from './register.ts';

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
}

const DiditContext = createContext<DiditContextValue | null>(null);

/** Makes a `DiditClient` available to the hooks below it. Place it inside TanStack's `QueryClientProvider`. */
export function DiditProvider({ client, keyScope, children }: DiditProviderProps) {
  const value = useMemo(() => ({ client, keyScope }), [client, keyScope]);
  return <DiditContext.Provider value={value}>{children}</DiditContext.Provider>;
}

/** The provider's client and key scope, for the hooks. */
export function useDiditContext(): DiditContextValue {
  const value = useContext(DiditContext);
  if (value === null) {
    throw new Error('No DiditClient: wrap the component in <DiditProvider client={...}>.');
  }
  return value;
}

/** The `DiditClient` of the nearest `DiditProvider`. */
export function useDiditClient(): DiditClient {
  return useDiditContext().client;
}
