// 8. Realtime in a browser (issue 16): the demo (`pnpm demo`'s start script, built) in Debian's
// Chromium. For each of N sessions: open its page, then change its status at the mock (the admin
// route a user's "finish" would trigger) and time how long until the page shows the new status.
// Realtime: the mock's webhook → the demo's webhook handler → hub → the proxy's event stream →
// useSessionDecision → render. The same with the demo started with DEMO_REALTIME=off (polling at
// the demo's 2 s interval) is the baseline. The clock starts before the mock is told, so the
// figure includes the mock's own webhook delivery: an upper bound of webhook-to-render.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchChromium } from '@didit-kit/test-kit/chromium';
import { fmt, percentile, record, table } from './lib/stats.mjs';

const START = new URL('../apps/demo/dist-server/start.mjs', import.meta.url).pathname;
/** The demo's poll interval (apps/demo/src/components/session-decision.tsx). */
const DEMO_POLL_INTERVAL_MS = 2_000;

/** Starts the built demo on a free port; resolves with its URL, the mock's and a stop function. */
function startDemo(env) {
  const child = spawn(process.execPath, [START], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const demo = /didit-kit demo:\s+(http:\/\/\S+)/.exec(output)?.[1];
      const mock = /the mock server at (http:\/\/\S+?),/.exec(output)?.[1];
      if (demo && mock) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({
          url: demo,
          mock,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${output}`)));
  });
}

/** `count` sessions, one status change each; returns the latencies (ms) and the decision requests per session. */
async function measure(browser, demo, count, expectLive) {
  const latencies = [];
  const decisionRequests = [];
  for (let i = 0; i < count; i++) {
    const created = await fetch(`${demo.url}/api/didit/v3/session/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}`);
    const { session_id: id } = await created.json();
    const page = await browser.newPage();
    let decisions = 0;
    page.on('request', (request) => {
      if (request.url().endsWith(`/${id}/decision/`)) decisions++;
    });
    await page.goto(`${demo.url}/sessions/${id}`);
    await page.locator('article.decision[data-status="Not Started"]').waitFor();
    if (expectLive) await page.locator('[data-updates="live"]').waitFor({ timeout: 10_000 });
    // The page notes (with its own clock, the same machine's) when the new status is on screen.
    await page.evaluate(() => {
      window.__shownAt = new Promise((resolve) => {
        const check = () => {
          if (document.querySelector('article.decision[data-status="In Progress"]')) {
            resolve(Date.now());
            return true;
          }
          return false;
        };
        if (check()) return;
        new MutationObserver((_, observer) => {
          if (check()) observer.disconnect();
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
    });
    const before = decisions;
    const started = Date.now();
    const advanced = await fetch(`${demo.mock}/__mock/v3/sessions/${id}/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (advanced.status !== 200) throw new Error(`advance answered ${advanced.status}`);
    const shownAt = await page.evaluate(() => window.__shownAt);
    latencies.push(shownAt - started);
    decisionRequests.push(decisions - before);
    await page.close();
  }
  return { latencies, decisionRequests };
}

export async function realtimeBrowser({ quick }) {
  if (!existsSync(START)) throw new Error(`${START} is missing: run \`pnpm build\` first`);
  const count = quick ? 10 : 50;
  const browser = await launchChromium();
  const live = await startDemo({});
  const polling = await startDemo({ DEMO_REALTIME: 'off' });
  try {
    const realtime = await measure(browser, live, count, true);
    const polled = await measure(browser, polling, count, false);
    const rows = [
      ['realtime (webhook → event stream)', realtime],
      [`polling every ${DEMO_POLL_INTERVAL_MS / 1000} s (DEMO_REALTIME=off)`, polled],
    ].map(([name, { latencies, decisionRequests }]) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      const polls = decisionRequests.reduce((a, b) => a + b, 0);
      return [name, fmt(percentile(sorted, 50), 0), fmt(percentile(sorted, 95), 0), fmt(sorted.at(-1), 0), polls];
    });
    console.log(
      `\n## 8. Realtime in Chromium: status change at the mock → new status on screen, ${count} sessions each\n`,
    );
    table(['updates by', 'p50 ms', 'p95 ms', 'max ms', 'decision requests during the changes'], rows);
    const p95 = percentile(
      [...realtime.latencies].sort((a, b) => a - b),
      95,
    );
    console.log(
      `\ntarget: realtime p95 <= 250 ms: ${fmt(p95, 0)} ms ${record('realtime p95 in Chromium, ms', p95, 250, 'max')}`,
    );
    const polls = realtime.decisionRequests.reduce((a, b) => a + b, 0);
    console.log(
      `target: no decision poll while the stream is live: ${polls} ${record('decision polls while live', polls, 0, 'max')}`,
    );
  } finally {
    await browser.close();
    await Promise.all([live.stop(), polling.stop()]);
  }
}
