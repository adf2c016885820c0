import { defineConfig } from 'tsdown';

const shared = {
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // `.js` for ESM (the package is `type: module`) and `.cjs` for CommonJS.
  fixedExtension: false,
  // `import.meta.url` locates the fixtures folder; the CJS build needs it shimmed.
  shims: true,
} as const;

export default defineConfig([
  {
    ...shared,
    // msw.ts is its own entry so MSW users never load server.ts (node:http).
    entry: { index: 'src/index.ts', msw: 'src/msw.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
  },
  {
    ...shared,
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
