'use client';

import { DiditClient } from '@didit-kit/core';
import { DiditProvider } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';

// No credentials in the browser: the client talks to the app's own route handler.
const client = new DiditClient({ baseUrl: '/api/didit' });

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <DiditProvider client={client}>{children}</DiditProvider>
    </QueryClientProvider>
  );
}
