// 1. getDecision through DiditClient, each server in a separate process on 127.0.0.1:
//  - v1: against the mock server, compared with (a) raw undici.request + JSON.parse and (b) the
//    seed's own code sample (global fetch + res.json()). Targets: >= 0.85x (a), >= 1.8x (b).
//  - v3: against a bare Hono route serving Didit's v3 user decision example
//    (servers/v3-decision.mjs), compared with raw undici.request + JSON.parse sending the same
//    `x-api-key`. Target: >= 0.85x.
import { DiditClient as V3DiditClient } from '@didit-kit/core';
import { DiditClient as V1DiditClient } from '@didit-kit/core/v1';
import { Agent, request } from 'undici';
import { pinnedToBenchCores, pinning } from './lib/cpus.mjs';
import { MOCK_CREDENTIALS, startMockProcess } from './lib/mock-process.mjs';
import { startServerProcess } from './lib/processes.mjs';
import { compareInRounds } from './lib/rounds.mjs';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';
const V3_API_KEY = 'bench-v3-api-key';
const V3_SERVER = new URL('./servers/v3-decision.mjs', import.meta.url).pathname;

const RAW = 'raw undici.request (a)';
const SEED = 'seed sample: fetch (b)';

export function clientThroughput({ quick }) {
  const settings = { rounds: quick ? 3 : 7, durationMs: quick ? 1000 : 2000 };
  return pinnedToBenchCores(async () => {
    await v1Part(settings);
    await v3Part(settings);
  });
}

function heading(what, { rounds, durationMs }) {
  const where = pinning ? `clients on core(s) ${pinning.bench}, server on core ${pinning.server}` : 'unpinned';
  console.log(`\n## 1. Client throughput, ${what}, ${rounds} rounds x ${durationMs} ms, ${where}, medians\n`);
}

/** A raw undici call of `endpoint` with `headers`: read the body, `JSON.parse` it, check it. */
function rawUndiciCall(endpoint, headers, dispatcher) {
  return async () => {
    const response = await request(endpoint, { headers, dispatcher });
    const data = JSON.parse(await response.body.text());
    if (response.statusCode !== 200 || data.session_id !== SESSION_ID) throw new Error('raw undici: bad response');
  };
}

async function v1Part(settings) {
  const { server, token } = await startMockProcess();
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
  try {
    const endpoint = `${server.url}/v1/session/${SESSION_ID}/decision/`;
    // The seed page's sample, with the token already in hand.
    const seedSample = async () => {
      const response = await fetch(endpoint, {
        method: 'GET',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data.message);
    };
    const client = new V1DiditClient({ ...MOCK_CREDENTIALS, baseUrl: server.url, authUrl: server.url });
    const didit = async () => {
      const decision = await client.sessions.getDecision(SESSION_ID);
      if (decision.session_id !== SESSION_ID) throw new Error('didit v1: bad response');
    };
    heading('v1: getDecision against the mock server (separate process)', settings);
    await compareInRounds({
      variants: {
        [RAW]: rawUndiciCall(endpoint, { authorization: `Bearer ${token}` }, dispatcher),
        [SEED]: seedSample,
        DiditClient: didit,
      },
      subject: 'DiditClient',
      baselines: [
        { name: RAW, label: 'raw undici', short: '(a)', target: 0.85 },
        { name: SEED, label: 'seed sample', short: '(b)', target: 1.8 },
      ],
      recordAs: 'client v1',
      ...settings,
    });
  } finally {
    await dispatcher.close();
    await server.stop();
  }
}

async function v3Part(settings) {
  const server = await startServerProcess(V3_SERVER, ['--api-key', V3_API_KEY]);
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
  try {
    const endpoint = `${server.url}/v3/session/${SESSION_ID}/decision/`;
    const client = new V3DiditClient({ apiKey: V3_API_KEY, baseUrl: server.url });
    const didit = async () => {
      const decision = await client.sessions.getDecision(SESSION_ID);
      if (decision.session_id !== SESSION_ID) throw new Error('didit v3: bad response');
    };
    heading("v3: getDecision of the spec's user decision example (bare Hono, separate process)", settings);
    await compareInRounds({
      variants: {
        [RAW]: rawUndiciCall(endpoint, { 'x-api-key': V3_API_KEY }, dispatcher),
        DiditClient: didit,
      },
      subject: 'DiditClient',
      baselines: [{ name: RAW, label: 'raw undici', short: '(a)', target: 0.85 }],
      recordAs: 'client v3',
      ...settings,
    });
  } finally {
    await dispatcher.close();
    await server.stop();
  }
}
