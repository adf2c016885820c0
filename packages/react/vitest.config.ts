import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@didit-kit/source'] },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'react',
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    env: { EXPECTED_REACT_MAJOR: '19' },
  },
});
