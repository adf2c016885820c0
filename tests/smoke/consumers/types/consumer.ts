// Type-checked against the published declarations, never run. The smoke test copies this one file
// to node16/consumer.mts, node16/consumer.cts and bundler/consumer.ts, so the same imports are
// resolved as ESM and as CommonJS under `node16`, and under `bundler`.

import {
  DiditClient as DefaultClient,
  type DiditClient as V3Client,
  type SessionDecision as V3SessionDecision,
} from '@didit-kit/core';
import { createDiditProxy, type DiditProxyHandler } from '@didit-kit/core/server';
import {
  type Aml,
  DiditClient,
  type DiditClientOptions,
  type DiditError,
  type DiditErrorCode,
  isDiditError,
  isTerminalStatus,
  NotFoundError,
  type SessionDecision,
  type SessionStatus,
  sessionDecisionSchema,
} from '@didit-kit/core/v1';
import {
  createMockApp,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  type MockServer,
  startMockServer,
} from '@didit-kit/mock-server';
import {
  DiditProvider,
  diditQueryKeys,
  type SessionDecisionOptions,
  sessionDecisionQueryOptions,
  useSessionDecision,
} from '@didit-kit/react';
import type { QueryClient, UseQueryResult } from '@tanstack/react-query';
import { createElement, type ReactElement } from 'react';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';

// These consumers speak v1 (the packed mock server is v1), so the hooks are told so.
declare module '@didit-kit/react' {
  interface Register {
    apiVersion: 'v1';
  }
}

/** v3, the default generation: the root entry's client with an API key, typed by generation. */
export async function v3Decision(apiKey: string): Promise<V3SessionDecision['status']> {
  const client: V3Client<'v3'> = new DefaultClient({ apiKey });
  const decision: V3SessionDecision = await client.sessions.getDecision(SESSION_ID);
  // @ts-expect-error a v3 decision has no v1 `kyc` block
  void decision.kyc;
  return decision.status;
}

/** The packed mock server, a client with credentials, and the seed decision. */
export async function fetchSeedDecision(): Promise<{
  status: SessionStatus;
  hits: number;
  aml: Aml | null | undefined;
}> {
  const server: MockServer = await startMockServer({ port: 0 });
  const options: DiditClientOptions = {
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    baseUrl: server.url,
    authUrl: server.url,
  };
  const client = new DiditClient(options);
  try {
    const decision: SessionDecision = await client.sessions.getDecision(SESSION_ID);
    const terminal: boolean = isTerminalStatus(decision.status);
    const parsed = sessionDecisionSchema.safeParse(decision);
    return {
      status: terminal && parsed.success ? decision.status : 'Not Started',
      hits: decision.aml?.hits?.length ?? 0,
      aml: decision.aml,
    };
  } catch (error) {
    if (error instanceof NotFoundError) {
      const status: number | undefined = error.status;
      throw new Error(`no such session (${status})`);
    }
    if (isDiditError(error)) {
      const code: DiditErrorCode = error.code;
      throw new Error(code);
    }
    throw error;
  } finally {
    await server.close();
  }
}

/** The server side of the browser flow: a proxy route over a client that holds the credentials. */
export function proxyRoute(): DiditProxyHandler {
  const app = createMockApp();
  const server = new DiditClient({
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    fetch: (request) => app.fetch(request),
  });
  return createDiditProxy(server, { prefix: '/api/didit' });
}

/** The React package outside React: its query options with TanStack's QueryClient. */
export function prefetch(client: DiditClient, queryClient: QueryClient): Promise<SessionDecision> {
  const options: SessionDecisionOptions = { pollIntervalMs: 2_000 };
  const query = sessionDecisionQueryOptions(client, SESSION_ID, options);
  const key: readonly unknown[] = diditQueryKeys.decision(client, SESSION_ID);
  void key;
  return queryClient.fetchQuery(query);
}

function Decision(): ReactElement {
  const query: UseQueryResult<SessionDecision, DiditError> = useSessionDecision(SESSION_ID);
  return createElement('p', null, query.data?.status ?? 'loading');
}

/** A browser client without credentials, for the proxy route, in the provider. */
export function App(): ReactElement {
  const client = new DiditClient({ baseUrl: '/api/didit' });
  return createElement(DiditProvider, { client }, createElement(Decision));
}

// The declarations are precise, not `any`: each statement below must be a type error.
export async function misuse(client: DiditClient): Promise<void> {
  // @ts-expect-error a session id is a string
  await client.sessions.getDecision(42);
  // @ts-expect-error not an option of DiditClient
  void new DiditClient({ clientSecrte: 'typo' });
  // @ts-expect-error a decision's status is a string, not a number
  const status: number = (await client.sessions.getDecision(SESSION_ID)).status;
  void status;
}
