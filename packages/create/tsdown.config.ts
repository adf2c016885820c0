import { defineConfig } from 'tsdown';

// One file, the bin; @clack/prompts stays a dependency (not bundled).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  fixedExtension: false,
  dts: false,
  clean: true,
  banner: { js: '#!/usr/bin/env node' },
});
