// An ESM consumer of the packed packages, run unchanged on Node 20/22/24, Bun and Deno. It calls the
// API through each package's public surface and prints one `SMOKE_RESULT` line that the test checks.
import process from 'node:process';
import { DiditClient, isDiditError, isTerminalStatus, NotFoundError, sessionDecisionSchema } from '@didit-kit/core';
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
    queryKeyMatches: JSON.stringify(options.queryKey) === JSON.stringify(diditQueryKeys.decision(client, SESSION_ID)),
    notFound: {
      isDiditError: isDiditError(notFound),
      instanceOfNotFoundError: notFound instanceof NotFoundError,
      status: notFound?.status ?? null,
    },
    secretInJson: JSON.stringify(client).includes(clientSecret),
  })}`,
);
