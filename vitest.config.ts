import { defineConfig } from 'vitest/config';

// One root config, one project per package (each package has its own vitest.config.ts), and the docs site's.
// The JSON report feeds the `N passed, N failed` line that .ci/run prints last.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'tests/*/vitest.config.ts',
      'docs/vitest.config.ts',
    ],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
  },
});
