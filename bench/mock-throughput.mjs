// 4. Mock server throughput (autocannon, loopback) for the decision route against a bare
// Hono route on @hono/node-server returning the same bytes. Target: >= 0.85x.
import autocannon from 'autocannon';
import { startServerProcess } from './lib/processes.mjs';
import { fmt, median, record, table } from './lib/stats.mjs';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';

function cannon(url, headers, durationSec) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: 50, duration: durationSec }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

export async function mockThroughput({ quick }) {
  const rounds = quick ? 2 : 3;
  const durationSec = quick ? 3 : 5;
  const mockCli = new URL('../packages/mock-server/dist/cli.js', import.meta.url).pathname;
  const bareScript = new URL('./servers/bare-hono.mjs', import.meta.url).pathname;
  const mock = await startServerProcess(mockCli, ['--port', '0']);
  const bare = await startServerProcess(bareScript);
  try {
    const tokenResponse = await fetch(`${mock.url}/auth/v2/token/`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('mock-client-id:mock-client-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = await tokenResponse.json();
    const path = `/v1/session/${SESSION_ID}/decision/`;
    const targets = {
      'bare Hono route (baseline)': { url: bare.url + path, headers: {} },
      'mock server decision route': { url: mock.url + path, headers: { authorization: `Bearer ${token}` } },
    };
    const samples = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const names = round % 2 ? Object.keys(targets).reverse() : Object.keys(targets);
      for (const name of names) {
        const result = await cannon(targets[name].url, targets[name].headers, durationSec);
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${name}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
        }
        samples[name].push(result);
      }
    }
    console.log(`\n## 4. Mock server throughput: autocannon, 50 connections, ${rounds} x ${durationSec} s, medians\n`);
    const rows = Object.entries(samples).map(([name, runs]) => ({
      name,
      rps: median(runs.map((r) => r.requests.average)),
      p50: median(runs.map((r) => r.latency.p50)),
      p99: median(runs.map((r) => r.latency.p99)),
    }));
    const base = rows[0].rps;
    table(
      ['server', 'req/s', 'p50 ms', 'p99 ms', 'ratio'],
      rows.map((r) => [r.name, fmt(r.rps), fmt(r.p50), fmt(r.p99), fmt(r.rps / base)]),
    );
    const ratio = rows[1].rps / base;
    console.log(
      `target: >= 0.85x the bare route: ${fmt(ratio)} ${record('mock server vs bare Hono', ratio, 0.85, 'min')}`,
    );
  } finally {
    await Promise.all([mock.stop(), bare.stop()]);
  }
}
