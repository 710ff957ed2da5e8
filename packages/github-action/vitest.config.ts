import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every file starts child processes; run the files one after another, tests inside concurrently.
    fileParallelism: false,
  },
});
