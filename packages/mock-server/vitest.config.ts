import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@didit-kit/source'] },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'mock-server',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Some tests spawn processes (pdfinfo, the CLI) or talk HTTP; on a loaded 2-core CI box the 5 s default is tight.
    testTimeout: 20_000,
  },
});
