// A runnable example: start the mock server, run a whole verification with DiditClient
// (create a session, pick an outcome on the hosted page, read the decision, review it,
// download the PDF), then fetch the seed's decision with the code from Didit's own docs.
//   node packages/mock-server/examples/quickstart.mjs   (after `pnpm build`)
import { DiditClient } from '@didit-kit/core/v1';
import { startMockServer } from '@didit-kit/mock-server';

const server = await startMockServer({ port: 0 });
console.log(`Mock server on ${server.url}`);

const didit = new DiditClient({
  clientId: 'mock-client-id',
  clientSecret: 'mock-client-secret',
  baseUrl: server.url,
  authUrl: server.url,
});

// 1. Your server starts a verification and sends the user to `session.url`.
const session = await didit.sessions.create({
  callback: 'http://localhost:3000/verified',
  vendor_data: 'user-123',
  features: 'OCR + FACE + AML',
});
console.log(`Created ${session.session_id} (${session.status}); hosted page: ${session.url}`);

// 2. The user "verifies": on the mock's page that is one button. A browser would follow the redirect.
const page = await fetch(session.url, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'outcome=in-review',
  redirect: 'manual',
});
console.log(`Hosted page redirects to ${page.headers.get('location')}`);

// 3. Your server reads the decision, and a reviewer settles it.
let decision = await didit.sessions.getDecision(session.session_id);
console.log(`Decision: ${decision.status}; warnings: ${decision.warnings.map((w) => w.risk).join(', ')}`);
await didit.sessions.updateStatus(session.session_id, { new_status: 'Approved', comment: 'VPN explained by the user' });
decision = await didit.sessions.getDecision(session.session_id);
console.log(`After review: ${decision.status}, reviews: ${decision.reviews.length}`);
const pdf = await didit.sessions.generatePdf(session.session_id);
console.log(`PDF report: ${pdf.byteLength} bytes`);

// 4. The seed's own code sample works unchanged against the mock.
const BASE_URL = server.url;
const token = await (
  await fetch(`${BASE_URL}/auth/v2/token/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from('mock-client-id:mock-client-secret').toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  })
).json();
const response = await fetch(`${BASE_URL}/v1/session/11111111-2222-3333-4444-555555555555/decision/`, {
  method: 'GET',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.access_token}` },
});
const data = await response.json();
console.log(`Seed session: ${data.status}, AML hit: ${data.aml.hits[0].caption}`);

await server.close();
