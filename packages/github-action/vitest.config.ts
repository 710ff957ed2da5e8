import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files run side by side: each starts its own emulator on port 0 and spends most of its time waiting on
    // it and on the Action's child processes (polls, slow runs, signals), so more files than cores run at once
    // (vitest's default on a 2-core machine is one at a time).
    maxWorkers: Math.max(3, availableParallelism()),
  },
});
