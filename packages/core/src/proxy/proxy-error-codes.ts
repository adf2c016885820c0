/**
 * Stable `code`s in the proxy's own error bodies for answers that mean the app's server is
 * misconfigured, not that Didit or the network failed. A browser's client turns them into a
 * `ConfigurationError`, which nothing retries: another attempt cannot fix an environment.
 */
export const PROXY_CONFIGURATION_CODES = {
  /** 502: Didit refused the server's API key (or v1 client credentials). */
  credentialsRefused: 'didit_credentials_refused',
  /** 500: the server's `DiditClient` has no credentials at all. */
  notConfigured: 'didit_not_configured',
  /** 500: the browser asked for the other API generation's path (its client's `apiVersion` differs from the server's). */
  apiVersionMismatch: 'didit_api_version_mismatch',
  /** 500: `prepareCreate` returned a body that fails the create schema (the log names the field). */
  invalidCreateBody: 'didit_invalid_create_body',
} as const;

const CODES: ReadonlySet<unknown> = new Set(Object.values(PROXY_CONFIGURATION_CODES));

/** True for a 5xx body the proxy marked as a configuration problem. */
export function isProxyConfigurationBody(status: number, body: unknown): boolean {
  return status >= 500 && typeof body === 'object' && body !== null && CODES.has((body as { code?: unknown }).code);
}
