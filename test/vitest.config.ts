import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['e2e/**/*.test.ts', 'repo/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 60_000 },
});
