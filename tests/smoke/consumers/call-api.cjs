// The CommonJS twin of call-api.mjs: `require()` reaches the CJS builds, which must behave the same.
const process = require('node:process');
const {
  DiditClient,
  isDiditError,
  isTerminalStatus,
  NotFoundError,
  sessionDecisionSchema,
} = require('@didit-kit/core/v1');
const { createDiditProxy } = require('@didit-kit/core/server');
const { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } = require('@didit-kit/mock-server');
const { diditQueryKeys, sessionDecisionQueryOptions } = require('@didit-kit/react');
const { QueryClient } = require('@tanstack/react-query');

const SESSION_ID = '11111111-2222-3333-4444-555555555555';
const UNKNOWN_SESSION_ID = '00000000-0000-4000-8000-000000000000';
const { DIDIT_SMOKE_URL: url, DIDIT_SMOKE_CLIENT_ID: clientId, DIDIT_SMOKE_CLIENT_SECRET: clientSecret } = process.env;

function runtime() {
  if (globalThis.Bun) return `bun ${globalThis.Bun.version}`;
  return `node ${process.versions.node}`;
}

async function main() {
  const client = new DiditClient({ clientId, clientSecret, baseUrl: url, authUrl: url, maxRetries: 0 });
  const decision = await client.sessions.getDecision(SESSION_ID);

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
      moduleSystem: 'cjs',
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
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
