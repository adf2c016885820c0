import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineProject } from 'vitest/config';

// Runs @didit-kit/react's own test files on React 18. This package's react and react-dom are 18.3.1
// (packages/react has 19), and every import of them, from the tests, from the source under test
// and from inside Testing Library and TanStack Query, is pointed at those copies.
const require = createRequire(import.meta.url);
const file = (id: string) => require.resolve(id);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const exact = (id: string, replacement: string) => ({
  find: new RegExp(`^${id.replace(/[/.]/g, '\\$&')}$`),
  replacement,
});

export default defineProject({
  resolve: {
    conditions: ['@didit-kit/source'],
    alias: [
      exact('react', file('react')),
      exact('react/jsx-runtime', file('react/jsx-runtime')),
      exact('react/jsx-dev-runtime', file('react/jsx-dev-runtime')),
      exact('react-dom', file('react-dom')),
      exact('react-dom/client', file('react-dom/client')),
      exact('react-dom/server', file('react-dom/server')),
      exact('react-dom/test-utils', file('react-dom/test-utils')),
      exact('@testing-library/react', packageDir('@testing-library/react')),
      exact('@tanstack/react-query', packageDir('@tanstack/react-query')),
    ],
    dedupe: ['react', 'react-dom', '@tanstack/react-query', '@testing-library/react'],
  },
  ssr: { resolve: { conditions: ['@didit-kit/source'] } },
  test: {
    name: 'react18',
    include: ['../../packages/react/test/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['../../packages/react/test/setup.ts'],
    env: { EXPECTED_REACT_MAJOR: '18' },
    server: {
      // Processed by Vite (not loaded by Node directly), so the aliases apply inside them too.
      deps: { inline: ['@testing-library/react', '@tanstack/react-query'] },
    },
  },
});
