// Benchmark section: the core client, measured side by side against the local emulator.
// `run({ log })` returns a markdown table. Memory and SDK measurements run in child processes
// (this file re-executed with `--child <mode>`), so the emulator's own memory is not counted and
// the SDK's 30 s per-call timers cannot keep the bench process alive.
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { startEmulator } from '@sim-integrations/emulator';
import { createSimClient, nodeSleep } from '@sim-integrations/core/node';
import { rssSampler } from './rss.mjs';

const SELF = fileURLToPath(import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmt = (n, d = 2) => Number(n).toFixed(d);
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

/** Runs this file as a child in `mode`, returns its JSON line. */
function child(mode, env) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', SELF, '--child', mode],
      { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`bench child ${mode} failed: ${err.message}\n${stderr}`));
        const line = stdout.trim().split('\n').pop();
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(new Error(`bench child ${mode} printed no result: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/** Samples RSS every 20 ms; returns a stop() giving the peak growth over the baseline in MB. */

// ---- child modes -------------------------------------------------------------------------------

async function childMain(mode) {
  const url = process.env.SIM_URL;
  const apiKey = process.env.SIM_KEY;
  if (mode === 'stream') {
    const sim = createSimClient({ apiKey, baseUrl: url });
    const input = JSON.parse(process.env.STREAM_INPUT);
    // warm-up (about 20 MB), so code is compiled and a connection is live before the baseline is taken
    for await (const _ of sim.streamWorkflow('wf-stream', { input: { chunks: 300, chunkSize: input.chunkSize } }))
      void _;
    const stop = rssSampler();
    const t0 = performance.now();
    let chars = 0;
    let chunks = 0;
    for await (const event of sim.streamWorkflow('wf-stream', { input })) {
      if (event.type === 'chunk') {
        chars += event.chunk.length;
        chunks++;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const growthMb = stop();
    globalThis.gc?.();
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    // Baseline: undici reading the same stream's bytes without parsing (what the emulator can deliver).
    const t1 = performance.now();
    const res = await request(`${url}/api/workflows/wf-stream/execute`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ ...input, stream: true }),
    });
    let bytes = 0;
    for await (const b of res.body) bytes += b.length;
    const rawSeconds = (performance.now() - t1) / 1000;
    console.log(JSON.stringify({ chars, chunks, seconds, growthMb, heapMb, rawMBps: bytes / 1e6 / rawSeconds }));
  } else if (mode === 'parse') {
    // The client alone: the same SSE bytes replayed from memory through an in-memory transport.
    const { SimClient } = await import('@sim-integrations/core');
    const input = JSON.parse(process.env.STREAM_INPUT);
    const text = 'x'.repeat(input.chunkSize);
    const event = new TextEncoder().encode(`data: ${JSON.stringify({ blockId: 'agent-1', chunk: text })}\n\n`);
    const tailBytes = new TextEncoder().encode(
      'data: {"event":"final","data":{"success":true,"output":{}}}\n\ndata: "[DONE]"\n\n',
    );
    const sim = new SimClient({
      apiKey: 'sk-sim-bench',
      baseUrl: 'http://bench.invalid',
      sleep: nodeSleep,
      randomUUID: () => crypto.randomUUID(),
      transport: async () => ({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: (async function* () {
          for (let i = 0; i < input.chunks; i++) yield event;
          yield tailBytes;
        })(),
      }),
    });
    const t0 = performance.now();
    let chars = 0;
    for await (const e of sim.streamWorkflow('wf-stream')) if (e.type === 'chunk') chars += e.chunk.length;
    console.log(JSON.stringify({ chars, seconds: (performance.now() - t0) / 1000 }));
  } else if (mode === 'logs') {
    const sim = createSimClient({ apiKey, baseUrl: url, timeoutMs: 120_000 });
    // warm-up: five full pages, so V8's young generation has reached its working size before the baseline
    let w = 0;
    for await (const entry of sim.iterateLogs({ workspaceId: process.env.SIM_WS, limit: 1000 }))
      if (++w >= 5000 || !entry) break;
    const stop = rssSampler();
    const t0 = performance.now();
    let n = 0;
    for await (const entry of sim.iterateLogs({ workspaceId: process.env.SIM_WS, limit: 1000 })) if (entry.id) n++;
    const seconds = (performance.now() - t0) / 1000;
    const growthMb = stop();
    globalThis.gc?.();
    console.log(JSON.stringify({ n, seconds, growthMb, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }));
  } else if (mode === 'sdk') {
    const { SimStudioClient } = await import('simstudio-ts-sdk');
    const sdk = new SimStudioClient({ apiKey, baseUrl: url });
    const sim = createSimClient({ apiKey, baseUrl: url });
    const input = { name: 'Bench', count: 3 };
    const rounds = Number(process.env.ROUNDS);
    const per = Number(process.env.PER_ROUND);
    for (let i = 0; i < 20; i++) {
      await sdk.executeWorkflow('wf-echo', input);
      await sim.executeWorkflow('wf-echo', { input });
    }
    let ours = 0;
    let theirs = 0;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
      for (const who of order) {
        const t0 = performance.now();
        for (let i = 0; i < per; i++) {
          if (who === 'ours') await sim.executeWorkflow('wf-echo', { input });
          else await sdk.executeWorkflow('wf-echo', input);
        }
        const dt = performance.now() - t0;
        if (who === 'ours') ours += dt;
        else theirs += dt;
      }
    }
    console.log(JSON.stringify({ ours, theirs, calls: rounds * per }));
    process.exit(0); // the SDK leaves a 30 s timer per call behind
  }
}

// ---- sections ------------------------------------------------------------------------------------

async function benchJobStatus(log) {
  const emu = await startEmulator({ port: 0, jobDurationMs: 50 });
  try {
    const sim = createSimClient({ apiKey: emu.seed.apiKey, baseUrl: emu.url });
    const receipt = await sim.executeWorkflow('wf-echo', { async: true, input: { name: 'b' } });
    await sim.waitForJob(receipt.jobId);
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    const rawUrl = `${emu.url}/api/jobs/${encodeURIComponent(receipt.jobId)}`;
    const raw = async () => {
      const res = await request(rawUrl, { headers: { 'x-api-key': emu.seed.apiKey }, dispatcher: agent });
      return res.body.json();
    };
    const core = () => sim.getJobStatus(receipt.jobId);
    for (let i = 0; i < 300; i++) {
      await raw();
      await core();
    }
    // Calls interleaved one by one (raw, core, core, raw, …) so that load changes on a shared machine hit
    // both sides alike; each call is timed on its own.
    const n = 3000;
    let tRaw = 0;
    let tCore = 0;
    for (let i = 0; i < n; i++) {
      for (const who of i % 2 ? ['core', 'raw'] : ['raw', 'core']) {
        const t0 = performance.now();
        await (who === 'raw' ? raw() : core());
        const dt = performance.now() - t0;
        if (who === 'raw') tRaw += dt;
        else tCore += dt;
      }
      if (i % 500 === 499) emu.clearJournal();
    }
    await agent.close();
    const ratio = tCore / tRaw;
    // The client's own CPU per call: the same call through an in-memory transport answering the same body.
    const jobBody = JSON.stringify(await sim.getJobStatus(receipt.jobId));
    const { SimClient } = await import('@sim-integrations/core');
    const mem = new SimClient({
      apiKey: emu.seed.apiKey,
      baseUrl: emu.url,
      sleep: nodeSleep,
      transport: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: jobBody }),
    });
    for (let i = 0; i < 5000; i++) await mem.getJobStatus(receipt.jobId);
    const m0 = performance.now();
    for (let i = 0; i < 20000; i++) await mem.getJobStatus(receipt.jobId);
    const ownUs = ((performance.now() - m0) / 20000) * 1000;
    log(`getJobStatus: the client's own work (in-memory transport): ${fmt(ownUs, 1)} µs/call`);
    log(
      `getJobStatus: core ${fmt((tCore / n) * 1000, 0)} µs/call, raw undici ${fmt((tRaw / n) * 1000, 0)} µs/call, ratio ${fmt(ratio)}×`,
    );
    return `| core \`getJobStatus\` vs raw \`undici.request\` + \`body.json()\` (${n} sequential keep-alive calls each, interleaved call by call) | ${fmt((tCore / n) * 1000, 0)} µs vs ${fmt((tRaw / n) * 1000, 0)} µs per call: **${fmt(ratio)}×** (the client's own work, measured with an in-memory transport: ${fmt(ownUs, 1)} µs per call) | ≤ 1.15× | ${verdict(ratio <= 1.15)} |`;
  } finally {
    await emu.close();
  }
}

async function benchSdk(log) {
  const emu = await startEmulator({ port: 0 });
  try {
    const r = await child('sdk', { SIM_URL: emu.url, SIM_KEY: emu.seed.apiKey, ROUNDS: '6', PER_ROUND: '100' });
    const ratio = r.ours / r.theirs;
    log(
      `sync execute: core ${fmt(r.ours / r.calls)} ms/call, simstudio-ts-sdk ${fmt(r.theirs / r.calls)} ms/call, ratio ${fmt(ratio)}×`,
    );
    return `| core sync \`executeWorkflow\` vs \`simstudio-ts-sdk\` 0.1.2 (${r.calls} calls each, interleaved) | ${fmt(r.ours / r.calls)} ms vs ${fmt(r.theirs / r.calls)} ms per call: **${fmt(ratio)}×** | ≤ 0.75× | ${verdict(ratio <= 0.75)} |`;
  } finally {
    await emu.close();
  }
}

async function benchWaiter(log) {
  const emu = await startEmulator({ port: 0 });
  try {
    const sim = createSimClient({ apiKey: emu.seed.apiKey, baseUrl: emu.url });
    const endedAt = async (executionId) => {
      const logs = await sim.queryLogs({ workspaceId: emu.seed.workspaceId, executionId });
      return Date.parse(logs.data[0].endedAt);
    };
    // the core reads the run's record (the execution resource) on current servers, the fixed poller the job
    const polls = (jobId, executionId) =>
      emu
        .journal()
        .filter(
          (e) =>
            e.method === 'GET' &&
            (e.path === `/api/jobs/${encodeURIComponent(jobId)}` || e.path.endsWith(`/executions/${executionId}`)),
        ).length;
    const one = async (durationMs, kind) => {
      const receipt = await sim.executeWorkflow('wf-slow', { async: true, input: { delayMs: durationMs } });
      if (kind === 'core') {
        await sim.waitForJob(receipt.jobId, { timeoutMs: 120_000, workflowId: 'wf-slow', enqueuedAt: Date.now() });
      } else {
        for (;;) {
          await sleep(1000);
          const job = await sim.getJobStatus(receipt.jobId, { maxRetries: 0 });
          if (job.status === 'completed' || job.status === 'failed') break;
        }
      }
      const detected = Date.now();
      return {
        durationMs,
        kind,
        delayMs: detected - (await endedAt(receipt.executionId)),
        polls: polls(receipt.jobId, receipt.executionId),
      };
    };
    const durations = [300, 3000, 20_000];
    const results = await Promise.all(durations.flatMap((d) => [one(d, 'core'), one(d, 'fixed')]));
    const rows = [];
    for (const d of durations) {
      const core = results.find((r) => r.durationMs === d && r.kind === 'core');
      const fixed = results.find((r) => r.durationMs === d && r.kind === 'fixed');
      const bound = Math.max(1000, d * 0.1);
      const ok = core.delayMs <= bound + 150 && (d < 20_000 || core.polls < fixed.polls);
      log(
        `waiter ${d / 1000} s job: core detected after ${core.delayMs} ms with ${core.polls} polls; fixed 1 s poller ${fixed.delayMs} ms with ${fixed.polls} polls`,
      );
      rows.push(
        `| waiter, ${d / 1000} s job: detection delay / polls, core vs fixed 1 s poller | ${core.delayMs} ms / ${core.polls} polls vs ${fixed.delayMs} ms / ${fixed.polls} polls | ≤ ${bound} ms${d >= 20_000 ? ', fewer polls' : ''} | ${verdict(ok)} |`,
      );
    }
    return rows.join('\n');
  } finally {
    await emu.close();
  }
}

async function benchStream(log) {
  const emu = await startEmulator({ port: 0 });
  try {
    const chunkSize = 64 * 1024;
    const chunks = Math.ceil((200 * 1e6) / chunkSize);
    const env = { SIM_URL: emu.url, SIM_KEY: emu.seed.apiKey, STREAM_INPUT: JSON.stringify({ chunks, chunkSize }) };
    const r = await child('stream', env);
    const p = await child('parse', env);
    const mb = r.chars / 1e6;
    const rate = mb / r.seconds;
    const parseRate = p.chars / 1e6 / p.seconds;
    log(
      `stream: ${fmt(mb, 0)} MB in ${r.chunks} chunks, ${fmt(r.seconds)} s → ${fmt(rate, 0)} MB/s (raw undici byte read of the same emulator stream: ${fmt(r.rawMBps, 0)} MB/s; client alone from memory: ${fmt(parseRate, 0)} MB/s), peak RSS growth ${fmt(r.growthMb, 1)} MB, heap after GC ${fmt(r.heapMb, 1)} MB`,
    );
    return [
      `| \`streamWorkflow\` end to end, ${fmt(mb, 0)} MB in ${r.chunks} SSE chunks from the emulator | ${fmt(rate, 0)} MB/s (raw undici reading the same stream's bytes without parsing: ${fmt(r.rawMBps, 0)} MB/s) | ≥ 100 MB/s | ${verdict(rate >= 100)} |`,
      `| \`streamWorkflow\` parsing alone (same SSE bytes replayed from memory) | ${fmt(parseRate, 0)} MB/s | ≥ 100 MB/s | ${verdict(parseRate >= 100)} |`,
      `| \`streamWorkflow\` peak RSS growth (consumer process) | ${fmt(r.growthMb, 1)} MB (heap after GC ${fmt(r.heapMb, 1)} MB) | < 50 MB | ${verdict(r.growthMb < 50)} |`,
    ].join('\n');
  } finally {
    await emu.close();
  }
}

async function benchLogs(log) {
  const emu = await startEmulator({ port: 0, logCount: 117_000 });
  try {
    const r = await child('logs', { SIM_URL: emu.url, SIM_KEY: emu.seed.apiKey, SIM_WS: emu.seed.workspaceId });
    log(
      `iterateLogs: ${r.n} entries in ${fmt(r.seconds)} s, peak RSS growth ${fmt(r.growthMb, 1)} MB, heap after GC ${fmt(r.heapMb, 1)} MB`,
    );
    return `| \`iterateLogs\` over all ${r.n} entries of the workspace (emulator \`logCount: 100000\`, limit 1000; after a 5-page warm-up) peak RSS growth | ${fmt(r.growthMb, 1)} MB (${fmt(r.seconds, 1)} s; heap after GC ${fmt(r.heapMb, 1)} MB) | < 50 MB | ${verdict(r.growthMb < 50)} |`;
  } finally {
    await emu.close();
  }
}

export async function run({ log = console.log } = {}) {
  const rows = [];
  for (const [name, fn] of [
    ['getJobStatus overhead', benchJobStatus],
    ['sync execute vs SDK', benchSdk],
    ['waiter', benchWaiter],
    ['stream 200 MB', benchStream],
    ['iterate 100k logs', benchLogs],
  ]) {
    // CORE_BENCH_ONLY=waiter,stream runs a subset (for development).
    const only = process.env.CORE_BENCH_ONLY?.split(',');
    if (only && !only.some((o) => name.includes(o))) continue;
    try {
      rows.push(await fn(log));
    } catch (err) {
      log(`${name}: failed: ${err.message}`);
      rows.push(`| ${name} | failed: ${String(err.message).split('\n')[0]} | | MISS |`);
    }
  }
  return ['| measurement | result | target | |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv[2] === '--child') await childMain(process.argv[3]);
  else console.log(await run({ log: console.log }));
}
