// 4. Mock server throughput (autocannon, loopback) for the decision route against a bare
// Hono route on @hono/node-server returning the same bytes. Target: >= 0.85x.
import autocannon from 'autocannon';
import { pinnedToBenchCores, pinning, processCpuMicros } from './lib/cpus.mjs';
import { startMockProcess } from './lib/mock-process.mjs';
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

export function mockThroughput({ quick }) {
  return pinnedToBenchCores(() => run({ quick }));
}

async function run({ quick }) {
  const rounds = quick ? 2 : 6;
  const durationSec = quick ? 2 : 3;
  const bareScript = new URL('./servers/bare-hono.mjs', import.meta.url).pathname;
  const { server: mock, token } = await startMockProcess();
  const bare = await startServerProcess(bareScript).catch(async (error) => {
    await mock.stop();
    throw error;
  });
  try {
    const path = `/v1/session/${SESSION_ID}/decision/`;
    // The same request to both (the bare route ignores the header), so autocannon does the same
    // work for each and only the server differs.
    const headers = { authorization: `Bearer ${token}` };
    const targets = {
      'bare Hono route (baseline)': bare,
      'mock server decision route': mock,
    };
    const names = Object.keys(targets);
    // Warm-up: the first seconds of a fresh process are JIT compilation, not the route.
    for (const name of names) await cannon(targets[name].url + path, headers, 1);
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        const server = targets[name];
        const cpuBefore = processCpuMicros(server.pid);
        const result = await cannon(server.url + path, headers, durationSec);
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
      `\n## 4. Mock server throughput: autocannon, 50 connections, ${rounds} x ${durationSec} s, ${where}, medians\n`,
    );
    const [baseName, mockName] = names;
    // Each round's ratio compares two runs seconds apart; their median resists the machine's drift.
    const ratios = samples[mockName].map((s, i) => s.rps / samples[baseName][i].rps);
    const cpuRatios = samples[mockName].map((s, i) => s.cpuPerRequest / samples[baseName][i].cpuPerRequest);
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
    console.log(`\nthroughput ratio per round: ${ratios.map((r) => fmt(r)).join(', ')}`);
    console.log(`server CPU per request, mock / bare, per round: ${cpuRatios.map((r) => fmt(r)).join(', ')}`);
    const ratio = median(ratios);
    console.log(
      `target: >= 0.85x the bare route (median of the rounds): ${fmt(ratio)} ${record('mock server vs bare Hono', ratio, 0.85, 'min')}`,
    );
  } finally {
    await Promise.all([mock.stop(), bare.stop()]);
  }
}
