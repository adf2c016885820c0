// `npm run dev`: this app against the didit-kit mock server, wired together, in one command.
//
// 1. Starts the mock server (it stands in for Didit: sessions, a hosted page, signed webhooks) with one webhook
//    destination: this app's POST /api/webhooks/didit, signed with a secret made up for this run.
// 2. Starts the app (server/index.ts, restarted by tsx on every server change; the front end hot-reloads through
//    Vite) with the variables that point it at the mock: the mock's API key and URL, any workflow id, that secret.
//
// PORT (3000) and DIDIT_MOCK_PORT (4010) change the ports.
// `npm run dev:didit` (--didit) starts the app alone, against the real Didit, with the variables in .env.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://${host}:${port}`;
const env = { ...process.env, NODE_ENV: 'development', HOST: host, PORT: String(port) };

let mock;
if (process.argv.includes('--didit')) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  Object.assign(env, process.env, { NODE_ENV: 'development', HOST: host, PORT: String(port) });
} else {
  const { DEFAULT_API_KEY, startMockServer } = await import('@didit-kit/mock-server');
  const webhookSecret = randomBytes(32).toString('base64url');
  mock = await startMockServer({
    host,
    port: Number(process.env.DIDIT_MOCK_PORT ?? 4010),
    webhookDestinations: [{ url: `${appUrl}/api/webhooks/didit`, secret: webhookSecret, label: 'example app' }],
  });
  console.log(`Didit mock server: ${mock.url} (webhooks to ${appUrl}/api/webhooks/didit)`);
  Object.assign(env, {
    DIDIT_API_KEY: DEFAULT_API_KEY,
    DIDIT_BASE_URL: mock.url,
    // The mock accepts any workflow id; with the real Didit, it is your workflow's.
    DIDIT_WORKFLOW_ID: 'd1d17000-0000-4000-8000-0000000e1a3e',
    DIDIT_WEBHOOK_SECRET: webhookSecret,
    APP_URL: appUrl,
  });
}

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const app = spawn(process.execPath, [tsx, 'watch', '--clear-screen=false', 'server/index.ts'], {
  stdio: 'inherit',
  env,
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  app.kill('SIGTERM');
  await mock?.close();
  process.exit(code);
}
app.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(0));
