import { DiditClient } from '@didit-kit/core';
import { DiditProvider } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';

const queryClient = new QueryClient();
// No credentials: the browser talks to this app's proxy route (/api/didit/*), which holds the API key.
const didit = new DiditClient({ baseUrl: '/api/didit' });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <DiditProvider client={didit}>
        <App />
      </DiditProvider>
    </QueryClientProvider>
  </StrictMode>,
);
