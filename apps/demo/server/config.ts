/** Which Didit API the demo's sessions are created with: v3 (`x-api-key`, workflows) or v1 (client credentials). */
export type ApiVersion = 'v3' | 'v1';

/** Real Didit credentials and hosts, from the environment. */
export type DiditCredentials =
  | { apiVersion: 'v3'; apiKey: string; workflowId: string; baseUrl?: string | undefined }
  | {
      apiVersion: 'v1';
      clientId: string;
      clientSecret: string;
      baseUrl?: string | undefined;
      authUrl?: string | undefined;
    };

/** How the demo server starts, from the environment (see the README). */
export interface DemoConfig {
  port: number;
  host: string;
  /** The URL Didit sends the user back to (`{publicUrl}/callback`); default: the server's own URL. */
  publicUrl: string | undefined;
  /** The API "Verify identity" uses: v3 unless `DEMO_API_VERSION=v1` (or only v1 credentials are set). */
  apiVersion: ApiVersion;
  /** Set: talk to the real Didit. Unset: start the mock server embedded. */
  didit: DiditCredentials | undefined;
  /** Extra fixtures for the embedded mock server (`DEMO_MOCK_FIXTURES`, a folder of decision JSON files). */
  mockOptions: { fixturesDir: string } | undefined;
  /** Live updates (webhook → event stream); `DEMO_REALTIME=off` makes the page poll instead. */
  realtime: boolean;
  /** The real Didit's webhook secret (`DIDIT_WEBHOOK_SECRET`), for live updates against Didit. */
  webhookSecret: string | undefined;
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
  const apiKey = env.DIDIT_API_KEY || undefined;
  const workflowId = env.DIDIT_WORKFLOW_ID || undefined;
  const clientId = env.DIDIT_CLIENT_ID || undefined;
  const clientSecret = env.DIDIT_CLIENT_SECRET || undefined;
  if ((apiKey === undefined) !== (workflowId === undefined)) {
    throw new ConfigError('Set both DIDIT_API_KEY and DIDIT_WORKFLOW_ID to use the real Didit (v3), or neither.');
  }
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new ConfigError('Set both DIDIT_CLIENT_ID and DIDIT_CLIENT_SECRET to use the real Didit (v1), or neither.');
  }
  const requested = env.DEMO_API_VERSION || undefined;
  if (requested !== undefined && requested !== 'v3' && requested !== 'v1') {
    throw new ConfigError(`DEMO_API_VERSION must be v3 or v1; got ${JSON.stringify(requested)}`);
  }
  const apiVersion: ApiVersion = requested ?? (clientId !== undefined && apiKey === undefined ? 'v1' : 'v3');
  let didit: DiditCredentials | undefined;
  if (apiVersion === 'v3' && apiKey !== undefined && workflowId !== undefined) {
    didit = { apiVersion, apiKey, workflowId, baseUrl: env.DIDIT_BASE_URL || undefined };
  } else if (apiVersion === 'v1' && clientId !== undefined && clientSecret !== undefined) {
    didit = {
      apiVersion,
      clientId,
      clientSecret,
      baseUrl: env.DIDIT_BASE_URL || undefined,
      authUrl: env.DIDIT_AUTH_URL || undefined,
    };
  } else if (apiKey !== undefined || clientId !== undefined) {
    // Credentials for the other generation only: starting the mock instead would surprise.
    throw new ConfigError(
      apiVersion === 'v3'
        ? 'DEMO_API_VERSION is v3 but only v1 credentials are set: set DIDIT_API_KEY and DIDIT_WORKFLOW_ID.'
        : 'DEMO_API_VERSION is v1 but only v3 credentials are set: set DIDIT_CLIENT_ID and DIDIT_CLIENT_SECRET.',
    );
  }
  const realtime = env.DEMO_REALTIME || 'on';
  if (realtime !== 'on' && realtime !== 'off') {
    throw new ConfigError(`DEMO_REALTIME must be on or off; got ${JSON.stringify(env.DEMO_REALTIME)}`);
  }
  return {
    port,
    host: env.HOST || DEFAULT_HOST,
    realtime: realtime === 'on',
    webhookSecret: env.DIDIT_WEBHOOK_SECRET || undefined,
    publicUrl: env.DEMO_PUBLIC_URL || undefined,
    apiVersion,
    mockOptions: env.DEMO_MOCK_FIXTURES ? { fixturesDir: env.DEMO_MOCK_FIXTURES } : undefined,
    didit,
  };
}
