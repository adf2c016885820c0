// A runnable example of server-side rendering with @didit-kit/react, against the mock server
// (in-process, so no credentials and no network):
//   pnpm build && node packages/react/examples/server-render.mjs
// The server prefetches a decision with its credentialed client, dehydrates the cache, and renders
// HTML that already shows the result; the browser would hydrate it with the same tree.
import { DiditClient } from '@didit-kit/core/v1';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import { DiditProvider, sessionDecisionQueryOptions, useSessionDecision } from '@didit-kit/react';
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';

const mock = createMockApp();
const KEY_SCOPE = 'didit';

// On the server: the client that holds the credentials (here pointed at the in-process mock).
const serverDidit = new DiditClient({
  baseUrl: 'http://mock.test',
  authUrl: 'http://mock.test',
  clientId: DEFAULT_CLIENT_ID,
  clientSecret: DEFAULT_CLIENT_SECRET,
  fetch: mock.fetch,
});
// In the browser: no credentials, pointed at the app's proxy route. Never called during this render.
const browserDidit = new DiditClient({
  baseUrl: 'https://app.example/api/didit',
  fetch: () => {
    throw new Error('the server-rendered page should not need a browser request');
  },
});

function VerificationResult({ sessionId }) {
  const { data, error, isPending } = useSessionDecision(sessionId);
  if (error) return h('p', null, `Could not load the result (${error.code})`);
  if (isPending) return h('p', null, 'Loading…');
  return h(
    'section',
    null,
    h('h2', null, `Status: ${data.status}`),
    h('p', null, `Name on the document: ${data.kyc?.full_name ?? 'unknown'}`),
    h('p', null, `AML hits: ${data.aml?.total_hits ?? 0}`),
    h('ul', null, ...data.warnings.map((w, i) => h('li', { key: i }, w.short_description))),
  );
}

const sessionId = FIXTURE_SESSION_IDS.declinedAml;
const serverQueryClient = new QueryClient();
await serverQueryClient.prefetchQuery(sessionDecisionQueryOptions(serverDidit, sessionId, { keyScope: KEY_SCOPE }));
const state = dehydrate(serverQueryClient);

const html = renderToString(
  h(
    QueryClientProvider,
    { client: new QueryClient() },
    h(
      DiditProvider,
      { client: browserDidit, keyScope: KEY_SCOPE },
      h(HydrationBoundary, { state }, h(VerificationResult, { sessionId })),
    ),
  ),
);

console.log(html.replaceAll('<!-- -->', ''));
console.log(`\ndehydrated state for the page: ${JSON.stringify(state).length} bytes of JSON`);
