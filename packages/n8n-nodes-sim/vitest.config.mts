import { defineConfig } from 'vitest/config';

// The suites share one machine with other work: run files one after another.
const shared = { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false };

export default defineConfig({
  test: {
    ...shared,
    projects: [
      // The nodes against n8n-workflow 1.120 (n8n 1.x): every suite.
      { extends: false, test: { ...shared, name: 'n8n-workflow-1', include: ['test/**/*.test.ts'] } },
      // The same node code and harness against n8n-workflow 2.41 (n8n 2.x), which the node gets from
      // the host at run time: the suites that run operations (waits, retries, aborts, polls).
      {
        extends: false,
        resolve: { alias: [{ find: /^n8n-workflow$/, replacement: 'n8n-workflow-v2' }] },
        test: {
          ...shared,
          name: 'n8n-workflow-2',
          include: ['test/execute.test.ts', 'test/resources.test.ts', 'test/trigger.test.ts', 'test/pickers.test.ts', 'test/workflow-release.test.ts'],
        },
      },
    ],
  },
});
