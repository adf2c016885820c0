// 3. Token sharing: 1,000 concurrent first calls make exactly 1 token request.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { DiditClient } from '@didit-kit/core/v1';
import { record, table } from './lib/stats.mjs';

const SESSION_ID = '11111111-2222-3333-4444-555555555555';
const seed = readFileSync(new URL('../packages/mock-server/fixtures/decision.declined-aml.json', import.meta.url));

export async function tokenSharing() {
  let tokenRequests = 0;
  let decisionRequests = 0;
  const server = createServer((req, res) => {
    if (req.url === '/auth/v2/token/') {
      tokenRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ access_token: `token-${tokenRequests}`, expires_in: 86400 }));
    }
    decisionRequests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(seed);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    const client = new DiditClient({ clientId: 'bench', clientSecret: 'bench-secret', baseUrl: url, authUrl: url });
    const started = performance.now();
    await Promise.all(Array.from({ length: 1000 }, () => client.sessions.getDecision(SESSION_ID)));
    const ms = performance.now() - started;
    console.log('\n## 3. Token sharing: 1,000 concurrent first calls\n');
    table(['token requests', 'decision requests', 'wall ms'], [[tokenRequests, decisionRequests, ms.toFixed(0)]]);
    const status = record('token requests for 1,000 first calls', tokenRequests, 1, 'max');
    console.log(`target: exactly 1 token request: ${tokenRequests} ${tokenRequests === 1 ? status : 'MISSED'}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
