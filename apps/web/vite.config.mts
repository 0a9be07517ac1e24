/// <reference types="vitest/config" />
// The browser app (issue 10). `npm run web:dev` serves it on :5173 and proxies /api to the api
// on :3000 (or API_URL); `npm run build:web` writes dist/web, which the api serves at `/` in
// production. Unit tests (Vitest, jsdom) live next to the code as *.test.ts(x).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react-swc';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Recharts is the one big dependency; it is loaded only with the budget page.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  preview: { port: 4173, proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
  test: {
    root,
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    pool: 'threads',
    restoreMocks: true,
  },
});
