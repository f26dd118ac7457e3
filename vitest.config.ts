import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Statistical calibration tests and end-to-end CLI runs are CPU-heavy; one fork per core keeps
    // a 2-core CI machine from thrashing.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
