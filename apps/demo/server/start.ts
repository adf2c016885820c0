// `pnpm demo` ends here: starts the demo (and the embedded mock server) and prints the URL to open.
//   node apps/demo/dist-server/start.mjs     (after `pnpm build`)
//   PORT=0 picks a free port; DIDIT_API_KEY + DIDIT_WORKFLOW_ID switch to the real Didit (v3),
//   DIDIT_CLIENT_ID + DIDIT_CLIENT_SECRET to the real Didit's v1; DEMO_API_VERSION=v1 runs the mock's v1.
import { ConfigError, readConfig } from './config.ts';
import { startDemoServer } from './start-demo-server.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const demo = await startDemoServer(config);
  const lines = [
    '',
    `  didit-kit demo:  ${demo.url}`,
    demo.mock
      ? `  Didit:           the mock server at ${demo.mock.url}, API ${demo.apiVersion} (no credentials needed)`
      : `  Didit:           ${config.didit?.baseUrl ?? 'https://verification.didit.me'}, API ${demo.apiVersion} (your credentials stay on this server)`,
    '',
    `  Open ${demo.url} and click "Verify identity". Ctrl+C stops.`,
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: stopping.`);
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`demo: ${error.message}`);
  } else if ((error as { code?: unknown }).code === 'EADDRINUSE') {
    console.error(
      `demo: the port is already in use. Choose another one: PORT=3001 pnpm demo (or PORT=0 for any free port).`,
    );
  } else {
    console.error('demo: could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
