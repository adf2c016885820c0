// 1. getDecision through DiditClient against (a) raw undici.request + JSON.parse and
// (b) the seed's own code sample (global fetch + res.json()), all against the mock
// server in a separate process on 127.0.0.1. Targets: >= 0.85x (a), >= 1.8x (b).
import { DiditClient } from '@didit-kit/core';
import { Agent, request } from 'undici';
import { pinnedToBenchCores, pinning } from './lib/cpus.mjs';
import { measure } from './lib/load.mjs';
import { MOCK_CREDENTIALS, startMockProcess } from './lib/mock-process.mjs';
import { fmt, median, record, table } from './lib/stats.mjs';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';

export function clientThroughput({ quick }) {
  return pinnedToBenchCores(() => run({ quick }));
}

async function run({ quick }) {
  const rounds = quick ? 3 : 7;
  const durationMs = quick ? 1000 : 2000;
  const { server, token } = await startMockProcess();
  try {
    const endpoint = `${server.url}/v1/session/${SESSION_ID}/decision/`;

    const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
    const rawUndici = async () => {
      const response = await request(endpoint, { headers: { authorization: `Bearer ${token}` }, dispatcher });
      const data = JSON.parse(await response.body.text());
      if (response.statusCode !== 200 || data.session_id !== SESSION_ID) throw new Error('raw undici: bad response');
    };
    // The seed page's sample, with the token already in hand.
    const seedSample = async () => {
      const response = await fetch(endpoint, {
        method: 'GET',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data.message);
    };
    const client = new DiditClient({
      ...MOCK_CREDENTIALS,
      baseUrl: server.url,
      authUrl: server.url,
    });
    const didit = async () => {
      const decision = await client.sessions.getDecision(SESSION_ID);
      if (decision.session_id !== SESSION_ID) throw new Error('didit: bad response');
    };

    const variants = { 'raw undici.request (a)': rawUndici, 'seed sample: fetch (b)': seedSample, DiditClient: didit };
    const where = pinning ? `clients on core(s) ${pinning.bench}, server on core ${pinning.server}` : 'unpinned';
    console.log(
      `\n## 1. Client throughput: getDecision against the mock server (separate process), ${rounds} rounds x ${durationMs} ms, ${where}, medians\n`,
    );
    for (const concurrency of [1, 32]) {
      const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        // Rotate the order each round so drift on a noisy machine spreads evenly.
        const names = Object.keys(variants);
        const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
        for (const name of order) samples[name].push(await measure(variants[name], { concurrency, durationMs }));
      }
      const summary = Object.fromEntries(
        Object.entries(samples).map(([name, runs]) => [
          name,
          {
            rps: median(runs.map((r) => r.rps)),
            p50: median(runs.map((r) => r.p50)),
            p99: median(runs.map((r) => r.p99)),
          },
        ]),
      );
      // Each round's ratios compare runs seconds apart; their median resists the machine's drift.
      const ratioTo = (name, base) => median(samples[name].map((run, i) => run.rps / samples[base][i].rps));
      const A = 'raw undici.request (a)';
      const B = 'seed sample: fetch (b)';
      table(
        [`concurrency ${concurrency}`, 'req/s', 'p50 ms', 'p99 ms', 'vs (a)', 'vs (b)'],
        Object.entries(summary).map(([name, s]) => [
          name,
          fmt(s.rps),
          fmt(s.p50, 3),
          fmt(s.p99, 3),
          fmt(ratioTo(name, A)),
          fmt(ratioTo(name, B)),
        ]),
      );
      console.log(
        `per round, DiditClient / (a): ${samples.DiditClient.map((run, i) => fmt(run.rps / samples[A][i].rps)).join(', ')}`,
      );
      const vsA = ratioTo('DiditClient', A);
      const vsB = ratioTo('DiditClient', B);
      const okA = record(`client c=${concurrency} vs raw undici`, vsA, 0.85, 'min');
      const okB = record(`client c=${concurrency} vs seed sample`, vsB, 1.8, 'min');
      console.log(
        `target (median of the rounds' ratios): >= 0.85x (a): ${fmt(vsA)} ${okA}; >= 1.8x (b): ${fmt(vsB)} ${okB}\n`,
      );
    }
    await dispatcher.close();
  } finally {
    await server.stop();
  }
}
