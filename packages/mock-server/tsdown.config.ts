import { defineConfig } from 'tsdown';

const shared = {
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // `.js` for ESM (the package is `type: module`) and `.cjs` for CommonJS.
  fixedExtension: false,
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
    // The `browser` condition of `./msw` (`msw/browser`, Storybook): the same handlers with no Node
    // built-in (the fixtures are JSON modules; only a user's `fixturesDir` needs a file system, and
    // there it is refused with a TypeError that says so). `platform: 'browser'` makes the build fail
    // should a `node:` import creep back into their graph.
    ...shared,
    platform: 'browser',
    target: 'es2022',
    entry: { 'msw.browser': 'src/msw.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    alias: { '../fixture-dir.ts': '../fixture-dir.browser.ts', './fixture-dir.ts': './fixture-dir.browser.ts' },
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
