import type { DiditError, SessionDecision as V3Decision } from '@didit-kit/core';
import type { SessionDecision as V1Decision } from '@didit-kit/core/v1';
import {
  type RegisteredClient,
  type SessionDecisionOptions,
  sessionDecisionQueryOptions,
  useDecisionStreamLive,
  useDiditClient,
  useSessionDecision,
} from '@didit-kit/react';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type ApiVersion, browserClient, browserClientV1 } from '../api.ts';

/**
 * A decision of either generation, told apart by `apiVersion`; `live`: the event stream keeps it
 * fresh now (else it is polled); `updatedAt`: when it was last written, by a fetch or the stream.
 */
export type DecisionQuery = { live: boolean; updatedAt: number } & (
  | { apiVersion: 'v3'; query: UseQueryResult<V3Decision, DiditError> }
  | { apiVersion: 'v1'; query: UseQueryResult<V1Decision, DiditError> }
);

/**
 * One session's decision, with the client of its generation. A session of the API this server
 * creates with (the provider's client) goes through `useSessionDecision`, which follows the proxy's
 * event stream when the server offers one and polls otherwise; one of the other generation (the v1
 * seed in the v3 gallery) is polled with the same query options.
 * `@didit-kit/react` types an app's hooks for one API generation (`Register`; this app: v3, the
 * default). The demo also shows v1 sessions: the same query options run them with the v1 client,
 * which reads `/v1/` paths at run time; only the types are told, here and nowhere else.
 */
export function useDecision(
  sessionId: string | undefined,
  apiVersion: ApiVersion,
  options: SessionDecisionOptions,
): DecisionQuery {
  const provided = useDiditClient();
  const own = provided.apiVersion === apiVersion;
  const followed = useSessionDecision(own ? sessionId : undefined, options);
  const client = apiVersion === 'v1' ? (browserClientV1 as unknown as RegisteredClient) : browserClient;
  const polled = useQuery(sessionDecisionQueryOptions(client, own ? undefined : sessionId, options));
  const query = own ? followed : polled;
  // Re-renders when the stream's health changes (the provider's stream registry).
  const streaming = useDecisionStreamLive(own ? sessionId : undefined, { keyScope: options.keyScope });
  const live = own && streaming;
  const updatedAt = query.dataUpdatedAt;
  return apiVersion === 'v1'
    ? { live, updatedAt, apiVersion, query: query as unknown as UseQueryResult<V1Decision, DiditError> }
    : { live, updatedAt, apiVersion, query };
}
