import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'repo/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // The demo, the self-test's job and npm pack mostly wait on child processes: more files than cores run at
    // once (vitest's default on a 2-core machine is one at a time).
    maxWorkers: Math.max(3, availableParallelism()),
  },
});
