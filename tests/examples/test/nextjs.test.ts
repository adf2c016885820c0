import { describeExample } from '../lib/example-suite.ts';

// `next dev` prints "✓ Ready in ..." once it serves.
describeExample('next', { devReady: /Ready in/ });
