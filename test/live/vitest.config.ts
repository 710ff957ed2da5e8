import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// `npm run test:live`: the conformance suite against the Sim given by SIM_BASE_URL etc. (see env.ts).
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  // The n8n node meets n8n-workflow's CommonJS build, as in n8n (and in packages/n8n-nodes-sim/vitest.config.mts): its
  // ESM build would be transformed file by file, each printing that its sourcemap points to missing sources.
  resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
  test: {
    include: ['*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One Sim, one rate-limit bucket: one file at a time.
    fileParallelism: false,
  },
});
