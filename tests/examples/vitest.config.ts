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
    // A group of its own, last: vitest runs projects with different maxWorkers in separate groups, and three npm
    // installs and dev servers should neither slow the unit tests nor disturb the reliability suite's timings.
    sequence: { groupOrder: 3 },
  },
});
