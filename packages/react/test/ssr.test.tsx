// @vitest-environment node
// Server-side rendering runs where there is no DOM: the server prefetches with its credentialed
// client, dehydrates, and renders HTML that already holds the decision.
import { DiditClient } from '@didit-kit/core/v1';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { sessionDecisionQueryOptions, useSessionDecision } from '../src/index.ts';
import { FakeDidit, SESSION_A } from './support/fake-didit.ts';
import { Providers } from './support/render.tsx';

function VerificationResult({ sessionId }: { sessionId: string }) {
  const { data, isPending } = useSessionDecision(sessionId);
  if (isPending) return <p>loading</p>;
  return (
    <p>
      status: {data?.status}; name: {data?.kyc?.full_name}
    </p>
  );
}

describe('server-side rendering', () => {
  it('prefetches on the server, dehydrates, and renders the decision without a browser request', async () => {
    const didit = new FakeDidit({ [SESSION_A]: 'Declined' });
    // The server's client (it would hold the credentials) and the browser's (pointed at the proxy).
    const server = new DiditClient({ baseUrl: 'http://didit.test', fetch: didit.fetch });
    const browserFetch = new FakeDidit({ [SESSION_A]: 'Declined' });
    const browser = new DiditClient({ baseUrl: 'http://app.test/api/didit', fetch: browserFetch.fetch });

    const serverQueryClient = new QueryClient();
    await serverQueryClient.prefetchQuery(sessionDecisionQueryOptions(server, SESSION_A, { keyScope: 'didit' }));
    // What the server sends to the browser, as the browser receives it.
    const state = JSON.parse(JSON.stringify(dehydrate(serverQueryClient)));

    const html = renderToString(
      <Providers queryClient={new QueryClient()} client={browser} keyScope="didit">
        <HydrationBoundary state={state}>
          <VerificationResult sessionId={SESSION_A} />
        </HydrationBoundary>
      </Providers>,
    );

    const text = html.replaceAll('<!-- -->', '');
    expect(text).toContain('status: Declined; name: Sergey Kozlov');
    expect(didit.decisionRequests()).toHaveLength(1);
    expect(browserFetch.requests).toHaveLength(0);
  });

  it('does not share the prefetched entry with a client of another base URL unless keyScope says so', async () => {
    const didit = new FakeDidit({ [SESSION_A]: 'Declined' });
    const server = new DiditClient({ baseUrl: 'http://didit.test', fetch: didit.fetch });
    const browserFetch = new FakeDidit({ [SESSION_A]: 'Declined' });
    const browser = new DiditClient({ baseUrl: 'http://app.test/api/didit', fetch: browserFetch.fetch });

    const serverQueryClient = new QueryClient();
    await serverQueryClient.prefetchQuery(sessionDecisionQueryOptions(server, SESSION_A));
    const html = renderToString(
      <Providers queryClient={new QueryClient()} client={browser}>
        <HydrationBoundary state={dehydrate(serverQueryClient)}>
          <VerificationResult sessionId={SESSION_A} />
        </HydrationBoundary>
      </Providers>,
    );
    expect(html).toContain('loading');
    expect(browserFetch.requests).toHaveLength(0);
  });
});
