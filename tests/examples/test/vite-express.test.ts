import { describeExample } from '../lib/example-suite.ts';

// server/index.ts prints "App: <url>" once it listens.
describeExample('vite-express', { devReady: /App: http/ });
