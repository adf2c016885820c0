import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'examples',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./setup/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Each file is one app, mostly waiting on npm, a dev server and Chromium: the three side by side.
    maxWorkers: 3,
  },
});
