import { defineConfig } from 'tsdown';

export default defineConfig({
  // `./verification` is its own entry: only apps that embed the flow load the web SDK.
  entry: {
    index: 'src/index.ts',
    'verification/index': 'src/verification/index.ts',
  },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  // One output file per source file, so `'use client'` stays on the hooks and the provider only:
  // a Server Component can still import sessionDecisionQueryOptions and diditQueryKeys.
  unbundle: true,
  external: [
    'react',
    'react/jsx-runtime',
    'react-dom',
    '@tanstack/react-query',
    '@didit-kit/core',
    '@didit-protocol/sdk-web',
  ],
});
