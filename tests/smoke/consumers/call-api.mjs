// An ESM consumer of the packed packages, run unchanged on Node 20/22/24, Bun and Deno. It calls the
// API through each package's public surface and prints one `SMOKE_RESULT` line that the test checks.
import process from 'node:process';
import { createDiditProxy } from '@didit-kit/core/server';
import { DiditClient, isDiditError, isTerminalStatus, NotFoundError, sessionDecisionSchema } from '@didit-kit/core/v1';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '@didit-kit/mock-server';
import { diditQueryKeys, sessionDecisionQueryOptions } from '@didit-kit/react';
import { QueryClient } from '@tanstack/react-query';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';
const UNKNOWN_SESSION_ID = '00000000-0000-4000-8000-000000000000';
const { DIDIT_SMOKE_URL: url, DIDIT_SMOKE_CLIENT_ID: clientId, DIDIT_SMOKE_CLIENT_SECRET: clientSecret } = process.env;

function runtime() {
  if (globalThis.Bun) return `bun ${globalThis.Bun.version}`;
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno}`;
  return `node ${process.versions.node}`;
}

const client = new DiditClient({ clientId, clientSecret, baseUrl: url, authUrl: url, maxRetries: 0 });
const decision = await client.sessions.getDecision(SESSION_ID);

// The React package's query factory, driven by TanStack's QueryClient without rendering anything.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const options = sessionDecisionQueryOptions(client, SESSION_ID);
const viaQuery = await queryClient.fetchQuery(options);

// The browser flow, in-process: a client without credentials calls core/server's proxy route,
// whose server-side client sends to the mock server's Hono app (its fetch) instead of a socket.
const mockApp = createMockApp();
const serverClient = new DiditClient({
  clientId: DEFAULT_CLIENT_ID,
  clientSecret: DEFAULT_CLIENT_SECRET,
  baseUrl: 'http://127.0.0.1',
  authUrl: 'http://127.0.0.1',
  fetch: (request) => mockApp.fetch(request),
});
const proxy = createDiditProxy(serverClient, { prefix: '/api/didit' });
const browserClient = new DiditClient({ baseUrl: 'http://127.0.0.1/api/didit', fetch: proxy });
const viaProxy = await browserClient.sessions.getDecision(SESSION_ID);

let notFound;
try {
  await client.sessions.getDecision(UNKNOWN_SESSION_ID);
} catch (error) {
  notFound = error;
}

console.log(
  `SMOKE_RESULT ${JSON.stringify({
    runtime: runtime(),
    moduleSystem: 'esm',
    status: decision.status,
    terminal: isTerminalStatus(decision.status),
    amlHits: decision.aml?.hits?.length ?? 0,
    amlCaption: decision.aml?.hits?.[0]?.caption ?? null,
    schemaAccepts: sessionDecisionSchema.safeParse(decision).success,
    queryStatus: viaQuery.status,
    proxyStatus: viaProxy.status,
    proxyAmlHits: viaProxy.aml?.hits?.length ?? 0,
    queryKeyMatches: JSON.stringify(options.queryKey) === JSON.stringify(diditQueryKeys.decision(client, SESSION_ID)),
    notFound: {
      isDiditError: isDiditError(notFound),
      instanceOfNotFoundError: notFound instanceof NotFoundError,
      status: notFound?.status ?? null,
    },
    secretInJson: JSON.stringify(client).includes(clientSecret),
  })}`,
);
