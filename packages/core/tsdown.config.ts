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

export default defineConfig([
  {
    // Node: undici transport. `server` is `@didit-kit/core/server` (createDiditProxy).
    ...shared,
    entry: { index: 'src/index.ts', server: 'src/server.ts' },
    dts: true,
    clean: true,
  },
  {
    // The `worker` condition (and `./server` in any non-Node bundle): the full API on fetch.
    ...shared,
    entry: { 'index.worker': 'src/index.ts', 'server.worker': 'src/server.ts' },
    dts: false,
    clean: false,
    alias: fetchTransport,
  },
  {
    // The `browser` condition: the client, schemas and errors on fetch; no webhook code (a
    // browser never holds a webhook secret) and no compiled fast validator (zod alone is quick
    // enough for a page), so the bundle stays small.
    ...shared,
    entry: { 'index.browser': 'src/index.browser.ts' },
    dts: false,
    clean: false,
    alias: { ...fetchTransport, './schemas/fast-validator.ts': './schemas/fast-validator.browser.ts' },
  },
]);
