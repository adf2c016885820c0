import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'smoke',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./setup/global-setup.ts'],
    // Each test waits on child processes (other runtimes, tsc, vite): run a file's tests side by side.
    sequence: { concurrent: true },
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
