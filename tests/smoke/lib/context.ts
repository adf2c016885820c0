import { inject } from 'vitest';
import type { PackageKey } from './paths.ts';

/** What the global setup prepared, handed to every test through vitest's `provide`/`inject`. */
export interface SmokeContext {
  /** Set when the setup itself failed (nothing to test): every test fails with it. */
  setupError?: string | undefined;
  /** How `pnpm build` (through turbo) went. */
  build: string;
  /** The throwaway project with the tarballs installed: `<os tmpdir>/didit-kit-smoke-XXXX/app`. */
  appDir: string;
  packages: Record<PackageKey, { tarball?: string | undefined; error?: string | undefined }>;
  /** The packed mock server, started by the setup through its `startMockServer`. */
  mock: { url: string; clientId: string; clientSecret: string; apiKey: string } | undefined;
  mockError?: string | undefined;
  timingsMs: Record<string, number>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    smoke: SmokeContext;
  }
}

export function smokeContext(): SmokeContext {
  const context = inject('smoke');
  if (context.setupError) throw new Error(`smoke setup failed: ${context.setupError}`);
  return context;
}

/** The tarballs a test needs; a package that did not build or pack fails the test with the reason. */
export function requirePackages(...keys: PackageKey[]): SmokeContext {
  const context = smokeContext();
  const missing = keys
    .filter((key) => !context.packages[key].tarball)
    .map((key) => `${key}: ${context.packages[key].error ?? 'not packed'}`);
  if (missing.length > 0) throw new Error(`packages missing from the smoke install:\n${missing.join('\n')}`);
  return context;
}

/** The mock server's address and credentials, as env vars for a consumer process. */
export function mockEnv(context: SmokeContext): Record<string, string> {
  if (!context.mock) throw new Error(`the mock server did not start: ${context.mockError ?? 'unknown reason'}`);
  return {
    DIDIT_SMOKE_URL: context.mock.url,
    DIDIT_SMOKE_CLIENT_ID: context.mock.clientId,
    DIDIT_SMOKE_CLIENT_SECRET: context.mock.clientSecret,
    DIDIT_SMOKE_API_KEY: context.mock.apiKey,
  };
}
