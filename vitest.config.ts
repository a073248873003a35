import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: forks keep PGlite/WASM memory per file and out of each other's way.
    pool: 'forks',
    maxWorkers: 2,
  },
});
