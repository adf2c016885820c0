import { defineConfig } from 'tsdown';

const shared = {
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  external: ['undici', 'zod', /^zod\//],
} as const;

export default defineConfig([
  {
    ...shared,
    // `server` is `@didit-kit/core/server` (createDiditProxy); it shares the client chunk with `index`.
    entry: { index: 'src/index.ts', server: 'src/server.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
  },
  {
    // The browser/worker build: same API, fetch transport, no undici.
    ...shared,
    entry: { 'index.browser': 'src/index.ts', 'server.browser': 'src/server.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    clean: false,
    alias: { './transport/default-transport.ts': './transport/default-transport.browser.ts' },
  },
]);
