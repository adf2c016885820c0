/** Real Didit credentials and hosts, from the environment. */
export interface DiditCredentials {
  clientId: string;
  clientSecret: string;
  baseUrl?: string | undefined;
  authUrl?: string | undefined;
}

/** How the demo server starts, from the environment (see the README). */
export interface DemoConfig {
  port: number;
  host: string;
  /** The URL Didit sends the user back to (`{publicUrl}/callback`); default: the server's own URL. */
  publicUrl: string | undefined;
  /** Set: talk to the real Didit. Unset: start the mock server embedded. */
  didit: DiditCredentials | undefined;
  /** Extra fixtures for the embedded mock server (`DEMO_MOCK_FIXTURES`, a folder of decision JSON files). */
  mockOptions: { fixturesDir: string } | undefined;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0 picks a free one); got ${JSON.stringify(env.PORT)}`);
  }
  const clientId = env.DIDIT_CLIENT_ID || undefined;
  const clientSecret = env.DIDIT_CLIENT_SECRET || undefined;
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new ConfigError('Set both DIDIT_CLIENT_ID and DIDIT_CLIENT_SECRET to use the real Didit, or neither.');
  }
  return {
    port,
    host: env.HOST || DEFAULT_HOST,
    publicUrl: env.DEMO_PUBLIC_URL || undefined,
    mockOptions: env.DEMO_MOCK_FIXTURES ? { fixturesDir: env.DEMO_MOCK_FIXTURES } : undefined,
    didit:
      clientId !== undefined && clientSecret !== undefined
        ? {
            clientId,
            clientSecret,
            baseUrl: env.DIDIT_BASE_URL || undefined,
            authUrl: env.DIDIT_AUTH_URL || undefined,
          }
        : undefined,
  };
}
