import { defineConfig } from 'tsdown';

// The back end, compiled for `node` (Node 20 does not run TypeScript). Its dependencies stay
// imports, resolved from node_modules at run time through their published `exports`.
export default defineConfig({
  entry: { start: 'server/start.ts' },
  outDir: 'dist-server',
  platform: 'node',
  target: 'node20',
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
});
