// 4. Mock server throughput (autocannon, loopback) on the decision routes clients poll, each beside
// a bare Hono route on @hono/node-server returning the same bytes (target: >= 0.7x), and for v3
// beside Prism 5 serving Didit's own OpenAPI (the peer a user would pick instead; target: >= 5x).
// Then two routes of the rest of the v3 API (issue 24): a standalone check, `POST /v3/aml/`, beside
// Prism (>= 5x), and a GET of a record, a workflow, beside a bare route serving the mock's bytes (>= 0.7x).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { pinnedToBenchCores, pinning, processCpuMicros } from './lib/cpus.mjs';
import { startMockProcess } from './lib/mock-process.mjs';
import { startServerProcess } from './lib/processes.mjs';
import { fmt, median, record, table } from './lib/stats.mjs';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';
const V3_SESSION_ID = 'd1d17000-0000-4000-8000-000000000301';
const SPEC = new URL('../packages/core/spec/didit-openapi-v3.json', import.meta.url).pathname;
const PRISM = new URL('./node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url).pathname;

const V3_HEADERS = { 'x-api-key': 'mock-api-key' };
/** The spec's own example screening (a name on no sanctions list: no hit, Approved). */
const AML_BODY = JSON.stringify({
  full_name: 'Antonio Ejemplo Modelo',
  entity_type: 'person',
  date_of_birth: '1972-02-29',
});

function cannon(url, { headers, method = 'GET', body }, durationSec) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, method, body, connections: 50, duration: durationSec }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

export function mockThroughput({ quick }) {
  return pinnedToBenchCores(() => run({ quick }));
}

async function run({ quick }) {
  const rounds = quick ? 2 : 6;
  const durationSec = quick ? 2 : 3;
  const bareScript = new URL('./servers/bare-hono.mjs', import.meta.url).pathname;
  const { server: mock, token } = await startMockProcess();
  const servers = [mock];
  try {
    const bare = await startServerProcess(bareScript);
    servers.push(bare);
    // The same request to each (the bare route ignores the header), so autocannon does the same
    // work for each and only the server differs.
    await compare({
      title: 'v1 decision route',
      path: `/v1/session/${SESSION_ID}/decision/`,
      request: { headers: { authorization: `Bearer ${token}` } },
      targets: { 'bare Hono route (baseline)': bare, 'mock server, v1 decision': mock },
      rounds,
      durationSec,
    });
    const prism = await startPrism();
    servers.push(prism);
    await compare({
      title: "v3 decision route, and Prism 5 serving Didit's OpenAPI",
      path: `/v3/session/${V3_SESSION_ID}/decision/`,
      request: { headers: V3_HEADERS },
      targets: { 'bare Hono route (baseline)': bare, 'mock server, v3 decision': mock, 'Prism 5 (peer)': prism },
      rounds,
      durationSec,
    });
    await restOfV3({ mock, prism, servers, rounds, durationSec });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Issue 24: a standalone check beside Prism, and a record's GET beside a bare route serving the mock's bytes. */
async function restOfV3({ mock, prism, servers, rounds, durationSec }) {
  // Each check charges the mock's balance (Didit's not-enough-credits error once it is empty): enough for the run.
  await mockRequest(mock, '/__mock/billing', { method: 'POST', body: JSON.stringify({ balance: 1e9 }) });
  await compare({
    title: 'standalone AML screening (POST /v3/aml/), beside Prism 5',
    path: '/v3/aml/',
    request: { method: 'POST', headers: { ...V3_HEADERS, 'content-type': 'application/json' }, body: AML_BODY },
    targets: { 'mock server, POST /v3/aml/': mock, 'Prism 5 (peer)': prism },
    peer: true,
    rounds,
    durationSec,
  });
  // A record of the rest of the API: the mock's default workflow, read by its id.
  const workflows = await (await mockRequest(mock, '/v3/workflows/')).json();
  const list = Array.isArray(workflows) ? workflows : workflows.results;
  const path = `/v3/workflows/${list[0].uuid}/`;
  const bytes = Buffer.from(await (await mockRequest(mock, path)).arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'didit-bench-'));
  try {
    writeFileSync(join(dir, 'workflow.json'), bytes);
    const bare = await startServerProcess(new URL('./servers/bare-hono.mjs', import.meta.url).pathname, [
      path,
      join(dir, 'workflow.json'),
    ]);
    servers.push(bare);
    await compare({
      title: `a record's GET (GET /v3/workflows/{id}/, ${bytes.length} bytes)`,
      path,
      request: { headers: V3_HEADERS },
      targets: { 'bare Hono route (baseline)': bare, 'mock server, GET /v3/workflows/{id}/': mock },
      rounds,
      durationSec,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One request to the mock (with its API key); throws unless it answers 2xx. */
async function mockRequest(mock, path, init = {}) {
  const response = await fetch(mock.url + path, {
    ...init,
    headers: { ...V3_HEADERS, 'content-type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * Rounds of autocannon against each target in turn; prints the medians and the ratio of the second (the mock) to
 * the first (the baseline) and to the third (Prism), or with `peer`, of the first (the mock) to the second (Prism).
 */
async function compare({ title, path, request, targets, peer = false, rounds, durationSec }) {
  const names = Object.keys(targets);
  // Warm-up: the first seconds of a fresh process are JIT compilation, not the route.
  for (const name of names) await cannon(targets[name].url + path, request, 1);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const server = targets[name];
      const cpuBefore = processCpuMicros(server.pid);
      const result = await cannon(server.url + path, request, durationSec);
      const cpuAfter = processCpuMicros(server.pid);
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${name}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
      }
      const cpuPerRequest = cpuBefore === undefined ? Number.NaN : (cpuAfter - cpuBefore) / result.requests.total;
      samples[name].push({ rps: result.requests.average, latency: result.latency, cpuPerRequest });
    }
  }
  const where = pinning ? `autocannon on core(s) ${pinning.bench}, servers on core ${pinning.server}` : 'unpinned';
  console.log(
    `\n## 4. Mock server throughput, ${title}: autocannon, 50 connections, ${rounds} x ${durationSec} s, ${where}, medians\n`,
  );
  table(
    ['server', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req'],
    names.map((name) => {
      const runs = samples[name];
      return [
        name,
        fmt(median(runs.map((r) => r.rps))),
        fmt(median(runs.map((r) => r.latency.p50))),
        fmt(median(runs.map((r) => r.latency.p99))),
        fmt(median(runs.map((r) => r.cpuPerRequest)), 1),
      ];
    }),
  );
  // Each round's ratio compares runs seconds apart; their median resists the machine's drift.
  const ratioOf = (a, b) => median(samples[a].map((s, i) => s.rps / samples[b][i].rps));
  if (peer) {
    const [mockName, peerName] = names;
    const ratio = ratioOf(mockName, peerName);
    console.log(`\ntarget: >= 5x Prism: ${fmt(ratio)} ${record(`${mockName} vs Prism 5`, ratio, 5, 'min')}`);
    return;
  }
  const [baseName, mockName, peerName] = names;
  const ratios = samples[mockName].map((s, i) => s.rps / samples[baseName][i].rps);
  console.log(`\nmock / bare per round: ${ratios.map((r) => fmt(r)).join(', ')}`);
  const ratio = ratioOf(mockName, baseName);
  console.log(`target: >= 0.7x the bare route: ${fmt(ratio)} ${record(`${mockName} vs bare Hono`, ratio, 0.7, 'min')}`);
  if (peerName) {
    const peer = ratioOf(mockName, peerName);
    console.log(`target: >= 5x Prism: ${fmt(peer)} ${record(`${mockName} vs Prism 5`, peer, 5, 'min')}`);
  }
}

/** Prism 5 mocking Didit's OpenAPI on a free port (`--verboseLevel warn`: no log line per request). */
async function startPrism() {
  const port = await freePort();
  const command = [process.execPath, PRISM, 'mock', SPEC, '--host', '127.0.0.1', '--port', String(port), '-v', 'warn'];
  if (pinning) command.unshift('taskset', '-c', pinning.server);
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/v3/session/${V3_SESSION_ID}/decision/`, { headers: { 'x-api-key': 'k' } }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, pid: child.pid, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`Prism did not answer within 30 s: ${stderr}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}
