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
    // Its own group, after the package projects: vitest runs projects with different
    // maxWorkers in separate groups, and the smoke installs should not compete with unit tests.
    sequence: { concurrent: true, groupOrder: 1 },
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
