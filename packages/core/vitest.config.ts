import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@didit-kit/source'] },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Type-level tests (`expectTypeOf`) run through tsc and count as tests. Type errors in
    // other files are `pnpm typecheck`'s job, not a reason to fail this run.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      ignoreSourceErrors: true,
    },
  },
});
