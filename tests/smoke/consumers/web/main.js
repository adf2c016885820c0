// A browser page built by Vite from the packed packages. In a browser it renders the seed decision
// through the React hook; the smoke test instead loads the built bundle in Node and calls
// `globalThis.__diditSmoke`, which runs the same browser build of the client against a proxy route.
import { DiditClient, isTerminalStatus } from '@didit-kit/core/v1';
import { DiditProvider, sessionDecisionQueryOptions, useSessionDecision } from '@didit-kit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';

function Decision() {
  const { data, error } = useSessionDecision(SESSION_ID);
  if (error) return h('p', null, `Error: ${error.message}`);
  if (!data) return h('p', null, 'Loading…');
  return h('p', null, `${data.status}: ${data.aml?.hits?.length ?? 0} AML hit(s)`);
}

const root = typeof document === 'undefined' ? null : document.getElementById('root');
if (root) {
  // No credentials in a browser: the client talks to the app's own proxy route.
  const client = new DiditClient({ baseUrl: '/api/didit' });
  createRoot(root).render(
    h(QueryClientProvider, { client: new QueryClient() }, h(DiditProvider, { client }, h(Decision))),
  );
}

// A global, not an export: Vite drops the exports of an HTML entry.
globalThis.__diditSmoke = async (baseUrl) => {
  const client = new DiditClient({ baseUrl });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const decision = await queryClient.fetchQuery(sessionDecisionQueryOptions(client, SESSION_ID));
  return {
    status: decision.status,
    terminal: isTerminalStatus(decision.status),
    amlHits: decision.aml?.hits?.length ?? 0,
    amlCaption: decision.aml?.hits?.[0]?.caption ?? null,
  };
};
