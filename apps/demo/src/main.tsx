import { DiditProvider, type RegisteredClient } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browserClient, browserClientV1, fetchServerInfo } from './api.ts';
import { App } from './app.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// "Verify identity" (useCreateSession) creates with the provider's client, so it must speak the
// server's API: v3, or v1 with DEMO_API_VERSION=v1 (see use-decision.ts for why v1 is cast here).
const info = await queryClient
  .fetchQuery({ queryKey: ['demo', 'info'], queryFn: () => fetchServerInfo() })
  .catch(() => undefined);
const client: RegisteredClient =
  info?.apiVersion === 'v1' ? (browserClientV1 as unknown as RegisteredClient) : browserClient;

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <DiditProvider client={client}>
        <App />
      </DiditProvider>
    </QueryClientProvider>
  </StrictMode>,
);
