#!/usr/bin/env node
// End-to-end test of n8n-nodes-sim inside real n8n against the local Sim emulator, on both n8n lines:
// n8n 1.123.0 on Node 20 and n8n 2.40.7 on Node 24. The package is `npm pack`ed and the tarball is
// installed into the n8n user folder's nodes/ the way Settings → Community Nodes does, so what is
// tested is what npm would publish. Cases run through `n8n execute --rawOutput`; the ones the CLI
// cannot do (stopping a running execution, an activated polling trigger) run against `n8n start`
// with its REST API on 127.0.0.1, stopped the way the editor does (POST /rest/executions/:id/stop).
//
//   npm run test:n8n                     both lines (installs n8n into ~/.cache/sim-integrations on first use)
//   node scripts/test-real-n8n.mjs 2.x   one line (1.x or 2.x); SIM_N8N_LINES=1.x,2.x does the same
// Exits non-zero on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@sim-integrations/emulator';

import {
  CREDENTIAL_ID,
  createN8nInstance,
  ensureBuilt,
  ensureN8n,
  N8N_LINES,
  nodeOutput,
  packPackage,
  waitFor,
} from './real-n8n.mjs';

const profile = process.env.SIM_EMULATOR_PROFILE || 'current';
const OVERALL_TIMEOUT_MS = 45 * 60_000;
const overall = setTimeout(() => {
  console.error(`✗ the real-n8n test took longer than ${OVERALL_TIMEOUT_MS / 60_000} minutes: giving up`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overall.unref();

const requested = (process.argv[2] ?? process.env.SIM_N8N_LINES ?? '1.x,2.x')
  .split(',')
  .map((l) => l.trim())
  .filter(Boolean);
const lines = requested.map((name) => {
  const line = N8N_LINES[name];
  if (!line) throw new Error(`Unknown n8n line "${name}" (use ${Object.keys(N8N_LINES).join(' or ')}).`);
  return line;
});

/** A poll of a run: its job (March servers) or its execution resource (current servers). */
const POLL = /^\/api\/jobs\/|^\/api\/workflows\/[^/]+\/executions\/[^/]+$/;
/** How long an async job of the emulator stays processing: long enough for the wait to poll 2+ times (~1 s, ~2.5 s). */
const JOB_DURATION_MS = 3_000;
const WRONG_KEY = 'sk-sim-wrong-key-for-test';

function assert(condition, message) {
  if (!condition) throw new Error(message);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Journal entries since `from` (an index into the journal) matching method and a path test. */
function requests(emulator, { from = 0, method, path }) {
  return emulator
    .journal()
    .slice(from)
    .filter((e) => (!method || e.method === method) && path.test(e.path));
}

// ------------------------------------------------------------------------------------------ CLI cases
/** Each: a workflow (from an example, node types as the instance names them), optional setup, a check. */
const cliCases = [
  {
    name: 'execute sync',
    workflow: (n8n) => n8n.loadExample('execute-sync'),
    check({ runData }) {
      const [out] = nodeOutput(runData, 'Run Workflow');
      assert(out?.status === 'completed', `status is ${out?.status}`);
      assert(
        out.output?.result?.doubled === 42 && out.output.result.name === 'Ada',
        `output is ${JSON.stringify(out.output)}`,
      );
      assert(typeof out.executionId === 'string', 'no executionId');
    },
  },
  {
    name: 'execute async with wait (polls the job until it completes)',
    workflow: (n8n) => n8n.loadExample('execute-async-wait'),
    check({ runData, emulator, from }) {
      const [out] = nodeOutput(runData, 'Run Workflow Async');
      assert(out?.status === 'completed', `status is ${out?.status}`);
      assert(out.output?.result?.doubled === 10, `output is ${JSON.stringify(out.output)}`);
      assert(typeof out.jobId === 'string' && out.jobId, 'no jobId');
      // current servers: the run is watched through its execution resource (the job only where that is missing)
      const polls = requests(emulator, { from, method: 'GET', path: POLL }).filter(
        (e) =>
          decodeURIComponent(e.path).endsWith(`/${out.jobId}`) || e.path.endsWith(`/executions/${out.executionId}`),
      );
      assert(
        polls.length >= 2,
        `the wait polled the run ${polls.length} time(s), expected at least 2 (requests: ${emulator
          .journal()
          .slice(from)
          .map((e) => `${e.method} ${e.path} ${e.status}`)
          .join(', ')})`,
      );
    },
  },
  {
    name: 'execute sync retried after a 429 (the retry sleep runs, one run)',
    workflow: (n8n) =>
      n8n.loadExample('execute-sync', (workflow) =>
        Object.assign(workflow, {
          id: 'simRetry429Flow1',
          name: 'Sim: retry after 429',
          versionId: '00000000-0000-4000-8000-000000000429',
        }),
      ),
    setup(emulator) {
      emulator.injectFault({
        method: 'POST',
        path: /\/execute$/,
        type: 'status',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: 'Rate limit exceeded' },
      });
    },
    check({ runData, emulator, from }) {
      const [out] = nodeOutput(runData, 'Run Workflow');
      assert(out?.status === 'completed' && out.output?.result?.doubled === 42, `output is ${JSON.stringify(out)}`);
      const posts = requests(emulator, { from, method: 'POST', path: /\/execute$/ });
      assert(posts.map((p) => p.status).join(',') === '429,200', `execute answers were ${posts.map((p) => p.status)}`);
      // a 429 burns the X-Execution-Id (packages/emulator/recordings/sim-server-facts.md §A): the core retries under a
      // new one (its rule, proven in packages/core/test/execute-safety.test.ts); here, that the node in a real n8n
      // runs through it
      const ids = posts.map((p) => p.headers['x-execution-id']);
      if (ids[0])
        assert(
          ids[1] && ids[1] !== ids[0],
          `the retry after the 429 sent X-Execution-Id ${ids[1]} (the 429's was ${ids[0]})`,
        );
    },
  },
  {
    name: 'execute stream',
    workflow: (n8n) => n8n.loadExample('execute-stream'),
    check({ runData }) {
      const [out] = nodeOutput(runData, 'Stream Workflow');
      assert(out?.status === 'completed', `status is ${out?.status}`);
      assert(typeof out.text === 'string' && out.text.length === 32, `text is ${JSON.stringify(out.text)}`);
      assert(out.output?.agent?.content === out.text, 'final output does not hold the streamed text');
    },
  },
  {
    name: 'execute with mapped input fields',
    workflow: (n8n) => n8n.loadExample('execute-map-fields'),
    check({ runData }) {
      const [out] = nodeOutput(runData, 'Run Workflow');
      assert(
        out?.output?.result?.doubled === 14 && out.output.result.name === 'Grace',
        `output is ${JSON.stringify(out?.output)}`,
      );
    },
  },
  {
    name: 'cancel, then Wait for Job',
    workflow: (n8n) => n8n.loadExample('cancel-execution'),
    check({ runData }) {
      const [queued] = nodeOutput(runData, 'Queue Slow Run');
      const [cancelled] = nodeOutput(runData, 'Cancel Run');
      const [waited] = nodeOutput(runData, 'Wait for Job');
      assert(queued?.jobId && queued.executionId, `queue output is ${JSON.stringify(queued)}`);
      assert(
        cancelled?.success === true && cancelled.executionId === queued.executionId,
        `cancel output is ${JSON.stringify(cancelled)}`,
      );
      // current: `cancelled`; 2026-03 reports a cancelled job as completed with success false.
      const expected = profile === '2026-03' ? ['cancelled', 'failed'] : ['cancelled'];
      assert(expected.includes(waited?.status), `the job ended as ${waited?.status}`);
    },
  },
  {
    name: 'log getMany',
    workflow: (n8n) => n8n.loadExample('logs-get-many'),
    check({ runData }) {
      const logs = nodeOutput(runData, 'Get Logs');
      assert(logs.length === 5, `got ${logs.length} log items, expected 5 (the limit)`);
      assert(
        logs.every((log) => log.id && log.workflowId && log.level),
        'log items lack id/workflowId/level',
      );
    },
  },
  {
    name: 'usage getLimits, its GET retried after a 503',
    workflow: (n8n) => n8n.loadExample('usage-get-limits'),
    setup(emulator) {
      emulator.injectFault({
        method: 'GET',
        path: /usage-limits$/,
        type: 'status',
        status: 503,
        body: { error: 'Service Unavailable' },
      });
    },
    check({ runData, emulator, from }) {
      const [out] = nodeOutput(runData, 'Get Usage Limits');
      assert(out?.success === true && out.rateLimit?.sync && out.usage, `output is ${JSON.stringify(out)}`);
      const gets = requests(emulator, { from, method: 'GET', path: /usage-limits$/ });
      assert(
        gets.map((g) => g.status).join(',') === '503,200',
        `usage-limits answers were ${gets.map((g) => g.status)}`,
      );
    },
  },
  {
    name: "wrong API key: Sim's error, the key nowhere in the output or run data",
    workflow: (n8n) =>
      n8n.loadExample('execute-sync', (workflow) => {
        workflow.id = 'simWrongKeyFlow1';
        workflow.name = 'Sim: wrong API key';
        workflow.versionId = '00000000-0000-4000-8000-0000000000ee';
        for (const node of workflow.nodes)
          if (node.credentials) node.credentials.simApi = { id: 'simWrongKeyCred1', name: 'Sim (wrong key)' };
        return workflow;
      }),
    check({ code, stdout, stderr, runData }) {
      const text = `${stdout}\n${stderr}`;
      assert(code !== 0, `n8n execute exited ${code} for a wrong key`);
      assert(/Invalid API key/.test(text), 'Sim\'s message "Invalid API key" is not in the n8n output');
      assert(/401/.test(text), 'HTTP 401 is not in the n8n output');
      assert(!text.includes(WRONG_KEY), 'the API key leaked into the output');
      assert(!JSON.stringify(runData ?? {}).includes(WRONG_KEY), 'the API key leaked into the run data');
    },
  },
];

// --------------------------------------------------------------------------------------- server cases
const STOP_WORKFLOW_ID = 'simStopWaitFlow1';
const STOP_WEBHOOK_PATH = 'sim-e2e-stop-while-waiting';
const TRIGGER_WORKFLOW_ID = 'simTriggerPoll01';

/** Webhook → Sim: execute wf-slow async and wait (a long run), so the execution sits in the wait. */
function stopWhileWaitingWorkflow(n8n) {
  return n8n.loadExample('execute-async-wait', (workflow) => {
    workflow.id = STOP_WORKFLOW_ID;
    workflow.name = 'Sim: stopped while it waits';
    workflow.versionId = '00000000-0000-4000-8000-00000000570b';
    workflow.nodes[0] = {
      id: 'w0',
      name: 'Webhook',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      webhookId: '5f0c8b8e-3a4e-4d3e-9a55-5be1c0a1e001',
      parameters: { path: STOP_WEBHOOK_PATH, httpMethod: 'GET', responseMode: 'onReceived' },
    };
    const sim = workflow.nodes[1];
    sim.parameters.workflowId.value = 'wf-slow';
    sim.parameters.input = '{ "delayMs": 120000 }';
    sim.parameters.options = { timeout: 600 };
    workflow.connections = { Webhook: workflow.connections["When clicking 'Execute workflow'"] };
    return workflow;
  });
}

/**
 * Sim Trigger → No Op, polling every 15 s: n8n allows at most one poll a minute per poll time, so
 * four custom-cron poll times, each once a minute at its own second.
 */
function pollingTriggerWorkflow(n8n) {
  return n8n.loadExample('trigger-failed-runs', (workflow) => {
    workflow.id = TRIGGER_WORKFLOW_ID;
    workflow.name = 'Sim: polling trigger';
    workflow.versionId = '00000000-0000-4000-8000-0000000071c1';
    const trigger = workflow.nodes.find((n) => n.name === 'Sim Trigger');
    trigger.parameters.pollTimes = {
      item: [0, 15, 30, 45].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })),
    };
    trigger.parameters.filters = {};
    return workflow;
  });
}

async function listExecutions(server, workflowId) {
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const data = await server.rest('GET', `/rest/executions?filter=${filter}&limit=50`);
  return Array.isArray(data) ? data : (data?.results ?? []);
}

const serverCases = [
  {
    name: 'an execution stopped while it waits (REST stop, as the editor does): the Sim run is cancelled',
    async run({ server, emulator, ids }) {
      const from = emulator.journal().length;
      // the webhook is registered once n8n has activated the workflow (after it reports ready)
      const hook = await waitFor(
        'the webhook',
        async () => {
          const answer = await fetch(`${server.url}/webhook/${STOP_WEBHOOK_PATH}`);
          return answer.status === 404 ? undefined : answer;
        },
        60_000,
        1_000,
      );
      assert(hook.ok, `the webhook answered HTTP ${hook.status}`);
      // the node is waiting once it queued the run and polled its job
      const queued = await waitFor(
        'the async execute',
        () => requests(emulator, { from, method: 'POST', path: /\/execute$/ }).find((e) => e.status === 202),
        30_000,
      );
      await waitFor(
        'a poll of the run',
        () => requests(emulator, { from, method: 'GET', path: POLL }).length > 0,
        30_000,
      );
      const [running] = await waitFor(
        'the running n8n execution',
        async () => {
          const executions = await listExecutions(server, ids[STOP_WORKFLOW_ID]);
          const active = executions.filter((e) => e.status === 'running' || (!e.stoppedAt && !e.finished));
          return active.length ? active : undefined;
        },
        30_000,
      );
      const stoppedAt = Date.now();
      await server.rest('POST', `/rest/executions/${running.id}/stop`, {});
      const cancel = await waitFor(
        'the cancel request to Sim',
        () => requests(emulator, { from, method: 'POST', path: /\/executions\/[^/]+\/cancel$/ })[0],
        15_000,
        100,
      );
      assert(
        queued.path.includes('/wf-slow/') && cancel.path.includes('/wf-slow/'),
        `cancelled ${cancel.path} after queueing ${queued.path}`,
      );
      assert(cancel.status === 200, `the cancel was answered ${cancel.status}`);
      const waitedMs = cancel.at - stoppedAt;
      const pollsAfter = requests(emulator, { from, method: 'GET', path: POLL }).filter(
        (e) => e.at > cancel.at + 1_500,
      );
      assert(pollsAfter.length === 0, 'the node kept polling after the execution was stopped');
      const final = await waitFor(
        'the execution to end',
        async () => {
          const executions = await listExecutions(server, ids[STOP_WORKFLOW_ID]);
          return executions.find((e) => e.id === running.id && e.status !== 'running' && e.status !== 'new');
        },
        30_000,
      );
      return `cancel sent ${waitedMs} ms after the stop; execution ${final.status}`;
    },
  },
  {
    name: 'trigger: the first poll emits nothing, a later poll emits the new run exactly once',
    async run({ server, emulator, ids }) {
      const logPolls = () =>
        requests(emulator, { method: 'GET', path: /\/logs$/ }).filter((e) => e.headers['x-api-key']);
      // activation polls once (n8n checks the trigger works); the seeded runs are not emitted
      await waitFor('the first poll', () => logPolls().length > 0, 60_000);
      assert(
        (await listExecutions(server, ids[TRIGGER_WORKFLOW_ID])).length === 0,
        'the first poll emitted runs (a flood of old logs)',
      );
      const run = await fetch(`${emulator.url}/api/workflows/wf-echo/execute`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': emulator.seed.apiKey },
        body: JSON.stringify({ name: 'Trigger', count: 1 }),
      }).then((r) => r.json());
      assert(run.executionId, `the run gave no executionId: ${JSON.stringify(run)}`);
      const after = logPolls().length;
      // two more polls: the one that emits, and one that must not emit it again
      await waitFor('two more polls', () => logPolls().length >= after + 2, 45_000, 500);
      await sleep(1_500);
      const executions = await listExecutions(server, ids[TRIGGER_WORKFLOW_ID]);
      const withRun = [];
      for (const execution of executions) {
        const full = await server.rest('GET', `/rest/executions/${execution.id}`);
        if (JSON.stringify(full).includes(run.executionId)) withRun.push(execution.id);
      }
      assert(withRun.length === 1, `the new run was emitted ${withRun.length} times (${executions.length} executions)`);
      return `${logPolls().length} polls, ${executions.length} execution(s)`;
    },
  },
];

// ------------------------------------------------------------------------------------------------ run
const log = (...args) => console.log(...args);
let failures = 0;
let passed = 0;
const summary = [];

async function runLine(line, tarball) {
  const label = `n8n ${line.version} (Node ${line.nodeMajor})`;
  const log = (...args) => console.log(`[${line.name}]`, ...args);
  log(`\n── ${label}: package installed from ${tarball.split('/').at(-1)} as a community package`);
  let emulator;
  let instance;
  let lineFailures = 0;
  const fail = (name, error) => {
    lineFailures++;
    log(`✗ FAIL  ${name}: ${error.message}`);
  };
  try {
    emulator = await startEmulator({ port: 0, profile, jobDurationMs: JOB_DURATION_MS });
    log(`Sim emulator (${emulator.profile}) on ${emulator.url}`);
    instance = await createN8nInstance({
      line,
      install: 'tarball',
      tarball,
      baseUrl: emulator.url,
      apiKey: emulator.seed.apiKey,
      workspaceId: emulator.seed.workspaceId,
      log,
    });
    const workflows = cliCases.map((c) => c.workflow(instance));
    const serverWorkflows = [stopWhileWaitingWorkflow(instance), pollingTriggerWorkflow(instance)];
    const all = [...workflows, ...serverWorkflows];
    const imported = workflows;
    const unknownCredential = all
      .flatMap((w) => w.nodes)
      .find((n) => n.credentials && !['simWrongKeyCred1', CREDENTIAL_ID].includes(n.credentials.simApi?.id));
    assert(!unknownCredential, `node "${unknownCredential?.name}" uses a credential the test does not import`);
    assert(
      all.flatMap((w) => w.nodes).every((n) => !n.type.startsWith('CUSTOM.')),
      'a workflow still uses the custom-extension node types',
    );
    log(`n8n: importing ${imported.length} workflows…`);
    await instance.importWorkflows(imported);

    for (const [index, testCase] of cliCases.entries()) {
      if (process.env.SIM_E2E_ONLY === 'server') continue;
      const started = Date.now();
      try {
        const from = emulator.journal().length;
        testCase.setup?.(emulator);
        const result = await instance.execute(workflows[index].id);
        testCase.check({ ...result, emulator, from });
        passed++;
        log(`✓ PASS  ${testCase.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        fail(testCase.name, error);
      }
    }

    // n8n start, then create and activate (publish, on 2.x) the webhook and trigger workflows through
    // the REST API, as the editor does
    const started = Date.now();
    const server = await instance.startServer();
    log(`n8n start ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    emulator.clearJournal();
    const ids = {};
    for (const workflow of serverWorkflows) {
      const { id: wantedId, versionId, pinData, meta, ...body } = workflow;
      const created = await server.rest('POST', '/rest/workflows', { ...body, active: false });
      await server.rest('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
      ids[wantedId] = created.id;
    }
    for (const testCase of serverCases) {
      const caseStarted = Date.now();
      try {
        const note = await testCase.run({ server, emulator, instance, ids });
        passed++;
        log(`✓ PASS  ${testCase.name} (${((Date.now() - caseStarted) / 1000).toFixed(1)} s${note ? `; ${note}` : ''})`);
      } catch (error) {
        fail(testCase.name, error);
        if (process.env.SIM_E2E_DEBUG) log(server.output().slice(-4000));
      }
    }
  } catch (error) {
    fail('setup', error);
  } finally {
    await instance?.cleanup();
    await emulator?.close();
  }
  failures += lineFailures;
  summary.push(
    `${label}: ${lineFailures ? `${lineFailures} failure(s)` : `all ${cliCases.length + serverCases.length} cases passed`}`,
  );
}

const startedAt = Date.now();
const packDir = mkdtempSync(join(tmpdir(), 'sim-n8n-pack-'));
try {
  await ensureBuilt();
  // both installs at once on a cold cache (each is mostly download time)
  await Promise.all(lines.map((line) => ensureN8n({ line, log })));
  const tarball = await packPackage(packDir);
  log(`npm pack: ${tarball}`);
  // the lines side by side (each its own emulator, n8n and Node); SIM_N8N_SERIAL=1 runs them one after the other
  if (process.env.SIM_N8N_SERIAL === '1') for (const line of lines) await runLine(line, tarball);
  else await Promise.all(lines.map((line) => runLine(line, tarball)));
} catch (error) {
  failures++;
  console.error(`✗ FAIL  setup: ${error.message}`);
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
console.log(
  `\nreal n8n: ${summary.join('; ')}${failures ? '' : ` (${passed} passed)`} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
);
process.exit(failures ? 1 : 0);
