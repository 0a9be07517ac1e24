// Browser journeys (issue 10): Debian's Chromium driven by playwright-core against the built app
// served by the real api, with the real worker, PostgreSQL and Redis. global-setup.ts starts api
// and worker from dist/ on a free port with a database and queue prefix of their own.
// Run with `npm run test:browser` after `npm run build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.browser.ts'],
    environment: 'node',
    globalSetup: ['./global-setup.ts'],
    // One api and one browser at a time: the machine has two cores.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
