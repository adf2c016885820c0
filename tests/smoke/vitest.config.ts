import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'smoke',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./setup/global-setup.ts'],
    // Each test mostly waits on child processes (other runtimes, tsc, vite, npx): run the files and
    // the tests in a file side by side, even on 2 cores (vitest's default there is one worker).
    maxWorkers: 3,
    sequence: { concurrent: true },
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
