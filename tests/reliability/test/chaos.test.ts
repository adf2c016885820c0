import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { percent, reportFigures } from '../lib/figures.ts';
import { loadFixtures } from '../lib/fixtures.ts';
import { runNode, startMockCli } from '../lib/processes.ts';
import { FULL, REPRODUCE, SCALE } from '../lib/scale.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Chaos: the mock server in its own process, failing 30% of /v1 requests at random (429 with
// Retry-After, 500, 502, 503, dropped connections, and answers held back past the client's
// timeout), and a client in another process making getDecision calls at concurrency 32 with
// maxRetries 6. Every decision must be the right one, nothing may reject unhandled, and the
// client's process must exit promptly once its calls are done.

const CONCURRENCY = 32;
const MAX_RETRIES = 6;
const ERROR_RATE = 0.3;
const TIMEOUT_MS = 1_000;
/** Longer than the client's timeout: every held-back answer is a timeout. */
const SLOW_MS = 2_000;
const SEED = Number(process.env.CHAOS_SEED ?? 10);
/** After its last call, the child must be gone within this (a keep-alive socket or timer would hold it 5 s or more). */
const EXIT_BUDGET_MS = 2_000;
const RETRYABLE_ERRORS = new Set(['ServerError', 'RateLimitError', 'ConnectionError', 'TimeoutError']);

const CHILD = fileURLToPath(new URL('../children/chaos-load.mjs', import.meta.url));

interface CallSummary {
  id: string;
  ok: boolean;
  equal?: boolean;
  difference?: string;
  errorName?: string;
  error?: string;
  ms: number;
  attempts: number;
  retries: string[];
}

interface Summary {
  durationMs: number;
  tokenRequests: number;
  tokenRetries: number;
  retryReasons: Record<string, number>;
  unhandledRejections: string[];
  uncaughtExceptions: string[];
  calls: CallSummary[];
}

describe('chaos', () => {
  it(`${SCALE.chaosCalls} getDecision calls at concurrency ${CONCURRENCY}, maxRetries ${MAX_RETRIES}, error rate ${ERROR_RATE}: right decisions, no unhandled rejection, prompt exit`, async () => {
    const secrets = new Secrets();
    const capture = new Capture();
    const fixtures = Object.fromEntries(loadFixtures());
    const dir = mkdtempSync(join(tmpdir(), 'didit-chaos-'));
    const summaryPath = join(dir, 'summary.json');
    const server = await startMockCli([
      '--error-rate',
      String(ERROR_RATE),
      '--slow',
      String(SLOW_MS),
      '--seed',
      String(SEED),
      '--client-id',
      secrets.clientId,
      '--client-secret',
      secrets.clientSecret,
    ]);
    try {
      const child = runNode(CHILD, [], {
        RELIABILITY_CHAOS_CONFIG: JSON.stringify({
          url: server.url,
          clientId: secrets.clientId,
          clientSecret: secrets.clientSecret,
          calls: SCALE.chaosCalls,
          concurrency: CONCURRENCY,
          maxRetries: MAX_RETRIES,
          timeoutMs: TIMEOUT_MS,
          fixtures,
          summaryPath,
        }),
      });
      const done = await child.waitFor(/CHAOS-DONE (.*)\n/, FULL ? 500_000 : 100_000);
      const exit = await Promise.race([child.exited, delay(10_000, undefined, { ref: false })]);
      if (exit === undefined) child.child.kill('SIGKILL');
      capture.addOutput('client process', child);

      const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary;
      capture.add('client summary', JSON.stringify(summary));
      const calls = summary.calls;
      const right = calls.filter((call) => call.ok && call.equal);
      const wrong = calls.filter((call) => call.ok && !call.equal);
      const failed = calls.filter((call) => !call.ok);
      const retries = calls.reduce((sum, call) => sum + call.retries.length, 0);
      const attempts = calls.map((call) => call.attempts);
      const exitDelayMs = exit === undefined ? Number.POSITIVE_INFINITY : exit.at - done.at;
      const histogram = new Map<number, number>();
      for (const n of attempts) histogram.set(n, (histogram.get(n) ?? 0) + 1);

      reportFigures('chaos', {
        calls: calls.length,
        right: right.length,
        wrong: wrong.length,
        exhausted: failed.length,
        concurrency: CONCURRENCY,
        maxRetries: MAX_RETRIES,
        errorRate: ERROR_RATE,
        seed: SEED,
        seconds: (summary.durationMs / 1000).toFixed(1),
        retries,
        callsRetried: `${calls.filter((call) => call.retries.length > 0).length} (${percent(calls.filter((call) => call.retries.length > 0).length, calls.length)})`,
        ...Object.fromEntries(Object.entries(summary.retryReasons).map(([reason, n]) => [`retry[${reason}]`, n])),
        attemptsHistogram: [...histogram.entries()]
          .sort(([a], [b]) => a - b)
          .map(([n, count]) => `${n}:${count}`)
          .join(','),
        maxAttempts: Math.max(...attempts),
        exhaustedCalls: failed.map((call) => `${call.errorName}[${call.retries.join('|')}]`).join(' ') || 'none',
        tokenRequests: summary.tokenRequests,
        unhandledRejections: summary.unhandledRejections.length,
        exitAfterLastCallMs: Math.round(exitDelayMs),
        stillActiveAtEnd: done.match[1] ?? '',
        reproduce: `CHAOS_SEED=${SEED} ${REPRODUCE} test/chaos.test.ts`,
      });

      expect(summary.unhandledRejections).toEqual([]);
      expect(summary.uncaughtExceptions).toEqual([]);
      expect(wrong.map((call) => `${call.id}: ${call.difference}`)).toEqual([]);
      // Each of the 7 attempts fails with probability 0.3 on its own, so a call runs out of retries
      // with probability 0.3^7 = 2.2e-4: about 0.44 calls in 2,000 (0.07 in 300). Such a call must
      // have made all 7 attempts, and reject with the typed, retryable error of the last one. The
      // count bound is only a sanity check, with room for unlucky seeds (README: "Why a chaos call
      // may run out of retries"); the attempts check above is what catches a client giving up early.
      for (const call of failed) {
        expect(call.attempts, `${call.id}: ${call.error}`).toBe(MAX_RETRIES + 1);
        expect(RETRYABLE_ERRORS.has(call.errorName ?? ''), `${call.errorName}: ${call.error}`).toBe(true);
      }
      expect(failed.length).toBeLessThanOrEqual(FULL ? 5 : 2);
      expect(right.length + failed.length).toBe(SCALE.chaosCalls);
      // Every kind of fault showed up and was retried.
      for (const reason of ['status 429', 'status 500', 'status 502', 'status 503', 'connection_error', 'timeout']) {
        expect(summary.retryReasons[reason] ?? 0, reason).toBeGreaterThan(0);
      }
      // One token for the whole run, not one per call.
      expect(summary.tokenRequests).toBe(1);
      expect(exit?.code).toBe(0);
      expect(exitDelayMs).toBeLessThan(EXIT_BUDGET_MS);
    } finally {
      const code = await server.stop();
      capture.addOutput('mock server', server.run);
      rmSync(dir, { recursive: true, force: true });
      // The server survived the run and shut down cleanly.
      expect(code).toBe(0);
      expect(server.run.stderr()).toBe('');
      const searched = capture.expectNoLeaks(secrets);
      reportFigures('chaos secrets', { sources: searched.sources, bytes: searched.bytes, leaks: 0 });
    }
  });
});
