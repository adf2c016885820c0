// `npm run dev`: this app against the didit-kit mock server, wired together, in one command.
//
// 1. Starts the mock server (it stands in for Didit: sessions, a hosted page, signed webhooks) with one webhook
//    destination: this app's POST /api/webhooks/didit, signed with a secret made up for this run.
// 2. Starts `next dev` with the variables that point the app at the mock (the mock's API key and URL, any
//    workflow id, that secret), which take precedence over your .env files.
//
// PORT (3000) and DIDIT_MOCK_PORT (4010) change the ports. Against the real Didit, use `npm run dev:didit`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { DEFAULT_API_KEY, startMockServer } from '@didit-kit/mock-server';

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://${host}:${port}`;
const webhookSecret = randomBytes(32).toString('base64url');

const mock = await startMockServer({
  host,
  port: Number(process.env.DIDIT_MOCK_PORT ?? 4010),
  webhookDestinations: [{ url: `${appUrl}/api/webhooks/didit`, secret: webhookSecret, label: 'example app' }],
});
console.log(`Didit mock server: ${mock.url} (webhooks to ${appUrl}/api/webhooks/didit)`);

const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
const app = spawn(process.execPath, [next, 'dev', '--hostname', host, '--port', String(port)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DIDIT_API_KEY: DEFAULT_API_KEY,
    DIDIT_BASE_URL: mock.url,
    // The mock accepts any workflow id; with the real Didit, it is your workflow's.
    DIDIT_WORKFLOW_ID: 'd1d17000-0000-4000-8000-0000000e1a3e',
    DIDIT_WEBHOOK_SECRET: webhookSecret,
    APP_URL: appUrl,
  },
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  app.kill('SIGTERM');
  await mock.close();
  process.exit(code);
}
app.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(0));
