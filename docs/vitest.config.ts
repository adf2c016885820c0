import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@didit-kit/source'] },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Builds the site once (turbo's docs:build, cached) for the link and Chromium tests.
    globalSetup: ['./test/setup/build-site.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
