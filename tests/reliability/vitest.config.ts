import { defineProject } from 'vitest/config';
import { FULL } from './lib/scale.ts';

export default defineProject({
  resolve: { conditions: ['@didit-kit/source'] },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'reliability',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Builds core and the mock server when their dist is missing or older than their source:
    // the chaos and load parts run the real CLI and a client from the built package.
    globalSetup: ['./setup/global-setup.ts'],
    // The full run measures p99 and memory: one part at a time, so they do not disturb each other.
    fileParallelism: !FULL,
    // Last, on its own: its load and soak figures should not share the CPU with other projects.
    sequence: { groupOrder: 2 },
    testTimeout: FULL ? 600_000 : 120_000,
    hookTimeout: FULL ? 120_000 : 60_000,
  },
});
