import { defineConfig } from 'tsdown';

const shared = {
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  format: ['esm', 'cjs'],
  external: ['undici', 'zod', /^zod\//],
} as const;

// Without undici: fetch is the transport (browsers, workers, edge runtimes).
const fetchTransport = { './transport/default-transport.ts': './transport/default-transport.browser.ts' };
// A browser also leaves out the generated server-side resources and reads no environment variable.
const browserOnly = {
  ...fetchTransport,
  './resources.ts': './resources.browser.ts',
  './generated-sessions.ts': './generated-sessions.browser.ts',
  './server-exports.ts': './server-exports.browser.ts',
  './environment.ts': './environment.browser.ts',
};

export default defineConfig([
  {
    // Node: undici transport. `server` is `@didit-kit/core/server` (createDiditProxy, the endpoint
    // tables); `v1` and `v3` are the single-generation entries.
    ...shared,
    entry: { index: 'src/index.ts', server: 'src/server.ts', v1: 'src/v1/index.ts', v3: 'src/v3/index.ts' },
    dts: true,
    clean: true,
  },
  {
    // The `worker` and `browser` conditions on fetch: the full API (and `./server`) for workers,
    // and the single-generation entries, which hold no webhook code, for both.
    ...shared,
    entry: {
      'index.worker': 'src/index.ts',
      'server.worker': 'src/server.ts',
      'v1.worker': 'src/v1/index.ts',
      'v3.worker': 'src/v3/index.ts',
    },
    dts: false,
    clean: false,
    alias: fetchTransport,
  },
  {
    // The `browser` condition: the client, schemas and errors on fetch, without webhook code (a
    // browser never holds a webhook secret) and without the generated server-side resources, so
    // the bundle stays small.
    ...shared,
    entry: {
      'index.browser': 'src/index.browser.ts',
      'v1.browser': 'src/v1/index.ts',
      'v3.browser': 'src/v3/index.ts',
    },
    dts: false,
    clean: false,
    alias: browserOnly,
  },
]);
