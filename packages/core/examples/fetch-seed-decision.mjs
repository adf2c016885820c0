// A runnable example: the client authenticates and fetches the seed's decision from a
// small local stand-in for Didit (started here on 127.0.0.1), then prints a summary.
//   node packages/core/examples/fetch-seed-decision.mjs   (after `pnpm build`)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { DiditClient, isTerminalStatus } from '@didit-kit/core';

const seed = readFileSync(new URL('../spec/examples/v1/decision.declined-aml.json', import.meta.url));
const credentials = `Basic ${Buffer.from('example-id:example-secret').toString('base64')}`;

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/auth/v2/token/' && req.headers.authorization === credentials) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ access_token: 'example-token', expires_in: 86400 }));
  }
  if (req.url === '/v1/session/11111111-2222-3333-4444-555555555555/decision/') {
    if (req.headers.authorization !== 'Bearer example-token') {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end('{"detail":"Authentication credentials were not provided."}');
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'example-request' });
    return res.end(seed);
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"detail":"Not found."}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;

const didit = new DiditClient({ clientId: 'example-id', clientSecret: 'example-secret', baseUrl: url, authUrl: url });
const decision = await didit.sessions.getDecision('11111111-2222-3333-4444-555555555555');

console.log(`Session ${decision.session_id}: ${decision.status} (terminal: ${isTerminalStatus(decision.status)})`);
console.log(`  KYC   ${decision.kyc?.status}: ${decision.kyc?.document_type} ${decision.kyc?.full_name}`);
console.log(`  AML   ${decision.aml?.status}: ${decision.aml?.total_hits} hit(s), top score ${decision.aml?.score}`);
for (const hit of decision.aml?.hits ?? []) console.log(`        - ${hit.caption} (${hit.datasets?.join(', ')})`);
console.log(`  Face  ${decision.face?.status}: similarity ${decision.face?.face_match_similarity}`);
for (const w of decision.warnings) console.log(`  Warning ${w.risk}: ${w.short_description}`);
console.log(`  Client: ${JSON.stringify(didit)}`);
server.close();
