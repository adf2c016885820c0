import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser build resolves the workspace packages through their published `exports`
// (the `browser` condition of @didit-kit/core: fetch transport, no undici), exactly as an
// app that installed them from npm would, so the build needs `turbo run build` first.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    host: '127.0.0.1',
    // `pnpm --filter demo dev`: the Vite dev server in front of a running back end.
    proxy: { '/api': process.env.DEMO_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
