// 8. The cost of refusing a forged webhook delivery (issue 21): a 1 MiB body shaped like Didit's
// (its v3 decision example, repeated) with wrong signatures, refused by `verifyWebhook` and by the
// whole `createWebhookHandler` (in process: a Request in, a 401 out), against `JSON.parse` of the
// same body, interleaved in the same rounds. Target: <= 2x, whichever signature headers it carries.
import { readFileSync } from 'node:fs';
import { DiditClient, verifyWebhook } from '@didit-kit/core';
import { createWebhookHandler, MemoryDecisionHub } from '@didit-kit/core/server';
import { fmt, median, record, table } from './lib/stats.mjs';
import { V3_DECISION_EXAMPLE } from './lib/v3-example.mjs';

const SECRET = 'whsec_bench_refusal_9c2e1a7b';

/** A forged delivery body of about `bytes`: the v3 envelope and Didit's decision example, repeated. */
function forgedBody(bytes) {
  const decision = JSON.parse(readFileSync(V3_DECISION_EXAMPLE, 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    event_id: '0f0f0f0f-0000-4000-8000-000000000001',
    webhook_type: 'status.updated',
    timestamp: now,
    created_at: now,
    session_id: '8c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    status: 'Approved',
    decision,
    history: [],
  };
  const one = JSON.stringify(decision).length;
  while (JSON.stringify(payload).length + one < bytes) payload.history.push(decision);
  return JSON.stringify(payload);
}

export async function webhookRefusal({ quick }) {
  const body = forgedBody(1024 * 1024);
  const bytes = new TextEncoder().encode(body);
  const bogus = 'ab'.repeat(32);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const variants = {
    'all three signatures': { 'x-signature': bogus, 'x-signature-v2': bogus, 'x-signature-simple': bogus },
    'X-Signature only': { 'x-signature': bogus },
    'X-Signature-V2 only': { 'x-signature-v2': bogus },
    'X-Signature-Simple only': { 'x-signature-simple': bogus },
  };
  const handler = createWebhookHandler({
    client: new DiditClient({ apiKey: 'bench-key', baseUrl: 'http://127.0.0.1:9' }),
    secret: SECRET,
    hub: new MemoryDecisionHub(),
    logger: {},
  });
  const rounds = quick ? 15 : 61;
  const parse = [];
  const verify = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const handled = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const time = async (fn) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  for (let round = 0; round < rounds; round++) {
    parse.push(await time(() => JSON.parse(body)));
    for (const [name, signatures] of Object.entries(variants)) {
      const headers = { 'x-timestamp': timestamp, ...signatures };
      verify[name].push(await time(() => verifyWebhook({ body: bytes, headers, secret: SECRET }).then(fail, () => {})));
      handled[name].push(
        await time(async () => {
          const request = new Request('http://127.0.0.1/webhooks/didit', { method: 'POST', headers, body: bytes });
          const response = await handler(request);
          if (response.status !== 401) throw new Error(`expected 401, got ${response.status}`);
        }),
      );
    }
  }
  const parseMs = median(parse);
  console.log(
    `\n## 8. Refusing a forged ${fmt(bytes.length / 1024, 0)} kB webhook delivery (median of ${rounds} rounds)\n`,
  );
  const rows = [['JSON.parse of the body (baseline)', `${fmt(parseMs)} ms`, '1.00', '', '']];
  for (const name of Object.keys(variants)) {
    const v = median(verify[name]);
    const h = median(handled[name]);
    const status = record(`forged 1 MiB webhook (${name}), handler vs JSON.parse`, h / parseMs, 2, 'max');
    rows.push([name, `${fmt(v)} / ${fmt(h)} ms`, `${fmt(v / parseMs)} / ${fmt(h / parseMs)}`, '<= 2', status]);
  }
  table(['forged delivery carrying', 'verifyWebhook / handler', 'x JSON.parse', 'target', ''], rows);
}

function fail() {
  throw new Error('a forged delivery was accepted');
}
