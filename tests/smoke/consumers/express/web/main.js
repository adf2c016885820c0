// The page the Express app serves, built by Vite from the packed packages: a browser client with no
// credentials reads a decision through the app's /api/didit proxy with the React hook (`?session=`,
// or a fixture), and "Verify identity" starts a session through the proxy and follows its url.
import { DiditClient } from '@didit-kit/core';
import { DiditProvider, useCreateSession, useSessionDecision } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { APPROVED_SESSION } from '../../smoke-sessions.mjs';

function Decision({ sessionId }) {
  const { data, error } = useSessionDecision(sessionId);
  if (error) return h('p', { id: 'status' }, `Error: ${error.message}`);
  if (!data) return h('p', { id: 'status' }, 'Loading…');
  return h('p', { id: 'status' }, data.status);
}

function VerifyButton() {
  const create = useCreateSession({ onSuccess: (session) => location.assign(session.url) });
  return h('button', { type: 'button', disabled: create.isPending, onClick: () => create.mutate() }, 'Verify identity');
}

const sessionId = new URLSearchParams(location.search).get('session') ?? APPROVED_SESSION;
const client = new DiditClient({ baseUrl: '/api/didit' });
createRoot(document.getElementById('root')).render(
  h(
    QueryClientProvider,
    { client: new QueryClient() },
    h(DiditProvider, { client }, h(Decision, { sessionId }), h(VerifyButton)),
  ),
);
