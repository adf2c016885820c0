import type { V3ClientOptions } from './client-base.ts';

/**
 * `options` with the server's environment (`process.env` on Node, Bun and Deno) filling what is not
 * given: `DIDIT_API_KEY` (unless the client points at a proxy route, a path, where it must hold no
 * key, or `apiKey` is given as `undefined` on purpose), `DIDIT_ORGANIZATION_ID` and
 * `DIDIT_APPLICATION_ID`. Browser builds alias this file to environment.browser.ts: a browser bundle
 * never reads an environment variable.
 */
export function withEnvironmentDefaults(options: V3ClientOptions): V3ClientOptions {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const proxied = typeof options.baseUrl === 'string' && options.baseUrl.startsWith('/');
  return {
    ...options,
    apiKey: options.apiKey ?? (proxied || 'apiKey' in options ? undefined : env.DIDIT_API_KEY || undefined),
    organizationId: options.organizationId ?? (env.DIDIT_ORGANIZATION_ID || undefined),
    applicationId: options.applicationId ?? (env.DIDIT_APPLICATION_ID || undefined),
  };
}
