import type { DiditClient } from '@didit-kit/core';

/**
 * What separates one Didit environment's cache entries from another's: a client (its `baseUrl` is used)
 * or an explicit string (`keyScope`), for when two clients reach the same account by different URLs.
 */
export type DiditKeyScope = Pick<DiditClient, 'baseUrl'> | string;

export type SessionDecisionQueryKey = readonly ['didit', string, 'session', string | undefined, 'decision'];

function scopeOf(scope: DiditKeyScope): string {
  return typeof scope === 'string' ? scope : scope.baseUrl;
}

/**
 * Every query and mutation key this package uses. Each level is a prefix of the next, so invalidating
 * `session(scope, id)` reaches everything about that session, and `all` everything cached by didit-kit.
 * The scope (by default the client's base URL) keeps production, staging and a mock server apart.
 */
export const diditQueryKeys = {
  all: ['didit'] as const,
  scope: (scope: DiditKeyScope) => ['didit', scopeOf(scope)] as const,
  session: (scope: DiditKeyScope, sessionId: string | undefined) =>
    ['didit', scopeOf(scope), 'session', sessionId] as const,
  decision: (scope: DiditKeyScope, sessionId: string | undefined): SessionDecisionQueryKey =>
    ['didit', scopeOf(scope), 'session', sessionId, 'decision'] as const,
  updateStatus: (scope: DiditKeyScope) => ['didit', scopeOf(scope), 'update-status'] as const,
  createSession: (scope: DiditKeyScope) => ['didit', scopeOf(scope), 'create-session'] as const,
};
