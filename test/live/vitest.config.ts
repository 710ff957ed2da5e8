import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:live`: the conformance suite against the Sim given by SIM_BASE_URL etc. (see env.ts).
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    include: ['*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One Sim, one rate-limit bucket: one file at a time.
    fileParallelism: false,
  },
});
