// A stand-in for Didit, used only while @didit-kit/mock-server cannot be packed: the token endpoint
// and the seed decision (argv[2]), on 127.0.0.1, port 0. Prints `SMOKE_MOCK_URL <url>` when ready.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const seed = readFileSync(process.argv[2]);
const credentials = `Basic ${Buffer.from('mock-client-id:mock-client-secret').toString('base64')}`;
const token = 'stand-in-token';

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'stand-in' });
  res.end(body);
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/auth/v2/token/') {
    if (req.headers.authorization !== credentials) return send(res, 401, '{"detail":"Invalid credentials."}');
    return send(res, 200, JSON.stringify({ access_token: token, expires_in: 86400 }));
  }
  if (req.headers.authorization !== `Bearer ${token}`) {
    return send(res, 401, '{"detail":"Authentication credentials were not provided."}');
  }
  if (req.method === 'GET' && req.url === '/v1/session/11111111-2222-3333-4444-555555555555/decision/') {
    return send(res, 200, seed);
  }
  send(res, 404, '{"detail":"Not found."}');
});
server.listen(0, '127.0.0.1', () => {
  console.log(`SMOKE_MOCK_URL http://127.0.0.1:${server.address().port}`);
});
