// Demo section: the core client against the emulator — sync, async with wait, streamed, cancel, logs.
import { createSimClient } from '@sim-integrations/core/node';

export async function run({ url, seed, log }) {
  const sim = createSimClient({ apiKey: seed.apiKey, baseUrl: url });
  const wf = seed.workflows;
  const summary = [];

  const fields = await sim.getWorkflowInputFields(wf.echo);
  log(`• ${wf.echo} inputs: ${fields.map((f) => `${f.name}:${f.type}`).join(', ')}`);

  // 1. Sync run.
  const sync = await sim.runWorkflowSync(wf.echo, { input: { name: 'Ada', count: 21 } });
  log(`• sync ${wf.echo}: ${sync.status} in ${sync.durationMs} ms → ${JSON.stringify(sync.output)}`);
  summary.push(['sync', wf.echo, sync.status, sync.executionId]);

  // 2. Async run (a 2.5 s workflow), waiting for the job and printing status transitions.
  const started = Date.now();
  const asyncRun = await sim.runWorkflow(wf.slow, {
    input: { name: 'Grace', count: 5, delayMs: 2500 },
    onQueued: ({ jobId }) => log(`• async ${wf.slow}: queued as job ${jobId}`),
    onStatus: (status) => log(`    +${((Date.now() - started) / 1000).toFixed(1)} s status → ${status}`),
  });
  log(`• async ${wf.slow}: ${asyncRun.status} → ${JSON.stringify(asyncRun.output)}`);
  summary.push(['async + wait', wf.slow, asyncRun.status, asyncRun.executionId]);

  // 3. Streamed run, printing chunks as they arrive.
  const stream = sim.streamWorkflow(wf.stream, { input: { chunks: 5, chunkSize: 12, chunkDelayMs: 40 } });
  const streamed = await sim.collectStream(stream, { onChunk: (chunk) => log(`    chunk: ${JSON.stringify(chunk)}`) });
  log(`• stream ${wf.stream}: ${streamed.status}, ${streamed.text.length} chars`);
  summary.push(['stream', wf.stream, streamed.status, streamed.executionId]);

  // 4. A failing workflow resolves with status 'failed' and the server's error.
  const failed = await sim.runWorkflowSync(wf.fail, { input: { name: 'Eve' } });
  log(`• sync ${wf.fail}: ${failed.status} — ${failed.error}`);
  summary.push(['failure', wf.fail, failed.status, failed.executionId]);

  // 5. Cancel a slow run, then look up its logs.
  const cancelled = await sim.runWorkflow(wf.slow, {
    input: { delayMs: 20_000 },
    onQueued: ({ executionId }) => {
      log(`• async ${wf.slow}: queued (${executionId}); cancelling it`);
      setTimeout(() => sim.cancelExecution(wf.slow, executionId).catch((err) => log(`    cancel failed: ${err.message}`)), 300);
    },
  });
  log(`• ${wf.slow}: ${cancelled.status}`);
  summary.push(['cancel', wf.slow, cancelled.status, cancelled.executionId]);
  const logs = await sim.queryLogs({ workspaceId: seed.workspaceId, executionId: cancelled.executionId });
  const entry = logs.data[0];
  log(`• logs for ${cancelled.executionId}: ${logs.data.length} entry, level ${entry?.level}, ${entry?.totalDurationMs ?? '?'} ms, cost ${JSON.stringify(entry?.cost)}`);

  log('\n  kind           workflow           status      executionId');
  for (const [kind, id, status, executionId] of summary) log(`  ${kind.padEnd(14)} ${id.padEnd(18)} ${status.padEnd(11)} ${executionId}`);
  const expected = ['completed', 'completed', 'completed', 'failed', 'cancelled'];
  const got = summary.map((s) => s[2]);
  if (got.join() !== expected.join()) throw new Error(`unexpected run statuses: ${got.join(', ')} (expected ${expected.join(', ')})`);
}
