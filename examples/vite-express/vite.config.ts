import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // `npm test`: the components in jsdom (src/*.test.tsx).
  test: { environment: 'jsdom' },
});
