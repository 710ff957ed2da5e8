// Demo section: the core client against the emulator — sync, async with wait, streamed, cancel, logs, a run
// that pauses for a person and is resumed, and a batch of runs at once (runMany).
import { createSimClient } from '@sim-integrations/core/node';

export async function run({ url, seed, emulator, log }) {
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
      setTimeout(
        () => sim.cancelExecution(wf.slow, executionId).catch((err) => log(`    cancel failed: ${err.message}`)),
        300,
      );
    },
  });
  log(`• ${wf.slow}: ${cancelled.status}`);
  summary.push(['cancel', wf.slow, cancelled.status, cancelled.executionId]);
  const logs = await sim.queryLogs({ workspaceId: seed.workspaceId, executionId: cancelled.executionId });
  const entry = logs.data[0];
  log(
    `• logs for ${cancelled.executionId}: ${logs.data.length} entry, level ${entry?.level}, ${entry?.totalDurationMs ?? '?'} ms, cost ${JSON.stringify(entry?.cost)}`,
  );

  // 6. A run that pauses for a person (Human in the loop block): paused is neither finished nor failed. The run is
  //    listed among the workflow's paused runs, then resumed with the person's answer and watched to its end.
  //    (The emulator's 2026-03 profile has no execution resource and serves no paused runs: docs/sim-server-versions.md.)
  const expected = ['completed', 'completed', 'completed', 'failed', 'cancelled'];
  if (emulator?.profile === '2026-03') {
    log('• paused runs: not on a 2026-03 server (no execution resource, no resume); skipped');
  } else {
    const paused = await sim.runWorkflow(wf.hitl, { input: { name: 'Ada' } });
    log(
      `• async ${wf.hitl}: ${paused.status} at ${paused.paused?.blockId} (${paused.paused?.pauseKind}), waiting for a person`,
    );
    const waiting = await sim.listPausedRuns(wf.hitl);
    log(
      `    listPausedRuns(${wf.hitl}): ${waiting.length} run(s) waiting, ${waiting.map((p) => p.executionId).join(', ')}`,
    );
    summary.push(['paused', wf.hitl, paused.status, paused.executionId]);
    const resumed = await sim.resumeRun(wf.hitl, paused.executionId, {
      contextId: paused.paused.contextId,
      input: { approved: true, comment: 'looks good' },
    });
    log(
      `• resumeRun(${paused.executionId}, { approved: true }): ${resumed.status} → ${JSON.stringify(resumed.output)}`,
    );
    summary.push(['resumed', wf.hitl, resumed.status, resumed.executionId]);
    expected.push('paused', 'completed');
  }

  // 7. A batch at once: one entry per request, in input order, whatever each run's outcome; paced to the key's
  //    rate limits (read once from usage-limits). A failing workflow and an unknown one do not stop the others.
  const rows = ['Ada', 'Grace', 'Linus', 'Barbara', 'Ken', 'Margaret'].map((name, i) => ({
    workflowId: wf.echo,
    input: { name, count: i + 1 },
  }));
  const requests = [
    ...rows,
    { workflowId: wf.fail, input: { name: 'Eve' } },
    { workflowId: 'wf-does-not-exist', input: {} },
  ];
  const batchStarted = Date.now();
  const entries = await sim.runMany(requests, { concurrency: 4 });
  log(`• runMany: ${requests.length} runs, 4 at a time, in ${((Date.now() - batchStarted) / 1000).toFixed(1)} s`);
  entries.forEach((entry, i) => {
    const what = `${requests[i].workflowId} ${JSON.stringify(requests[i].input)}`;
    if (entry.ok)
      log(
        `    [${i}] ${what} → ${entry.result.status}${entry.result.status === 'completed' ? ` ${JSON.stringify(entry.result.output.result)}` : `: ${entry.result.error}`}`,
      );
    else log(`    [${i}] ${what} → error ${entry.error.name}: ${entry.error.message}`);
  });
  const batch = entries.map((e) => (e.ok ? e.result.status : e.error.name)).join(', ');
  const batchExpected = [...rows.map(() => 'completed'), 'failed', 'SimNotFoundError'].join(', ');
  if (batch !== batchExpected) throw new Error(`unexpected batch outcomes: ${batch} (expected ${batchExpected})`);

  log('\n  kind           workflow           status      executionId');
  for (const [kind, id, status, executionId] of summary)
    log(`  ${kind.padEnd(14)} ${id.padEnd(18)} ${status.padEnd(11)} ${executionId}`);
  const got = summary.map((s) => s[2]);
  if (got.join() !== expected.join())
    throw new Error(`unexpected run statuses: ${got.join(', ')} (expected ${expected.join(', ')})`);
}
