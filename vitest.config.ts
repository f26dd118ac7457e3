import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup/no-reads-beside-clone.ts'],
    // Statistical calibration tests and end-to-end CLI runs are CPU-bound; forks isolate them, and one
    // worker per core (Vitest's default leaves one core idle) keeps a 2-core CI machine fully used.
    pool: 'forks',
    maxWorkers: Math.max(1, availableParallelism()),
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
