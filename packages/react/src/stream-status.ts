'use client';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useContext } from 'react';
import { DiditContext } from './provider.tsx';

/**
 * Whether this decision query is kept fresh by the proxy's event stream right now.
 *
 * @deprecated Use `useDecisionStreamLive(sessionId)` from `@didit-kit/react`, which re-renders the
 * component when the stream's health changes. This entry goes in the next minor release. It reads the
 * nearest `DiditProvider`'s stream registry, so call it only while rendering, below the provider.
 */
export function isDecisionStreamLive(queryClient: QueryClient, queryKey: QueryKey): boolean {
  // biome-ignore lint/correctness/useHookAtTopLevel: kept with its old signature for one release; documented as for rendering only
  const streams = useContext(DiditContext)?.streams;
  return streams?.queryClient === queryClient && streams.isLive(queryKey);
}
