// 6. React: HTTP requests and renders over a full poll cycle of useSessionDecision, from
// Not Started to a terminal status, against the counts the poll interval implies.
import { DiditClient } from '@didit-kit/core/v1';
import { createMockApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '@didit-kit/mock-server';
import { JSDOM } from 'jsdom';
import { fmt, record, table } from './lib/stats.mjs';

// React, TanStack Query and @didit-kit/react, imported only once a DOM exists (see below).
let lib;

/** The component under measurement: counts its renders and the statuses it shows. */
function Status({ sessionId, intervalMs, counts }) {
  counts.renders++;
  const { data } = lib.useSessionDecision(sessionId, { pollIntervalMs: intervalMs });
  const last = lib.useRef(undefined);
  if (data && data.status !== last.current) {
    last.current = data.status;
    counts.seen.push(data.status);
  }
  return lib.createElement('p', null, data?.status ?? 'loading');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function reactPolling({ quick }) {
  const intervalMs = 100;
  const pollsPerStatus = quick ? 5 : 10;
  const app = createMockApp();
  let decisionRequests = 0;
  const countingFetch = (request) => {
    if (request.url.includes('/decision/')) decisionRequests++;
    return app.fetch(request);
  };
  const client = new DiditClient({
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    baseUrl: 'http://mock.local',
    authUrl: 'http://mock.local',
    fetch: countingFetch,
  });
  const session = await client.sessions.create({ callback: 'https://app.example/done', vendor_data: 'bench' });
  const setStatus = (status) =>
    app.request(`/__mock/sessions/${session.session_id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    });

  // A DOM for react-dom, installed after the server-side client exists (a client with a
  // secret refuses to be created in a browser-like runtime).
  const dom = new JSDOM('<!doctype html><div id="root"></div>', { pretendToBeVisual: true });
  const globals = { window: dom.window, document: dom.window.document, navigator: dom.window.navigator };
  const saved = Object.getOwnPropertyDescriptors(globalThis);
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  // Imported only now: TanStack Query decides once, at import, whether it runs on a server
  // (no window), and a server never polls.
  const { createRoot } = await import('react-dom/client');
  const { createElement, useRef } = await import('react');
  const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
  const { DiditProvider, useSessionDecision } = await import('@didit-kit/react');

  const counts = { renders: 0, seen: [] };
  lib = { createElement, useRef, useSessionDecision };
  const queryClient = new QueryClient();
  const root = createRoot(document.getElementById('root'));
  const started = performance.now();
  root.render(
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(
        DiditProvider,
        { client },
        createElement(Status, { sessionId: session.session_id, intervalMs, counts }),
      ),
    ),
  );

  await sleep(intervalMs * pollsPerStatus);
  await setStatus('In Progress');
  await sleep(intervalMs * pollsPerStatus);
  await setStatus('Declined');
  const terminalAt = performance.now();
  // Wait for the terminal poll to land, then long enough that any further poll would show.
  await sleep(intervalMs * pollsPerStatus);
  const afterTerminal = decisionRequests;
  await sleep(intervalMs * pollsPerStatus);
  const extraAfterTerminal = decisionRequests - afterTerminal;
  root.unmount();
  queryClient.clear();
  // React's scheduler finishes the unmount in a macrotask that reads `window`: let it run first.
  await sleep(50);
  for (const name of Object.keys(globals)) {
    if (saved[name]) Object.defineProperty(globalThis, name, saved[name]);
    else delete globalThis[name];
  }

  // One request at mount, then one per interval until the poll that sees the terminal status.
  const implied = Math.floor((terminalAt - started) / intervalMs) + 2;
  const { renders, seen } = counts;
  const distinct = seen.length;
  console.log(
    `\n## 6. React: one useSessionDecision over a poll cycle (interval ${intervalMs} ms, ${pollsPerStatus} polls per status)\n`,
  );
  table(
    ['figure', 'observed', 'implied by the interval', 'ratio'],
    [
      ['decision requests until terminal', afterTerminal, implied, fmt(afterTerminal / implied)],
      ['requests after the terminal status', extraAfterTerminal, 0, ''],
      ['statuses seen', seen.join(' -> '), 'Not Started -> In Progress -> Declined', ''],
      ['renders', renders, `${distinct + 1} (one per status + loading)`, fmt(renders / (distinct + 1))],
    ],
  );
  const expected = ['Not Started', 'In Progress', 'Declined'];
  record('react: statuses missed', expected.filter((st) => !seen.includes(st)).length, 0, 'max');
  record('react: requests after terminal', extraAfterTerminal, 0, 'max');
  record('react: requests vs interval', afterTerminal / implied, 1.1, 'max');
  const status = record('react: renders per distinct status', renders / (distinct + 1), 1.5, 'max');
  console.log(
    `target: no request after the terminal status, requests ~ the interval, renders only on change: ${status}`,
  );
}
