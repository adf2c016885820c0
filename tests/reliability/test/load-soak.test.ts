import { FIXTURE_SESSION_IDS } from '@didit-kit/mock-server';
import autocannon, { type Result } from 'autocannon';
import { describe, expect, it } from 'vitest';
import { reportFigures } from '../lib/figures.ts';
import { fetchToken, residentKb, startMockCli } from '../lib/processes.ts';
import { REPRODUCE, SCALE } from '../lib/scale.ts';
import { Capture, Secrets } from '../lib/secrets.ts';

// Load and soak: the mock server (the CLI, in its own process) under autocannon at 64 connections
// for 60 s (5 s shortened), reading every fixture's decision in turn. No errors, p99 printed, and
// the server's resident memory may grow less than 20% from after a warm-up to the end.

const CONNECTIONS = 64;
const MAX_RSS_GROWTH = 0.2;
const MAX_WARMUP_SEC = 15;

function cannon(url: string, token: string, durationSec: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: durationSec,
        timeout: 10,
        headers: { authorization: `Bearer ${token}` },
        // Each connection cycles through the fixtures.
        requests: Object.values(FIXTURE_SESSION_IDS).map((id) => ({
          method: 'GET',
          path: `/v1/session/${id}/decision/`,
        })),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

describe('load and soak', () => {
  it(`${CONNECTIONS} connections for ${SCALE.loadDurationSec} s: no errors, p99 printed, resident memory growth under ${MAX_RSS_GROWTH * 100}%`, async () => {
    const secrets = new Secrets();
    const capture = new Capture();
    const server = await startMockCli(['--client-id', secrets.clientId, '--client-secret', secrets.clientSecret]);
    try {
      const token = await fetchToken(server.url, secrets.clientId, secrets.clientSecret);
      secrets.tokens.add(token);
      const startRssKb = residentKb(server.run.pid);
      // Warm up until the server's memory levels off (V8 sizes its heap to the load first): at
      // least loadWarmupSec, then one second at a time until it grew less than 2% in a second.
      let warmupErrors = 0;
      let warmupSec = 0;
      let previousKb = startRssKb;
      for (;;) {
        const step = warmupSec === 0 ? SCALE.loadWarmupSec : 1;
        const warmup = await cannon(server.url, token, step);
        warmupErrors += warmup.errors + warmup.timeouts + warmup.non2xx;
        warmupSec += step;
        const nowKb = residentKb(server.run.pid);
        const settled = warmupSec > SCALE.loadWarmupSec && (nowKb - previousKb) / previousKb < 0.02;
        previousKb = nowKb;
        if (settled || warmupSec >= MAX_WARMUP_SEC) break;
      }
      const baselineKb = residentKb(server.run.pid);
      // Sampled each second, for the peak.
      let peakKb = baselineKb;
      const sampler = setInterval(() => {
        peakKb = Math.max(peakKb, residentKb(server.run.pid));
      }, 1_000);
      let result: Result;
      try {
        result = await cannon(server.url, token, SCALE.loadDurationSec);
      } finally {
        clearInterval(sampler);
      }
      const endKb = residentKb(server.run.pid);
      peakKb = Math.max(peakKb, endKb);
      const growth = (endKb - baselineKb) / baselineKb;

      reportFigures('load', {
        connections: CONNECTIONS,
        seconds: SCALE.loadDurationSec,
        warmupSeconds: warmupSec,
        requests: result.requests.total,
        reqPerSec: Math.round(result.requests.average),
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        latencyMaxMs: result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        rssStartMB: (startRssKb / 1024).toFixed(1),
        rssAfterWarmupMB: (baselineKb / 1024).toFixed(1),
        rssEndMB: (endKb / 1024).toFixed(1),
        rssPeakMB: (peakKb / 1024).toFixed(1),
        rssGrowth: `${(growth * 100).toFixed(1)}%`,
        reproduce: `${REPRODUCE} test/load-soak.test.ts`,
      });

      expect(warmupErrors).toBe(0);
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result['2xx']).toBe(result.requests.total);
      expect(result.requests.total).toBeGreaterThan(0);
      expect(growth).toBeLessThan(MAX_RSS_GROWTH);
    } finally {
      const code = await server.stop();
      capture.addOutput('mock server', server.run);
      expect(code).toBe(0);
      expect(server.run.stderr()).toBe('');
      capture.expectNoLeaks(secrets);
    }
  });
});
