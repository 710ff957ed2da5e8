import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// n8n loads a community node with require(), so the node meets n8n-workflow's CommonJS build. The tests
// resolve every n8n-workflow import to that build too, which Node loads as it is. (n8n-workflow's ESM
// build is not loadable by Node, its imports have no extensions: vite would transform each of its files
// and print, for each, that the sourcemap it ships points to sources the package does not include.)
const require = createRequire(import.meta.url);
/** `n8n-workflow` (the line under test), `n8n-workflow-v1` and `n8n-workflow-v2`, each to its CommonJS entry. */
const commonJsBuilds = (n8nWorkflow: string) =>
  [
    ['n8n-workflow', n8nWorkflow],
    ['n8n-workflow-v1', 'n8n-workflow-v1'],
    ['n8n-workflow-v2', 'n8n-workflow-v2'],
  ].map(([name, target]) => ({ find: new RegExp(`^${name}$`), replacement: require.resolve(target as string) }));

const shared = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    ...shared,
    // Test files run side by side: each starts its own emulator on port 0 and spends most of its time waiting on
    // it (polls, retries, slow runs), so more files than cores run at once (vitest's default on a 2-core machine
    // is one at a time). dist/ is built once, first (test/build-dist.ts), for the files that check the package.
    maxWorkers: Math.max(3, availableParallelism()),
    projects: [
      // The nodes against n8n-workflow 1.120 (n8n 1.x): every suite.
      {
        extends: false,
        resolve: { alias: commonJsBuilds('n8n-workflow') },
        test: {
          ...shared,
          name: 'n8n-workflow-1',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/build-dist.ts'],
        },
      },
      // The same node code and harness against n8n-workflow 2.41 (n8n 2.x), which the node gets from
      // the host at run time: the suites that run operations (waits, retries, aborts, polls).
      {
        extends: false,
        resolve: { alias: commonJsBuilds('n8n-workflow-v2') },
        test: {
          ...shared,
          name: 'n8n-workflow-2',
          include: [
            'test/execute.test.ts',
            'test/resources.test.ts',
            'test/trigger.test.ts',
            'test/pickers.test.ts',
            'test/workflow-release.test.ts',
          ],
        },
      },
    ],
  },
});
