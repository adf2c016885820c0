import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@didit-kit/source'] },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'demo',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The browser tests build the front end and drive a real Chromium: generous, but bounded.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
