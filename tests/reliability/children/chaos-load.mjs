// The chaos part's client, in a process of its own so the parent can tell whether it exits
// promptly once its calls are done (no socket or timer left behind). It runs `calls` getDecision
// calls at `concurrency` against a mock server with a high error rate, checks each decision
// against its fixture, and writes a summary. Every log event goes to stdout, which the parent
// searches for secrets.
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { inspect, isDeepStrictEqual } from 'node:util';
import { DiditClient } from '@didit-kit/core/v1';

const config = JSON.parse(process.env.RELIABILITY_CHAOS_CONFIG ?? 'null');
if (config === null) throw new Error('RELIABILITY_CHAOS_CONFIG is not set');
const { url, clientId, clientSecret, calls, concurrency, maxRetries, timeoutMs, fixtures, summaryPath } = config;

const unhandledRejections = [];
const uncaughtExceptions = [];
process.on('unhandledRejection', (reason) => {
  unhandledRejections.push(describe(reason));
  process.exitCode = 1;
});
process.on('uncaughtException', (error) => {
  uncaughtExceptions.push(describe(error));
  process.exitCode = 1;
});

// Each call runs in its own async context, so the logger's events can be counted per call.
const callContext = new AsyncLocalStorage();
const perCall = Array.from({ length: calls }, () => ({ attempts: 0, retries: [] }));
const retryReasons = {};
let tokenRequests = 0;
let tokenRetries = 0;

const record = (level) => (message, fields) => {
  process.stdout.write(`${level} ${message} ${JSON.stringify(fields)}\n`);
  if (fields?.call === 'POST /auth/v2/token/') {
    if (message === 'didit request') tokenRequests++;
    if (message === 'didit retry') tokenRetries++;
    return;
  }
  const index = callContext.getStore();
  if (index === undefined) return;
  if (message === 'didit request') perCall[index].attempts++;
  if (message === 'didit retry') {
    perCall[index].retries.push(fields.reason);
    retryReasons[fields.reason] = (retryReasons[fields.reason] ?? 0) + 1;
  }
};
const logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };

const client = new DiditClient({ clientId, clientSecret, baseUrl: url, authUrl: url, maxRetries, timeoutMs, logger });
process.stdout.write(`client ${JSON.stringify(client)} ${inspect(client)}\n`);

const ids = Object.keys(fixtures);
const results = new Array(calls);
let next = 0;
const started = performance.now();

async function worker() {
  while (next < calls) {
    const index = next++;
    const id = ids[index % ids.length];
    await callContext.run(index, async () => {
      const t0 = performance.now();
      try {
        const decision = await client.sessions.getDecision(id);
        const equal = isDeepStrictEqual(decision, fixtures[id]);
        results[index] = { id, ok: true, equal, ms: performance.now() - t0 };
        if (!equal) results[index].difference = firstDifference(decision, fixtures[id], '');
      } catch (error) {
        results[index] = { id, ok: false, errorName: error?.name, error: describe(error), ms: performance.now() - t0 };
        process.stdout.write(`call ${index} failed: ${inspect(error, { depth: 6 })} ${JSON.stringify(error)}\n`);
      }
    });
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const durationMs = performance.now() - started;

const summary = {
  durationMs,
  tokenRequests,
  tokenRetries,
  retryReasons,
  unhandledRejections,
  uncaughtExceptions,
  calls: results.map((result, index) => ({ ...result, ...perCall[index] })),
};
writeFileSync(summaryPath, JSON.stringify(summary));
// What still keeps the event loop alive at this point (unref'd sockets and timers are not listed).
process.stdout.write(`CHAOS-DONE ${JSON.stringify(process.getActiveResourcesInfo())}\n`);

function describe(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return String(value);
}

function firstDifference(actual, expected, path) {
  if (isDeepStrictEqual(actual, expected)) return undefined;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path || '(root)'}: ${JSON.stringify(actual)?.slice(0, 80)} vs ${JSON.stringify(expected)?.slice(0, 80)}`;
  }
  for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const found = firstDifference(actual[key], expected[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path || '(root)'}: differs in prototype or key order`;
}
