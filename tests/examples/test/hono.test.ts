import { describeExample } from '../lib/example-suite.ts';

// server/index.ts prints "App: <url>" once it listens.
describeExample('hono', { devReady: /App: http/ });
