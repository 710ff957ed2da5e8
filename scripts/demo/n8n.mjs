// Demo section: the n8n node (n8n-nodes-sim) running a Sim workflow.
// - In a real n8n 1.123.0 (headless CLI) when it is installed in the cache (`npm run test:n8n` installs it):
//   imports a workflow "Manual Trigger → Sim: Execute (sync) → Sim: Log Get Many ({{ $json.executionId }})"
//   and runs it with `n8n execute`.
// - Otherwise through the package's n8n test harness (n8n's request semantics, real HTTP): same node code.
// Set SIM_DEMO_N8N=harness to force the harness.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'n8n-nodes-sim');
const realN8n = await import(pathToFileURL(join(packageDir, 'scripts', 'real-n8n.mjs')).href);

function demoWorkflow(workflowId) {
  const credentials = { simApi: { id: realN8n.CREDENTIAL_ID, name: 'Sim account' } };
  const nodes = [
    { id: 'd0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    {
      id: 'd1',
      name: 'Run Sim Workflow',
      type: 'CUSTOM.sim',
      typeVersion: 1,
      position: [240, 0],
      credentials,
      parameters: { workflowId: { __rl: true, mode: 'id', value: workflowId }, input: '{"name":"n8n","count":4}' },
    },
    {
      id: 'd2',
      name: 'Find Its Log',
      type: 'CUSTOM.sim',
      typeVersion: 1,
      position: [480, 0],
      credentials,
      parameters: {
        resource: 'log',
        operation: 'getMany',
        limit: 1,
        filters: { executionId: '={{ $json.executionId }}' },
      },
    },
  ];
  return {
    id: 'simDemoWorkflow1',
    name: 'Sim demo',
    active: false,
    versionId: '00000000-0000-4000-8000-00000000d3e0',
    nodes,
    settings: { executionOrder: 'v1' },
    connections: {
      Start: { main: [[{ node: 'Run Sim Workflow', type: 'main', index: 0 }]] },
      'Run Sim Workflow': { main: [[{ node: 'Find Its Log', type: 'main', index: 0 }]] },
    },
  };
}

async function inRealN8n({ url, seed, log }) {
  log(
    `• running inside a real n8n ${realN8n.N8N_VERSION} (CLI, sqlite in a temp folder), package loaded as a custom extension`,
  );
  await realN8n.ensureBuilt();
  const instance = await realN8n.createN8nInstance({
    baseUrl: url,
    apiKey: seed.apiKey,
    workspaceId: seed.workspaceId,
    log: (m) => log(`  ${m}`),
  });
  try {
    const workflow = demoWorkflow(seed.workflows.echo);
    await instance.importWorkflows([workflow]);
    log(`  n8n execute --id=${workflow.id} --rawOutput`);
    const result = await instance.execute(workflow.id);
    if (!result.runData)
      throw new Error(
        `n8n execute gave no run data (exit ${result.code}):\n${result.stdout.slice(-1500)}\n${result.stderr.slice(-1500)}`,
      );
    const [ran] = realN8n.nodeOutput(result.runData, 'Run Sim Workflow');
    const [found] = realN8n.nodeOutput(result.runData, 'Find Its Log');
    log(`• Sim: Execute (sync) → ${ran?.status}, output ${JSON.stringify(ran?.output)}, execution ${ran?.executionId}`);
    log(
      `• Sim: Log Get Many (executionId from the previous node) → log ${found?.id}, level ${found?.level}, ${found?.totalDurationMs} ms`,
    );
    if (ran?.status !== 'completed' || found?.executionId !== ran?.executionId)
      throw new Error('the n8n run did not give the expected items');
  } finally {
    instance.cleanup();
  }
}

async function inHarness({ url, seed, log }, reason) {
  log(
    `• running the node through the n8n test harness (${reason}): same node code, n8n's request semantics, real HTTP`,
  );
  await realN8n.ensureBuilt();
  // The harness is TypeScript (packages/n8n-nodes-sim/test/harness.ts): bundle it once for plain Node.
  const { build } = await import('esbuild');
  const outDir = join(packageDir, 'node_modules', '.cache', 'sim-demo');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'harness.cjs');
  await build({
    entryPoints: [join(packageDir, 'test', 'harness.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['n8n-workflow'],
    logLevel: 'silent',
  });
  const require = createRequire(outfile);
  const { runNode } = require(outfile);
  const { Sim } = require(join(packageDir, 'dist', 'nodes', 'Sim', 'Sim.node.js'));
  const node = new Sim();
  const credentials = { apiKey: seed.apiKey, baseUrl: url, workspaceId: seed.workspaceId };
  const [ran] = await runNode(node, {
    credentials,
    parameters: {
      resource: 'workflow',
      operation: 'execute',
      workflowId: { __rl: true, mode: 'id', value: seed.workflows.echo },
      input: '{"name":"n8n","count":4}',
    },
  });
  log(
    `• Sim: Execute (sync) → ${ran.json.status}, output ${JSON.stringify(ran.json.output)}, paired to item ${ran.pairedItem.item}`,
  );
  const [streamed] = await runNode(node, {
    credentials,
    parameters: {
      resource: 'workflow',
      operation: 'execute',
      executionMode: 'stream',
      workflowId: { __rl: true, mode: 'id', value: seed.workflows.stream },
      input: '{"chunks":3,"chunkSize":10}',
    },
  });
  log(`• Sim: Execute (stream) → ${streamed.json.status}, text ${JSON.stringify(streamed.json.text)}`);
  const logs = await runNode(node, { credentials, parameters: { resource: 'log', operation: 'getMany', limit: 3 } });
  log(`• Sim: Log Get Many (limit 3) → ${logs.map((l) => `${l.json.workflowId}/${l.json.level}`).join(', ')}`);
}

export async function run(context) {
  if (process.env.SIM_DEMO_N8N === 'harness') await inHarness(context, 'SIM_DEMO_N8N=harness');
  else if (realN8n.isN8nInstalled()) await inRealN8n(context);
  else
    await inHarness(
      context,
      `n8n ${realN8n.N8N_VERSION} is not installed in ${realN8n.n8nCacheDir()}; npm run test:n8n installs it`,
    );
}
