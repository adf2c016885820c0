import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'create',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
