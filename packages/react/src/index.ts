export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_REVIEW_POLL_INTERVAL_MS,
  MAX_ERROR_POLL_INTERVAL_MS,
  type SessionDecisionPollingOptions,
} from './polling.ts';
export { DiditProvider, type DiditProviderProps, useDiditClient } from './provider.tsx';
export { type DiditKeyScope, diditQueryKeys, type SessionDecisionQueryKey } from './query-keys.ts';
export type { DecisionRetry } from './query-retry.ts';
export type {
  Register,
  RegisteredApiVersion,
  RegisteredClient,
  RegisteredCreatedSession,
  RegisteredCreateSessionRequest,
  RegisteredDecision,
  RegisteredUpdateStatusRequest,
  RegisteredUpdateStatusResponse,
} from './register.ts';
export {
  type SessionDecisionOptions,
  type SessionDecisionQuery,
  type SuspenseSessionDecisionOptions,
  sessionDecisionQueryOptions,
} from './session-decision-query-options.ts';
export {
  type CreateSessionVariables,
  type UseCreateSessionOptions,
  useCreateSession,
} from './use-create-session.ts';
export { type DecisionStreamLiveOptions, useDecisionStreamLive } from './use-decision-stream-live.ts';
export { type UseSessionDecisionOptions, useSessionDecision } from './use-session-decision.ts';
export { useSuspenseSessionDecision } from './use-suspense-session-decision.ts';
export {
  type UpdateSessionStatusVariables,
  type UseUpdateSessionStatusOptions,
  useUpdateSessionStatus,
} from './use-update-session-status.ts';
