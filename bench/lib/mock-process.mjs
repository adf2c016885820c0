// The mock server as the throughput parts run it: its CLI in a process of its own.
import { startServerProcess } from './processes.mjs';

/** The mock server's default credentials. */
export const MOCK_CREDENTIALS = { clientId: 'mock-client-id', clientSecret: 'mock-client-secret' };

const MOCK_CLI = new URL('../../packages/mock-server/dist/cli.js', import.meta.url).pathname;

/** Starts the built mock server on a free port and resolves with it and an access token from it. */
export async function startMockProcess() {
  const server = await startServerProcess(MOCK_CLI, ['--port', '0']);
  try {
    const { clientId, clientSecret } = MOCK_CREDENTIALS;
    const response = await fetch(`${server.url}/auth/v2/token/`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = await response.json();
    return { server, token };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
