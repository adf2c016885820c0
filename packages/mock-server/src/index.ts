export { createMockApp, type MockAppOptions } from './app.ts';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_TOKEN_TTL_SEC } from './auth.ts';
export type { Clock } from './clock.ts';
export { ConnectionDroppedError, type Latency, VALID_SCENARIOS } from './faults.ts';
export { FIXTURE_SESSION_IDS, FixtureError, type FixtureIssue } from './fixtures.ts';
export { OUTCOMES, type Outcome } from './outcomes.ts';
export type { MockApp } from './routing.ts';
export { DEFAULT_HOST, DEFAULT_PORT, type MockServer, type MockServerOptions, startMockServer } from './server.ts';
