// Demo section "Zapier app": runs the built Zapier app (packages/zapier-app/build/index.js, made by
// `npm run build`) through zapier-platform-core's createAppTester against the emulator:
// the "Run Workflow" action (execute_workflow, async with wait) and the "Workflow Run Finished"
// trigger (new_execution_log).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const appPath = fileURLToPath(new URL('../../packages/zapier-app/build/index.js', import.meta.url));

/**
 * zapier-platform-core prints a memory line per invocation unless it believes it runs under a test
 * runner, which it decides once, when loaded, from NODE_ENV: load it with NODE_ENV=test, then restore.
 */
function loadZapierCore() {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'test';
  try {
    return require('zapier-platform-core');
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

export async function run({ url, seed, log }) {
  if (!existsSync(appPath)) {
    throw new Error(
      `the Zapier app is not built (${appPath} is missing): run \`npm run build -w @sim-integrations/zapier\` first`,
    );
  }
  const zapier = loadZapierCore();
  const App = require(appPath);
  const appTester = zapier.createAppTester(App);
  const authData = { apiKey: seed.apiKey, workspaceId: seed.workspaceId, baseUrl: url };

  const auth = await appTester(App.authentication.test, { authData });
  log(`Connection test (GET /api/users/me/usage-limits): plan ${auth.plan}, workspace ${auth.workspaceId}`);

  log(`Action "Run Workflow" (execute_workflow) on ${seed.workflows.echo}, mode async, waiting up to 25 s:`);
  const runResult = await appTester(App.creates.execute_workflow.operation.perform, {
    authData,
    inputData: {
      workflowId: seed.workflows.echo,
      mode: 'async',
      waitSeconds: 25,
      input__name: 'Zapier demo',
      input__count: 21,
    },
  });
  log(`  status ${runResult.status}, executionId ${runResult.executionId}, jobId ${runResult.jobId}`);
  log(`  output ${JSON.stringify(runResult.output)}`);
  if (runResult.status !== 'completed')
    throw new Error(`execute_workflow ended with status ${runResult.status}: ${runResult.error ?? runResult.message}`);

  log('Trigger "Workflow Run Finished" (new_execution_log), sample mode, echo workflow only:');
  const logs = await appTester(App.triggers.new_execution_log.operation.perform, {
    authData,
    inputData: { workflowIds: [seed.workflows.echo] },
    meta: { isLoadingSample: true },
  });
  for (const entry of logs) {
    log(
      `  ${entry.startedAt}  ${entry.level.padEnd(5)}  execution ${entry.executionId}  output ${JSON.stringify(entry.finalOutput ?? null)}`,
    );
  }
  if (!logs.some((entry) => entry.executionId === runResult.executionId)) {
    throw new Error(`the trigger did not return the run ${runResult.executionId} that just finished`);
  }
  log(`  → the run above (${runResult.executionId}) is among the ${logs.length} newest logs.`);
}
