import { useQuery } from '@tanstack/react-query';
import { fetchServerInfo } from './api.ts';

/** What this server runs: the mock or the real Didit, and which API its sessions are created with. */
export function useServerInfo() {
  return useQuery({
    queryKey: ['demo', 'info'],
    queryFn: ({ signal }) => fetchServerInfo(signal),
    staleTime: Infinity,
  });
}
