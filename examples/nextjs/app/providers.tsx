'use client';
import { DiditClient } from '@didit-kit/core';
import { DiditProvider } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  // One QueryClient and one DiditClient per browser tab. The DiditClient has no credentials: it talks to this
  // app's proxy route (app/api/didit/[...path]/route.ts), which holds the API key.
  const [queryClient] = useState(() => new QueryClient());
  const [didit] = useState(() => new DiditClient({ baseUrl: '/api/didit' }));
  return (
    <QueryClientProvider client={queryClient}>
      <DiditProvider client={didit}>{children}</DiditProvider>
    </QueryClientProvider>
  );
}
