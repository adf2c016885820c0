// 7. Realtime: Didit's webhook carried to event streams (issue 16).
//   (a) fan-out: N concurrent event streams on one server process, one webhook; the time until
//       each stream has the new decision (p50/p95 over all streams and updates), and the server's RSS;
//   (b) two server instances on one Redis: webhook on A, stream on B, over 50 updates (beside the
//       same with the stream on A);
//   (c) upstream decision calls for one scripted session, realtime vs polling.
// The servers run in their own processes (bench/servers/realtime-app.mjs, on their own core with
// taskset); the load generator (raw sockets, a webhook sender) and the upstream stand-in run here.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { DiditClient, serializeWebhookPayload, signWebhook } from '@didit-kit/core';
import {
  createDiditProxy,
  createWebhookHandler,
  DEFAULT_RECHECK_INTERVAL_MS,
  DEFAULT_RECHECK_PER_MINUTE,
  MemoryDecisionHub,
} from '@didit-kit/core/server';
import { hasRedisServer, startRedis } from '@didit-kit/test-kit/redis-server';
import { serve } from '@hono/node-server';
import { processCpuMicros } from './lib/cpus.mjs';
import { startServerProcess } from './lib/processes.mjs';
import { fmt, median, percentile, record, table } from './lib/stats.mjs';
import { V3_DECISION_EXAMPLE } from './lib/v3-example.mjs';

const SESSION_ID = '8c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const API_KEY = 'bench-realtime-api-key';
const SECRET = 'whsec_bench_realtime_4f1c9e';
const APP = new URL('./servers/realtime-app.mjs', import.meta.url).pathname;
const example = JSON.parse(readFileSync(V3_DECISION_EXAMPLE, 'utf8'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Didit's v3 example decision for the bench session, with `status` (and a sequence number, so each differs). */
function decision(status, seq = 0) {
  return { ...example, session_id: SESSION_ID, status, bench_seq: seq };
}

let eventCounter = 0;
/** A signed v3 `status.updated` delivery, with the decision when given. */
async function webhook(url, status, withDecision) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    event_id: `b0000000-0000-4000-8000-${String(++eventCounter).padStart(12, '0')}`,
    webhook_type: 'status.updated',
    timestamp: now,
    created_at: now,
    session_id: SESSION_ID,
    status,
    ...(withDecision ? { decision: withDecision } : {}),
  };
  const body = serializeWebhookPayload(payload);
  const headers = await signWebhook({ body, secret: SECRET });
  const response = await fetch(`${url}/webhooks/didit`, { method: 'POST', body, headers });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  await response.arrayBuffer();
}

/** Didit's decision route, answering each session's current decision and counting the calls. */
async function startUpstream() {
  const current = new Map();
  let calls = 0;
  const server = createServer((req, res) => {
    const id = /^\/v3\/session\/([^/]+)\/decision\/$/.exec(req.url ?? '')?.[1];
    if (req.headers['x-api-key'] !== API_KEY || !id || !current.has(id)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"detail":"Not found."}');
    }
    calls++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(current.get(id));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    set: (body) => current.set(SESSION_ID, JSON.stringify(body)),
    get calls() {
      return calls;
    },
    reset: () => {
      calls = 0;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * An event-stream subscriber on a raw socket (10,000 of them in one process). It counts complete
 * SSE messages (each ends with a blank line, `\n\n`) and records when each one arrived.
 */
function subscriber(url) {
  const { hostname, port, pathname } = new URL(url);
  const socket = connect(Number(port), hostname);
  const arrivals = [];
  let lastWasLf = false;
  let resolveOpen;
  const opened = new Promise((resolve, reject) => {
    resolveOpen = resolve;
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  socket.on('connect', () =>
    socket.write(`GET ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\naccept: text/event-stream\r\n\r\n`),
  );
  socket.on('data', (chunk) => {
    const now = performance.now();
    let at = chunk.indexOf(10);
    while (at >= 0) {
      if (at === 0 ? lastWasLf : chunk[at - 1] === 10) {
        arrivals.push(now);
        if (arrivals.length === 1) resolveOpen();
      }
      at = chunk.indexOf(10, at + 1);
    }
    lastWasLf = chunk[chunk.length - 1] === 10;
  });
  socket.on('error', () => {});
  return { arrivals, opened, close: () => socket.destroy() };
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function fanOut({ quick }, upstream) {
  const streams = quick ? 1_000 : 10_000;
  const updates = quick ? 3 : 5;
  const app = await startServerProcess(APP, [
    '--upstream',
    upstream.url,
    '--api-key',
    API_KEY,
    '--secret',
    SECRET,
    '--heartbeat-ms',
    '600000',
  ]);
  const subs = [];
  try {
    await webhook(app.url, 'In Progress', decision('In Progress'));
    await sleep(100);
    const idle = rssOf(app.pid);
    const url = `${app.url}/api/didit/v3/session/${SESSION_ID}/events/`;
    const openedAt = performance.now();
    for (let i = 0; i < streams; i += 500) {
      const batch = Array.from({ length: Math.min(500, streams - i) }, () => subscriber(url));
      subs.push(...batch);
      await Promise.all(batch.map((s) => s.opened));
    }
    const openMs = performance.now() - openedAt;
    const connected = rssOf(app.pid);
    // Full decisions (Didit's example, as In Review and Approved carry), then small ones (as In Progress does).
    const round = async (from, to, body) => {
      const latencies = [];
      latencies.cpuMs = [];
      latencies.clientCpuMs = [];
      for (let u = from; u <= to; u++) {
        const cpuBefore = processCpuMicros(app.pid);
        const clientBefore = process.cpuUsage();
        const sent = performance.now();
        await webhook(app.url, u % 2 ? 'In Review' : 'In Progress', body(u));
        const deadline = Date.now() + 30_000;
        while (subs.some((s) => s.arrivals.length <= u) && Date.now() < deadline) await sleep(5);
        for (const s of subs) latencies.push((s.arrivals[u] ?? Number.POSITIVE_INFINITY) - sent);
        latencies.cpuMs.push((processCpuMicros(app.pid) - cpuBefore) / 1000);
        const client = process.cpuUsage(clientBefore);
        latencies.clientCpuMs.push((client.user + client.system) / 1000);
        await sleep(200);
      }
      latencies.sort((a, b) => a - b);
      return latencies;
    };
    const full = await round(1, updates, (u) => decision(u % 2 ? 'In Review' : 'In Progress', u));
    const small = await round(updates + 1, 2 * updates, (u) => ({
      session_id: SESSION_ID,
      status: 'In Progress',
      bench_seq: u,
    }));
    const after = rssOf(app.pid);
    const p95 = percentile(full, 95);
    const missing = full.filter((l) => !Number.isFinite(l)).length;
    const kb = (body) => `${(JSON.stringify(body).length / 1024).toFixed(1)} kB`;
    console.log(`\n### (a) fan-out: ${streams.toLocaleString('en-US')} streams on one server process, one session\n`);
    table(
      ['figure', 'value', 'target'],
      [
        ['streams opened (first decision received)', `${streams} in ${fmt(openMs / 1000)} s`, ''],
        [
          `webhook → every stream, ${updates} full decisions (${kb(decision('In Review', 1))}), p50 / p95`,
          `${fmt(percentile(full, 50))} / ${fmt(p95)} ms`,
          'p95 <= 1,000 ms',
        ],
        ['  max', `${fmt(full.at(-1))} ms${missing ? ` (${missing} never arrived)` : ''}`, ''],
        [
          '  CPU time per update (median), server / load generator',
          `${fmt(median(full.cpuMs), 0)} / ${fmt(median(full.clientCpuMs), 0)} ms`,
          '',
        ],
        [
          `webhook → every stream, ${updates} small decisions (${kb({ session_id: SESSION_ID, status: 'In Progress', bench_seq: 10 })}), p50 / p95`,
          `${fmt(percentile(small, 50))} / ${fmt(percentile(small, 95))} ms`,
          '(reference)',
        ],
        [
          '  CPU time per update (median), server / load generator',
          `${fmt(median(small.cpuMs), 0)} / ${fmt(median(small.clientCpuMs), 0)} ms`,
          '',
        ],
        [
          'server RSS idle / with streams / after',
          `${fmt(idle.rss, 0)} / ${fmt(connected.rss, 0)} / ${fmt(after.rss, 0)} MB`,
          '',
        ],
        ['server peak RSS (VmHWM)', `${fmt(after.peak, 0)} MB`, '<= 400 MB'],
        [
          'server memory per open stream ((RSS with streams - idle) / streams)',
          `${fmt(((connected.rss - idle.rss) * 1024) / streams, 1)} kB`,
          '(reference)',
        ],
      ],
    );
    record(`realtime fan-out p95 ms, ${streams} streams`, p95, 1000, 'max');
    record(`realtime server peak RSS MB, ${streams} streams`, after.peak, 400, 'max');
  } finally {
    for (const s of subs) s.close();
    await app.stop();
  }
}

/** Makes every published decision differ from the ones before it. */
let seq = 1000;

async function twoInstances({ quick }, upstream) {
  const updates = quick ? 20 : 50;
  if (!hasRedisServer()) {
    console.log('\n### (b) two instances on one Redis: skipped (no redis-server; node scripts/setup.mjs --system)');
    return;
  }
  const redis = await startRedis();
  const args = ['--upstream', upstream.url, '--api-key', API_KEY, '--secret', SECRET, '--redis', redis.url];
  const [a, b] = await Promise.all([startServerProcess(APP, args), startServerProcess(APP, args)]);
  try {
    await webhook(a.url, 'In Progress', decision('In Progress'));
    // One stream on each instance, both fed by the same webhooks to A: the same update, side by side.
    const measure = async (count) => {
      const streams = [a, b].map((app) => subscriber(`${app.url}/api/didit/v3/session/${SESSION_ID}/events/`));
      await Promise.all(streams.map((stream) => stream.opened));
      const latencies = [[], []];
      for (let u = 1; u <= count; u++) {
        const sent = performance.now();
        const status = u % 2 ? 'In Review' : 'In Progress';
        await webhook(a.url, status, decision(status, ++seq));
        const deadline = Date.now() + 10_000;
        while (streams.some((stream) => stream.arrivals.length <= u) && Date.now() < deadline) await sleep(1);
        for (const [i, stream] of streams.entries()) {
          latencies[i].push((stream.arrivals[u] ?? Number.POSITIVE_INFINITY) - sent);
        }
      }
      for (const stream of streams) stream.close();
      return latencies.map((list) => list.sort((x, y) => x - y));
    };
    await measure(5); // warm-up of both processes' code paths, not measured
    const [same, across] = await measure(updates);
    console.log(`\n### (b) two instances on one Redis: webhook on A, ${updates} updates\n`);
    table(
      ['stream on', 'p50 ms', 'p95 ms', 'max ms', 'target'],
      [
        ['A (same instance, baseline)', fmt(percentile(same, 50)), fmt(percentile(same, 95)), fmt(same.at(-1)), ''],
        [
          'B (the other instance)',
          fmt(percentile(across, 50)),
          fmt(percentile(across, 95)),
          fmt(across.at(-1)),
          'p95 <= 300 ms',
        ],
      ],
    );
    record('realtime across instances p95 ms', percentile(across, 95), 300, 'max');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  }
}

/**
 * One verification, scripted on a clock 100 times faster than life: Not Started, In Progress after
 * 60 s, In Review after 180 s, Approved after 300 s. Didit's webhook carries the decision with In
 * Review and Approved only (as Didit documents). Polling follows @didit-kit/react's rules (every
 * 10 s, every 60 s while In Review, none after a terminal status) through the proxy's cache (2 s).
 */
async function upstreamCalls(_options, upstream) {
  const SCALE = 100;
  const script = [
    { at: 0, status: 'Not Started', carries: false },
    { at: 60_000, status: 'In Progress', carries: false },
    { at: 180_000, status: 'In Review', carries: true },
    { at: 300_000, status: 'Approved', carries: true },
  ];
  const client = new DiditClient({ apiKey: API_KEY, baseUrl: upstream.url });
  const run = async (mode) => {
    upstream.reset();
    upstream.set(decision('Not Started'));
    const hub = new MemoryDecisionHub();
    const proxy = createDiditProxy(client, {
      prefix: '/api/didit',
      allow: ['decision', 'events'],
      events: hub,
      authorize: 'public',
      cacheMs: 2_000 / SCALE,
      // The proxy's slow re-check, on the same scaled clock as the script: its reads count too.
      recheck: { intervalMs: DEFAULT_RECHECK_INTERVAL_MS / SCALE, perMinute: DEFAULT_RECHECK_PER_MINUTE * SCALE },
      logger: {},
    });
    const hook = createWebhookHandler({ client, secret: SECRET, hub, logger: {} });
    const server = await new Promise((resolve) => {
      const s = serve(
        {
          fetch: (r) => (new URL(r.url).pathname === '/webhooks/didit' ? hook(r) : proxy(r)),
          port: 0,
          hostname: '127.0.0.1',
        },
        () => resolve(s),
      );
    });
    const url = `http://127.0.0.1:${server.address().port}`;
    const start = performance.now();
    let seen = 'Not Started';
    let stream;
    let poller;
    if (mode === 'realtime') {
      stream = subscriber(`${url}/api/didit/v3/session/${SESSION_ID}/events/`);
      await stream.opened;
    } else {
      poller = (async () => {
        for (;;) {
          const response = await fetch(`${url}/api/didit/v3/session/${SESSION_ID}/decision/`);
          seen = (await response.json()).status;
          if (seen === 'Approved') return;
          await sleep((seen === 'In Review' ? 60_000 : 10_000) / SCALE);
        }
      })();
    }
    for (const step of script.slice(1)) {
      await sleep(Math.max(0, step.at / SCALE - (performance.now() - start)));
      const body = decision(step.status);
      upstream.set(body);
      await webhook(url, step.status, step.carries ? body : undefined);
    }
    if (stream) {
      while (stream.arrivals.length < script.length) await sleep(5);
      stream.close();
    } else await poller;
    await sleep(50);
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    return upstream.calls;
  };
  const polling = await run('polling');
  const realtime = await run('realtime');
  const changes = script.length - 1;
  console.log(
    '\n### (c) upstream decision calls for one scripted session (Not Started → Approved in 5 min, at 100x)\n',
  );
  table(
    ['mode', 'decision calls', 'per status change', 'target'],
    [
      ['polling (react defaults, proxy cache)', polling, fmt(polling / changes), ''],
      ['realtime (webhook + event stream)', realtime, fmt(realtime / changes), '<= 1 per change'],
    ],
  );
  record('realtime upstream calls per status change', realtime / changes, 1, 'max');
}

export async function realtime(options) {
  console.log('\n## 7. Realtime: webhook → event streams\n');
  const upstream = await startUpstream();
  try {
    await fanOut(options, upstream);
    await twoInstances(options, upstream);
    await upstreamCalls(options, upstream);
  } finally {
    await upstream.close();
  }
}
