#!/usr/bin/env node
// End-to-end test of n8n-nodes-sim in a real n8n deployment in QUEUE MODE (n8n 2.40.7 on Node 24): one main and two
// workers sharing Redis and Postgres (Debian's packages, installed when missing and started here on free loopback
// ports; scripts/n8n-queue-mode.mjs), the package installed from its `npm pack` tarball into each process's user
// folder, against local Sim emulators. Each worker runs one execution at a time, so two executions started together
// run on the two workers. What it shows:
//   1. Execute (async, wait) runs on a worker and its output comes back through the webhook the main answers;
//   2. Stop in the main (POST /rest/executions/:id/stop, as the editor does) reaches the worker, which cancels the Sim
//      run: the run reads `cancelled` on the emulator;
//   3. Runs at Once in two executions on the two workers at the same time, on ONE key with a tiny per-minute bucket
//      (burst 4, 2 tokens a minute, as Sim keeps it): every run completes once, at most one 429 in the emulator's
//      journal, and the last run starts at the refill the bucket allows;
//   4. Sim Trigger (polled by the main, its executions run on the workers) fires once per finished run, including a
//      run that finished while the main was down, with no duplicates after the main restarts.
//
//   npm run test:n8n-queue     (builds first; installs n8n 2.40.7 into ~/.cache/sim-integrations on first use)
// Exits non-zero on failure.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@sim-integrations/emulator';

import { createQueueDeployment } from './n8n-queue-mode.mjs';
import { CREDENTIAL_ID, ensureBuilt, ensureN8n, N8N_LINES, n8nCacheDir, packPackage, waitFor } from './real-n8n.mjs';

const LINE = N8N_LINES['2.x'];
const OVERALL_TIMEOUT_MS = 20 * 60_000;
const overall = setTimeout(() => {
  console.error(`✗ the queue-mode test took longer than ${OVERALL_TIMEOUT_MS / 60_000} minutes: giving up`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overall.unref();

/** The rate-limited key: Sim's bucket with a burst of 4, 2 tokens added at once every minute. */
const BURST = 4;
const PER_MINUTE = BURST / 2;
/** Items per execution in the Runs at Once case (two executions): 6 runs on a burst of 4 need one refill. */
const ITEMS = 3;
const LIMITED_CREDENTIAL_ID = 'simLimitedCred1';
const TRIGGER_CREDENTIAL_ID = 'simTriggerCred1';
const EXECUTE = /\/execute$/;
/** A poll of a run (its execution resource or its job). */
const POLL = /^\/api\/jobs\/|^\/api\/workflows\/[^/]+\/executions\/[^/]+$/;

function assert(condition, message) {
  if (!condition) throw new Error(message);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.log('[queue]', ...args);

/**
 * Calls a production webhook of the main. Right after a workflow is published the main may answer 404 ("not registered")
 * for a moment; a 404 started nothing, so it is asked again (for up to 60 s).
 */
async function callWebhook(deployment, path, init) {
  const started = Date.now();
  for (;;) {
    const answer = await fetch(`${deployment.main.url}/webhook/${path}`, init);
    if (answer.status !== 404 || Date.now() - started > 60_000) return answer;
    await answer.body?.cancel();
    await sleep(500);
  }
}

function requests(emulator, { from = 0, method, path }) {
  return emulator
    .journal()
    .slice(from)
    .filter((e) => (!method || e.method === method) && path.test(e.path));
}

// ------------------------------------------------------------------------------------------ workflows
const simNode = (name, parameters, credentialId = CREDENTIAL_ID) => ({
  id: `sim-${name.replace(/\W/g, '')}`,
  name,
  type: 'n8n-nodes-sim.sim',
  typeVersion: 1,
  position: [240, 0],
  parameters,
  credentials: { simApi: { id: credentialId, name: credentialId } },
});
const webhook = (path, extra = {}) => ({
  id: `hook-${path}`,
  name: 'Webhook',
  type: 'n8n-nodes-base.webhook',
  typeVersion: 2,
  position: [0, 0],
  webhookId: `00000000-0000-4000-8000-${path.slice(-12).padStart(12, '0')}`,
  parameters: { path, httpMethod: 'GET', responseMode: 'onReceived', ...extra },
});
const chain = (...names) =>
  Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );
const workflow = (name, nodes) => ({
  name,
  nodes,
  connections: chain(...nodes.map((n) => n.name)),
  settings: { executionOrder: 'v1' },
});

const WORKFLOWS = {
  /** Webhook (answers with the last node's output) → Sim: execute wf-echo async, wait for the result. */
  asyncWait: workflow('Sim queue: async wait', [
    webhook('sim-queue-async-wait', { responseMode: 'lastNode', responseData: 'firstEntryJson' }),
    simNode('Run Workflow Async', {
      workflowId: { __rl: true, mode: 'id', value: 'wf-echo' },
      executionMode: 'async',
      input: '{ "name": "Queue", "count": 21 }',
      options: { timeout: 120 },
    }),
  ]),
  /** Webhook → Sim: execute wf-slow (2 minutes) async and wait, so that the execution sits in the wait on a worker. */
  stop: workflow('Sim queue: stopped while it waits', [
    webhook('sim-queue-stop'),
    simNode('Run Slow Workflow', {
      workflowId: { __rl: true, mode: 'id', value: 'wf-slow' },
      executionMode: 'async',
      input: '{ "delayMs": 120000 }',
      options: { timeout: 600 },
    }),
  ]),
  /** Webhook (POST {who, rows}) → Split Out → Sim: one sync run of wf-echo per item, Runs at Once 3, on the limited key. */
  many: workflow('Sim queue: runs at once on a shared key', [
    webhook('sim-queue-many', { httpMethod: 'POST' }),
    {
      id: 'split',
      name: 'Split Out',
      type: 'n8n-nodes-base.splitOut',
      typeVersion: 1,
      position: [120, 0],
      parameters: { fieldToSplitOut: 'body.rows', include: 'noOtherFields' },
    },
    simNode(
      'Run Each Row',
      {
        workflowId: { __rl: true, mode: 'id', value: 'wf-echo' },
        executionMode: 'sync',
        input: '={{ JSON.stringify({ name: $json.who, count: $json.row }) }}',
        options: { concurrency: 3, timeout: 300 },
      },
      LIMITED_CREDENTIAL_ID,
    ),
  ]),
  /** Sim Trigger on wf-echo-response's runs, polling every 15 s (n8n allows one poll a minute per poll time: four) → No Op. */
  trigger: workflow('Sim queue: trigger', [
    {
      id: 'trig',
      name: 'Sim Trigger',
      type: 'n8n-nodes-sim.simTrigger',
      typeVersion: 1,
      position: [0, 0],
      parameters: {
        pollTimes: {
          item: [0, 15, 30, 45].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })),
        },
        event: 'newExecutionLog',
        filters: { workflowIds: ['wf-echo-response'] },
      },
      credentials: { simApi: { id: TRIGGER_CREDENTIAL_ID, name: TRIGGER_CREDENTIAL_ID } },
    },
    { id: 'noop', name: 'Handle Run', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
  ]),
};

// ------------------------------------------------------------------------------------- n8n REST reads
let flatted;
/** An n8n execution's run data (the REST API returns it flattened with `flatted`, n8n's own dependency). */
function runDataOf(full) {
  flatted ??= createRequire(join(n8nCacheDir(LINE), 'node_modules', 'n8n', 'package.json'))('flatted');
  const data = typeof full.data === 'string' ? flatted.parse(full.data) : full.data;
  return data?.resultData?.runData ?? {};
}
function nodeItems(runData, nodeName) {
  const runs = runData[nodeName] ?? [];
  return runs.flatMap((r) => r?.data?.main?.[0] ?? []).map((item) => item.json);
}
async function listExecutions(server, workflowId) {
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const data = await server.rest('GET', `/rest/executions?filter=${filter}&limit=100`);
  return Array.isArray(data) ? data : (data?.results ?? []);
}
const finished = (e) => !['new', 'running', 'waiting', 'unknown'].includes(e.status) && e.stoppedAt;

// ------------------------------------------------------------------------------------------------ cases
const cases = [
  {
    name: 'Execute (async, wait) runs on a worker and its output comes back',
    async run({ deployment, sim, ids }) {
      const from = sim.journal().length;
      const answer = await callWebhook(deployment, 'sim-queue-async-wait');
      const body = await answer.json().catch(() => undefined);
      assert(answer.ok, `the webhook answered HTTP ${answer.status}: ${JSON.stringify(body)}`);
      assert(
        body?.status === 'completed' && body.output?.result?.doubled === 42 && body.output.result.name === 'Queue',
        `the webhook answered ${JSON.stringify(body)}`,
      );
      const [execution] = await listExecutions(deployment.main, ids.asyncWait);
      assert(execution, 'no n8n execution of the workflow');
      const ran = deployment.workersThatRan(execution.id);
      assert(
        ran.length === 1,
        `execution ${execution.id} ran on ${ran.length ? ran.join(' and ') : 'no worker'} (worker logs)`,
      );
      const polls = requests(sim, { from, method: 'GET', path: POLL });
      assert(
        requests(sim, { from, method: 'POST', path: EXECUTE }).length === 1 && polls.length >= 1,
        `expected 1 execute and polls, saw ${sim
          .journal()
          .slice(from)
          .map((e) => `${e.method} ${e.path} ${e.status}`)
          .join(', ')}`,
      );
      return `execution ${execution.id} on ${ran[0]}, ${polls.length} polls`;
    },
  },
  {
    name: 'Stop in the main cancels the Sim run on the worker',
    async run({ deployment, sim, ids }) {
      const from = sim.journal().length;
      const hook = await callWebhook(deployment, 'sim-queue-stop');
      assert(hook.ok, `the webhook answered HTTP ${hook.status}`);
      const queued = await waitFor(
        'the async execute',
        () => requests(sim, { from, method: 'POST', path: EXECUTE }).find((e) => e.status === 202),
        60_000,
      );
      const executionId = queued.headers['x-execution-id'];
      await waitFor('a poll of the run', () => requests(sim, { from, method: 'GET', path: POLL }).length > 0, 30_000);
      const [running] = await waitFor(
        'the running n8n execution',
        async () => {
          const active = (await listExecutions(deployment.main, ids.stop)).filter((e) => !finished(e));
          return active.length ? active : undefined;
        },
        30_000,
      );
      const ran = deployment.workersThatRan(running.id);
      assert(ran.length === 1, `execution ${running.id} runs on ${ran.length ? ran.join(' and ') : 'no worker'}`);
      const stoppedAt = Date.now();
      await deployment.main.rest('POST', `/rest/executions/${running.id}/stop`, {});
      const cancel = await waitFor(
        'the cancel request to Sim',
        () => requests(sim, { from, method: 'POST', path: /\/executions\/[^/]+\/cancel$/ })[0],
        30_000,
        100,
      );
      assert(
        cancel.status === 200 && cancel.path.includes('/wf-slow/'),
        `cancel ${cancel.path} answered ${cancel.status}`,
      );
      // the run as Sim reports it
      assert(
        cancel.path.endsWith(`/${executionId}/cancel`),
        `cancelled ${cancel.path}, not the run queued as ${executionId}`,
      );
      const runId = executionId;
      const view = await fetch(`${sim.url}/api/workflows/wf-slow/executions/${runId}`, {
        headers: { 'x-api-key': sim.seed.apiKey },
      }).then((r) => r.json());
      assert(
        view?.status === 'cancelled',
        `after the stop the Sim run reads ${JSON.stringify(view?.status)} (${JSON.stringify(view).slice(0, 300)})`,
      );
      const final = await waitFor(
        'the n8n execution to end',
        async () => (await listExecutions(deployment.main, ids.stop)).find((e) => e.id === running.id && finished(e)),
        60_000,
      );
      return `execution ${running.id} on ${ran[0]}: cancel sent ${cancel.at - stoppedAt} ms after the stop, Sim run ${view.status}, n8n execution ${final.status}`;
    },
  },
  {
    name: `Runs at Once on both workers at the same time stays within the shared limit (burst ${BURST}, ${PER_MINUTE}/min)`,
    async run({ deployment, limited, ids }) {
      const from = limited.journal().length;
      const t0 = Date.now();
      const bodies = ['a', 'b'].map((who) => ({
        who,
        rows: Array.from({ length: ITEMS }, (_, row) => ({ who, row })),
      }));
      await Promise.all(
        bodies.map(async (body) => {
          const answer = await callWebhook(deployment, 'sim-queue-many', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          assert(answer.ok, `the webhook answered HTTP ${answer.status}`);
        }),
      );
      const executions = await waitFor(
        'both executions to finish',
        async () => {
          const all = await listExecutions(deployment.main, ids.many);
          return all.length >= 2 && all.every(finished) ? all : undefined;
        },
        5 * 60_000,
        1_000,
      );
      assert(executions.length === 2, `${executions.length} executions`);
      const workers = executions.map((e) => deployment.workersThatRan(e.id));
      assert(
        workers.every((w) => w.length === 1) && workers[0][0] !== workers[1][0],
        `the executions ran on ${JSON.stringify(workers)}, not one on each worker`,
      );
      for (const execution of executions) {
        assert(execution.status === 'success', `execution ${execution.id} ended ${execution.status}`);
        const items = nodeItems(
          runDataOf(await deployment.main.rest('GET', `/rest/executions/${execution.id}`)),
          'Run Each Row',
        );
        const who = items[0]?.output?.result?.name;
        assert(
          items.length === ITEMS &&
            items.every(
              (it, row) =>
                it.status === 'completed' && it.output?.result?.name === who && it.output.result.count === row,
            ),
          `execution ${execution.id} output: ${JSON.stringify(items).slice(0, 600)}`,
        );
      }
      const executes = requests(limited, { from, method: 'POST', path: EXECUTE });
      const rateLimited = executes.filter((e) => e.status === 429);
      const accepted = executes.filter((e) => e.status === 200);
      const rows = accepted.map((e) => JSON.parse(e.body)).map((b) => `${b.name}:${b.count}`);
      assert(new Set(rows).size === rows.length && rows.length === 2 * ITEMS, `runs accepted: ${rows.join(', ')}`);
      assert(
        rateLimited.length <= 1,
        `${rateLimited.length} execute 429s (at most one expected): the key's limit was not shared`,
      );
      // both executions were running at the same time (each started before the other stopped), so their runs competed
      // for one bucket. Not which of them got the first tokens: a worker that meets no one may take a small bucket's
      // first minute, and the other's runs start at the refill (the bound below holds either way).
      const [x, y] = executions.map((e) => [Date.parse(e.startedAt), Date.parse(e.stoppedAt)]);
      assert(
        x[0] < y[1] && y[0] < x[1],
        `the two executions did not run at the same time: ${JSON.stringify(executions.map((e) => [e.startedAt, e.stoppedAt]))}`,
      );
      // the bucket's bound: BURST at once, the rest at the refill a minute after the first execute
      const first = Math.min(...executes.map((e) => e.at));
      const last = Math.max(...accepted.map((e) => e.at));
      const refills = Math.ceil((2 * ITEMS - BURST) / PER_MINUTE);
      assert(
        last - first >= refills * 60_000 - 1_000,
        `the last run started ${last - first} ms after the first, before the bucket's refill`,
      );
      assert(
        last - first <= refills * 60_000 + 15_000,
        `the last run started ${((last - first) / 1000).toFixed(1)} s after the first: more than 15 s after the refill`,
      );
      const reads = requests(limited, { from, method: 'GET', path: /usage-limits$/ }).length;
      return `${accepted.length} runs on ${workers.map((w) => w[0]).join(' and ')}, ${rateLimited.length} 429s, last start ${((last - first) / 1000).toFixed(1)} s after the first (bound ${refills * 60} s), ${reads} usage-limits reads, ${((Date.now() - t0) / 1000).toFixed(0)} s`;
    },
  },
  {
    name: 'Sim Trigger fires once per finished run, with no duplicates when the main restarts',
    async run({ deployment, triggerSim, ids }) {
      const logPolls = () => requests(triggerSim, { method: 'GET', path: /\/logs$/ }).length;
      /** One sync run of wf-echo-response (its answer is the Response block's, so the run is named by the id sent). */
      const runOnce = async (name) => {
        const executionId = randomUUID();
        const answer = await fetch(`${triggerSim.url}/api/workflows/wf-echo-response/execute`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-api-key': triggerSim.seed.apiKey,
            'x-execution-id': executionId,
          },
          body: JSON.stringify({ name, count: 1 }),
        });
        const text = await answer.text();
        assert(answer.ok, `the run was answered HTTP ${answer.status}: ${text}`);
        return executionId;
      };
      /** Sim execution id → the n8n executions of the trigger workflow whose trigger output holds it. */
      const emitted = async () => {
        const counts = new Map();
        for (const execution of await listExecutions(deployment.main, ids.trigger)) {
          if (!finished(execution)) continue;
          const items = nodeItems(
            runDataOf(await deployment.main.rest('GET', `/rest/executions/${execution.id}`)),
            'Sim Trigger',
          );
          for (const item of items)
            counts.set(item.executionId, [...(counts.get(item.executionId) ?? []), execution.id]);
        }
        return counts;
      };
      await waitFor("the trigger's first poll", () => logPolls() > 0, 60_000);
      const runs = [await runOnce('before the restart')];
      await waitFor('the first run to be emitted', async () => (await emitted()).has(runs[0]), 60_000, 1_000);
      // the main goes down; a run finishes meanwhile; the main comes back on the same database
      const stopping = Date.now();
      await deployment.main.stop();
      const stopMs = Date.now() - stopping;
      runs.push(await runOnce('while the main is down'));
      const restarted = Date.now();
      await deployment.startMain();
      await waitFor(
        'the run that finished while the main was down to be emitted',
        async () => (await emitted()).has(runs[1]),
        90_000,
        1_000,
      );
      const emittedAgain = Date.now();
      runs.push(await runOnce('after the restart'));
      await waitFor(
        'the run after the restart to be emitted',
        async () => (await emitted()).has(runs[2]),
        60_000,
        1_000,
      );
      // two more polls that must emit nothing again
      const after = logPolls();
      await waitFor('two more polls', () => logPolls() >= after + 2, 60_000, 500);
      await sleep(3_000);
      const counts = await emitted();
      for (const run of runs)
        assert(
          counts.get(run)?.length === 1,
          `run ${run} was emitted ${counts.get(run)?.length ?? 0} times (${JSON.stringify(counts.get(run))})`,
        );
      const unexpected = [...counts.keys()].filter((id) => !runs.includes(id));
      assert(unexpected.length === 0, `the trigger emitted runs nobody started: ${unexpected.join(', ')}`);
      const onWorkers = [...new Set([...counts.values()].flat())].map((id) => deployment.workersThatRan(id));
      assert(
        onWorkers.every((w) => w.length === 1),
        `trigger executions ran on ${JSON.stringify(onWorkers)}`,
      );
      return `3 runs emitted once each over ${logPolls()} polls; the main took ${(stopMs / 1000).toFixed(1)} s to stop, and emitted the run that finished meanwhile ${((emittedAgain - restarted) / 1000).toFixed(0)} s after it was started again`;
    },
  },
];

// ------------------------------------------------------------------------------------------------ run
let failures = 0;
let passed = 0;
const startedAt = Date.now();
const packDir = mkdtempSync(join(tmpdir(), 'sim-n8n-pack-'));
let sim;
let limited;
let triggerSim;
let deployment;
try {
  await ensureBuilt();
  await ensureN8n({ line: LINE, log });
  const tarball = await packPackage(packDir);
  log(`npm pack: ${tarball.split('/').at(-1)}`);
  [sim, limited, triggerSim] = await Promise.all([
    startEmulator({ port: 0, jobDurationMs: 3_000 }),
    startEmulator({ port: 0, rateLimits: { execute: BURST } }),
    startEmulator({ port: 0 }),
  ]);
  log(
    `Sim emulators: ${sim.url} (runs), ${limited.url} (burst ${BURST}, ${PER_MINUTE}/min), ${triggerSim.url} (trigger)`,
  );
  const credential = (id, emulator) => ({
    id,
    name: id,
    type: 'simApi',
    data: { apiKey: emulator.seed.apiKey, baseUrl: emulator.url, workspaceId: emulator.seed.workspaceId },
  });
  deployment = await createQueueDeployment({
    line: LINE,
    tarball,
    credentials: [
      credential(CREDENTIAL_ID, sim),
      credential(LIMITED_CREDENTIAL_ID, limited),
      credential(TRIGGER_CREDENTIAL_ID, triggerSim),
    ],
    workers: 2,
    workerConcurrency: 1,
    log,
  });
  log(`deployment ready in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  // create and publish the workflows through the main's REST API, as the editor does
  const ids = {};
  for (const [key, wf] of Object.entries(WORKFLOWS)) {
    const created = await deployment.main.rest('POST', '/rest/workflows', { ...wf, active: false });
    await deployment.main.rest('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
    ids[key] = created.id;
  }
  for (const testCase of cases) {
    if (process.env.SIM_E2E_ONLY && !testCase.name.toLowerCase().includes(process.env.SIM_E2E_ONLY.toLowerCase()))
      continue;
    const caseStarted = Date.now();
    try {
      const note = await testCase.run({ deployment, sim, limited, triggerSim, ids });
      passed++;
      log(`✓ PASS  ${testCase.name} (${((Date.now() - caseStarted) / 1000).toFixed(1)} s; ${note})`);
    } catch (error) {
      failures++;
      log(`✗ FAIL  ${testCase.name}: ${error.message}`);
      if (process.env.SIM_E2E_DEBUG) {
        log(`main:\n${deployment.main.output().slice(-6000)}`);
        for (const w of deployment.workers) log(`${w.name}:\n${w.output().slice(-6000)}`);
      }
    }
  }
} catch (error) {
  failures++;
  console.error(`✗ FAIL  setup: ${error.stack ?? error.message}`);
} finally {
  await deployment?.cleanup();
  await Promise.all([sim, limited, triggerSim].map((e) => e?.close()));
  rmSync(packDir, { recursive: true, force: true });
}
console.log(
  `\nreal n8n ${LINE.version} in queue mode (main + 2 workers, Redis, Postgres): ${failures ? `${failures} failure(s)` : `all ${passed} cases passed`} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
);
process.exit(failures ? 1 : 0);
