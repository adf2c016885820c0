import { parseArgs } from 'node:util';
import { buildPath, v1Endpoints, v3Endpoints } from '@didit-kit/core/server';
import type { Latency } from './faults.ts';
import { FixtureError } from './fixture-files.ts';
import { DEFAULT_HOST, DEFAULT_PORT, type MockServer, type MockServerOptions, startMockServer } from './server.ts';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL_SEC } from './v1/auth.ts';
import { FIXTURE_SESSION_IDS } from './v1/fixtures.ts';
import { DEFAULT_API_KEY } from './v3/auth.ts';
import { V3_FIXTURE_IDS } from './v3/fixtures.ts';
import { checkDestination, displayUrl, type WebhookDestinationOptions } from './webhooks/destinations.ts';

// `didit-mock-server`: a thin wrapper around startMockServer. Exit codes: 0 after a clean
// shutdown (SIGINT/SIGTERM), 1 when the server cannot start, 2 for bad arguments.

const HELP = `Usage: didit-mock-server [options]

A local server that behaves like Didit's whole v3 API (x-api-key) and its v1 API (OAuth2):
sessions, decisions, PDFs, a hosted verification page, sandbox scenarios, fault injection and
admin routes.

Options:
  --port <n>             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <host>          interface to bind (default ${DEFAULT_HOST})
  --client-id <id>       client id to accept (default ${DEFAULT_CLIENT_ID})
  --client-secret <s>    client secret to accept (default ${DEFAULT_CLIENT_SECRET})
  --api-key <key>        x-api-key the /v3/ routes accept (default ${DEFAULT_API_KEY})
  --auth-failure-status <401|403>
                         status of a /v3/ request with a missing or wrong key (default 403)
  --token-ttl <seconds>  access token lifetime (default ${DEFAULT_TOKEN_TTL_SEC})
  --fixtures <dir>       extra decision fixtures (*.json); same session_id replaces a built-in one
  --latency <ms|min-max> delay every /v1 and /v3 response, e.g. 200 or 50-400
  --error-rate <0..1>    share of /v1 and /v3 requests that fail at random (429, 500, 502, 503,
                         dropped)
  --slow <ms>            with --error-rate, some failures are answers held back this long
                         (longer than a client's timeout, they time out)
  --seed <int>           seed for --latency and --error-rate, so a run repeats (default 1)
  --public-url <url>     origin for hosted page URLs when a proxy changes the host
                         (its host name is also answered, see --allow-host)
  --allow-host <name>    answer requests for this Host name too (repeatable; ".example.test"
                         allows a domain and its subdomains). Without it, only the listening
                         address, localhost, 127.0.0.1 and [::1] are answered; others get 421
  --webhook-url <url>    POST signed webhooks there on create and every status change
  --webhook-secret <s>   the secret that signs them (required with --webhook-url)
                         (the legacy application URL: quiet while a destination is set)
  --webhook-destination url=<url>[,secret=<s>][,version=v1|v2|v3][,events=<e1>+<e2>][,label=<l>]
                         a v3 webhook destination (repeatable). Defaults: a random secret
                         (printed), version v3, events status.updated+data.updated
  --balance <usd>        the billing balance the standalone checks draw on (default 100)
  --strict-workflows     refuse sessions on workflow ids the mock does not hold, as Didit does
                         (default: an unknown id is made a KYC workflow)
  --no-admin             turn off the /__mock/ admin routes
  -h, --help             show this help

Per request: send "Prefer: code=429" (or code=503, delay=800, fail=connection, ...)
or add ?__mock=code=429 to a /v1 or /v3 URL.`;

class UsageError extends Error {}

function parse(argv: string[]): MockServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'token-ttl': { type: 'string' },
      'api-key': { type: 'string' },
      'auth-failure-status': { type: 'string' },
      fixtures: { type: 'string' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      slow: { type: 'string' },
      seed: { type: 'string' },
      'public-url': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'webhook-destination': { type: 'string', multiple: true },
      balance: { type: 'string' },
      'strict-workflows': { type: 'boolean' },
      'no-admin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  return {
    port: values.port === undefined ? undefined : integer('--port', values.port),
    host: values.host,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    apiKey: values['api-key'],
    authFailureStatus:
      values['auth-failure-status'] === undefined ? undefined : authStatus(values['auth-failure-status']),
    tokenTtlSec: values['token-ttl'] === undefined ? undefined : integer('--token-ttl', values['token-ttl']),
    fixturesDir: values.fixtures,
    latency: values.latency === undefined ? undefined : latency(values.latency),
    errorRate: values['error-rate'] === undefined ? undefined : decimal('--error-rate', values['error-rate']),
    slowMs: values.slow === undefined ? undefined : integer('--slow', values.slow),
    seed: values.seed === undefined ? undefined : integer('--seed', values.seed),
    publicUrl: values['public-url'],
    allowHosts: values['allow-host'],
    webhookUrl: values['webhook-url'],
    webhookSecret: values['webhook-secret'],
    webhookDestinations: values['webhook-destination']?.map(destination),
    initialBalance: values.balance === undefined ? undefined : decimal('--balance', values.balance),
    strictWorkflows: values['strict-workflows'] === true,
    admin: !values['no-admin'],
    log: (line) => process.stdout.write(`${line}\n`),
  };
}

/** `url=...,secret=...,version=v3,events=status.updated+data.updated,label=...` (split on commas, then the first `=`). */
function destination(text: string): WebhookDestinationOptions {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    const key = at < 0 ? '' : part.slice(0, at).trim();
    if (!['url', 'secret', 'version', 'events', 'label'].includes(key)) {
      throw new UsageError(
        `--webhook-destination takes url=...,secret=...,version=v1|v2|v3,events=a+b,label=...; got ${JSON.stringify(part)}`,
      );
    }
    if (fields.has(key)) throw new UsageError(`--webhook-destination: ${key} given twice`);
    fields.set(key, part.slice(at + 1));
  }
  const url = fields.get('url');
  if (url === undefined) throw new UsageError('--webhook-destination needs url=...');
  const version = fields.get('version');
  if (version !== undefined && version !== 'v1' && version !== 'v2' && version !== 'v3') {
    throw new UsageError(`--webhook-destination: version must be v1, v2 or v3; got ${JSON.stringify(version)}`);
  }
  const events = fields.get('events');
  const checked = checkDestination({
    url,
    secret: fields.get('secret'),
    webhookVersion: version,
    subscribedEvents: events?.split('+').map((e) => e.trim()),
    label: fields.get('label'),
  });
  if (!checked.ok) {
    const [field, messages] = Object.entries(checked.errors)[0]!;
    throw new UsageError(`--webhook-destination: ${field}: ${messages.join(' ')}`);
  }
  const value = checked.value;
  const result: WebhookDestinationOptions = {
    url: value.url,
    secret: value.secret_shared_key,
    webhookVersion: value.webhook_version,
    subscribedEvents: value.subscribed_events,
    label: value.label,
  };
  if (fields.has('secret')) argvSecrets.add(result);
  return result;
}

/** The destinations whose secret was given on the command line (the banner does not print those). */
const argvSecrets = new WeakSet<WebhookDestinationOptions>();

function authStatus(text: string): 401 | 403 {
  if (text === '401' || text === '403') return Number(text) as 401 | 403;
  throw new UsageError(`--auth-failure-status takes 401 or 403; got ${JSON.stringify(text)}`);
}

function integer(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} takes a whole number; got ${JSON.stringify(text)}`);
  return Number(text);
}

function decimal(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${flag} takes a number; got ${JSON.stringify(text)}`);
  }
  return value;
}

function latency(text: string): Latency {
  const range = /^(\d+)\s*(?:-|\.\.)\s*(\d+)$/.exec(text);
  if (range) return [Number(range[1]), Number(range[2])];
  return integer('--latency', text);
}

function banner(server: MockServer, options: MockServerOptions): string {
  const { url } = server;
  const secret =
    options.clientSecret === undefined ? DEFAULT_CLIENT_SECRET : '(the value given with --client-secret, not shown)';
  const lines = [
    `Didit mock server listening on ${url}`,
    '',
    `  Client id      ${options.clientId ?? DEFAULT_CLIENT_ID}`,
    `  Client secret  ${secret}`,
    `  API key        ${options.apiKey === undefined ? DEFAULT_API_KEY : '(the value given with --api-key, not shown)'}   (x-api-key, /v3/...)`,
    `  v3 decision    ${url}${buildPath(v3Endpoints.getDecision.path, { sessionId: V3_FIXTURE_IDS.approved })}`,
    `  Auth URL       ${url}   (POST /auth/v2/token/, v1)`,
    `  API base URL   ${url}   (${v1Endpoints.create.path}...)`,
    `  Seed decision  ${url}${buildPath(v1Endpoints.getDecision.path, { sessionId: FIXTURE_SESSION_IDS.declinedAml })}`,
    `  Hosted page    ${url}/session/${FIXTURE_SESSION_IDS.notStarted}`,
  ];
  if (options.admin !== false) lines.push(`  Admin          ${url}/__mock/sessions`);
  if (options.allowHosts !== undefined && options.allowHosts.length > 0) {
    lines.push(`  Also answers   ${options.allowHosts.join(', ')}`);
  }
  if (options.webhookUrl !== undefined) {
    lines.push(`  Webhooks       POST ${displayUrl(options.webhookUrl)} (signed with --webhook-secret)`);
  }
  for (const d of options.webhookDestinations ?? []) {
    const given = argvSecrets.has(d) ? '(the secret given, not shown)' : `secret ${d.secret}`;
    lines.push(
      `  Destination    POST ${displayUrl(d.url)} ${d.webhookVersion ?? 'v3'} [${(d.subscribedEvents ?? []).join(', ')}] ${given}`,
    );
  }
  if (options.latency !== undefined || options.errorRate !== undefined) {
    const shown = Array.isArray(options.latency) ? options.latency.join('-') : (options.latency ?? 0);
    const slow = options.slowMs ? `, slow answers ${options.slowMs} ms` : '';
    lines.push(
      `  Chaos          latency ${shown} ms, error rate ${options.errorRate ?? 0}${slow}, seed ${options.seed ?? 1}`,
    );
  }
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  let options: MockServerOptions | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`didit-mock-server: ${message}\nRun didit-mock-server --help for the options.\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }

  let server: MockServer;
  try {
    server = await startMockServer(options);
  } catch (error) {
    process.stderr.write(`didit-mock-server: ${describeStartError(error, options)}\n`);
    process.exitCode = error instanceof RangeError || error instanceof TypeError ? 2 : 1;
    return;
  }
  process.stdout.write(`${banner(server, options)}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C: stop waiting.
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: shutting down\n`);
    server.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`didit-mock-server: error while closing: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function describeStartError(error: unknown, options: MockServerOptions): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return `port ${options.port ?? DEFAULT_PORT} is already in use on ${options.host ?? DEFAULT_HOST}; pass --port 0 for a free one`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on host ${options.host}`;
  if (error instanceof FixtureError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

await main(process.argv.slice(2));
