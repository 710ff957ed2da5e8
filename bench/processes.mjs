// Benchmark section: several processes on one key. N separate Node processes (this file re-executed with --child),
// each running M sync runs through the core's `runMany` (concurrency C) on ONE key, against one server that keeps
// Sim's per-minute bucket (burst B, B/2 tokens added at once every whole minute since the first use). This is what n8n
// queue-mode workers, a matrix of GitHub jobs or several Zaps on one connection do; no process knows what the others
// spend, only the server's count (usage-limits) is shared.
//
// Time: scaled (bench/scaled-clock.mjs): the emulator and every child read now = origin + (Date.now() − origin) × S and
// sleep ms / S, so with S = 20 one refill minute passes in 3 s of real time; one configuration also runs on the real
// clock (S = 1) to show that scaled time does not flatter the result. Every child waits for one common start instant.
//
// Reported, never asserted (the machine is shared): wall time from the start instant to the last run's end (server
// time), the bucket's bound (the refill at which the last run can start: ⌈(N×M − B) / (B/2)⌉ minutes after the first
// use), their ratio, 429s the server sent (the emulator's journal; the children's own count too), runs that did not
// complete, runs accepted twice, and reads of usage-limits.
//
//   node bench/processes.mjs                       the section (as `npm run bench processes` does)
//   node bench/processes.mjs 3x15@30 [--scale 1] [--v2] [--mode batch|singles|singles-own] [--concurrency 5]
//                                                  one configuration: N x M @ burst
//   SIM_URL=… SIM_KEY=… SIM_WORKFLOW=<id> node bench/processes.mjs --real 3x10   against a real Sim (its own limits)
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@sim-integrations/emulator';
import { SimClient, createUndiciTransport, nodeSleep } from '@sim-integrations/core/node';
import { scaledClock } from './scaled-clock.mjs';

const SELF = fileURLToPath(import.meta.url);
const MINUTE = 60_000;
/** ×5: a refill minute in 12 s. At ×20 the magnified latencies (and 24 processes on 2 cores) made far more 429s than the real clock did. */
const SCALE = Number(process.env.BENCH_PROCESSES_SCALE || 5);
/** The emulator takes an execute's token, and counts a read, this long after it arrives (as a real Sim does: packages/emulator/recordings/sim-server-facts.md §rate-limit-lag). */
const RATE_LIMIT_LAG_MS = 200;
/** Real ms between spawning the children and the common start instant (they load the core meanwhile). */
const SPAWN_LEAD_MS = 2_500;

// ---- child ----------------------------------------------------------------------------------------

async function childMain() {
  const { SIM_URL: baseUrl, SIM_KEY: apiKey, WORKFLOW: workflowId } = process.env;
  const proc = Number(process.env.PROC);
  const runs = Number(process.env.RUNS);
  const concurrency = Number(process.env.CONCURRENCY);
  const scale = Number(process.env.SCALE);
  const clock =
    scale === 1 ? { now: Date.now, sleep: nodeSleep } : scaledClock({ origin: Number(process.env.ORIGIN), scale });
  const seen = { executes: 0, rateLimited: 0, otherRefusals: 0, reads: 0 };
  const inner = createUndiciTransport();
  const transport = async (req) => {
    const res = await inner(req);
    if (process.env.BENCH_PROCESSES_TRACE && res.status === 429)
      console.error(
        `${clock.now() % 1e6} ${process.pid} HTTP 429 ${req.method} ${new URL(req.url).pathname} ${typeof res.body === 'string' ? res.body.slice(0, 200) : ''}`,
      );
    if (req.method === 'POST' && /\/execute$|\/runs$/.test(new URL(req.url).pathname)) {
      seen.executes++;
      if (res.status === 429) seen.rateLimited++;
      else if (res.status >= 400) seen.otherRefusals++;
    }
    if (/usage-limits$/.test(new URL(req.url).pathname)) {
      seen.reads++;
      if (process.env.BENCH_PROCESSES_TRACE && typeof res.body === 'string') {
        const sync = JSON.parse(res.body).rateLimit?.sync;
        console.error(
          `${clock.now() % 1e6} ${process.pid} usage-limits remaining ${sync?.remaining} resetAt ${sync?.resetAt}`,
        );
      }
    } else if (process.env.BENCH_PROCESSES_TRACE && res.status < 400)
      console.error(`${clock.now() % 1e6} ${process.pid} ${res.status} ${req.method}`);
    return res;
  };
  const mode = process.env.MODE;
  // one clock function for the process: its clients share one rate gate (a client on its own clock paces alone)
  const client = (own = false) =>
    new SimClient({
      apiKey,
      baseUrl,
      transport,
      sleep: clock.sleep,
      now: own ? () => clock.now() : clock.now,
      randomUUID,
    });
  const startAt = Number(process.env.START_AT);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, (startAt - clock.now()) / scale)));
  const requests = Array.from({ length: runs }, (_, row) => ({
    workflowId,
    input: { name: `p${proc}`, count: row },
    mode: 'sync',
  }));
  let out;
  if (mode === 'batch') out = await client().runMany(requests, { concurrency });
  else {
    // as an n8n worker runs one-item executions: each run a fresh client (`concurrency` at once), sharing the
    // process's gate ('singles') or each with its own, as if every run were its own process ('singles-own')
    out = new Array(runs);
    let next = 0;
    const worker = async () => {
      while (next < runs) {
        const i = next++;
        try {
          out[i] = {
            ok: true,
            result: await client(mode === 'singles-own').runWorkflowSync(workflowId, { input: requests[i].input }),
          };
        } catch (error) {
          out[i] = { ok: false, error };
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const endedAt = clock.now();
  const failures = out.filter((e) => !(e.ok && e.result.status === 'completed'));
  console.log(
    JSON.stringify({
      proc,
      startAt,
      endedAt,
      completed: runs - failures.length,
      failed: failures.length,
      firstFailure: failures[0] ? (failures[0].ok ? failures[0].result.status : failures[0].error.message) : undefined,
      ...seen,
    }),
  );
}

// ---- parent ---------------------------------------------------------------------------------------

function child(env) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SELF, '--child'],
      { env: { ...process.env, ...env }, timeout: 30 * MINUTE, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`bench child ${env.PROC} failed: ${err.message}\n${stderr}`));
        if (process.env.BENCH_PROCESSES_TRACE) process.stderr.write(stderr);
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop()));
        } catch {
          reject(new Error(`bench child ${env.PROC} printed no result: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/**
 * The earliest the last of `total` runs can start, in ms after the start instant: now if the bucket holds them, else
 * at the refill that brings the last token (the first refill `firstRefillMs` after the start, then one a minute).
 */
export function boundMs({ total, remaining, rpm, firstRefillMs }) {
  if (total <= remaining) return 0;
  const refills = Math.ceil((total - remaining) / rpm);
  return firstRefillMs + (refills - 1) * MINUTE;
}

/**
 * N children × M runs on one key; the server is an emulator started here (`burst`, profile) or a given real one.
 * Returns the measurement in server time.
 */
export async function measure({
  processes,
  runs,
  burst,
  concurrency = 5,
  scale = SCALE,
  v2 = false,
  mode = 'batch',
  real,
}) {
  const origin = Date.now();
  const clock = scale === 1 ? { now: Date.now } : scaledClock({ origin, scale });
  let emulator;
  let server;
  if (real) server = real;
  else {
    emulator = await startEmulator({
      port: 0,
      logCount: 0,
      ...(v2 ? { v2: true } : {}),
      rateLimits: { execute: burst },
      rateLimitLagMs: RATE_LIMIT_LAG_MS,
      ...(scale === 1 ? {} : { clock }),
    });
    server = { url: emulator.url, apiKey: emulator.seed.apiKey, workflowId: emulator.seed.workflows.echo };
  }
  try {
    // the bucket as the server reports it just before the start (a fresh emulator: full, first refill a minute after first use)
    const reader = new SimClient({
      apiKey: server.apiKey,
      baseUrl: server.url,
      transport: createUndiciTransport(),
      sleep: nodeSleep,
      randomUUID,
    });
    const readAt = clock.now();
    const before = (await reader.getUsageLimits()).rateLimit.sync;
    const startAt = clock.now() + SPAWN_LEAD_MS * scale;
    // A real bucket idle for 2 minutes has expired (Sim's Redis key EXPIREs): it reads full, its resetAt is the read + 1
    // minute, and its minute starts at its next execute, after the start: its first refill is a minute after the start
    // or later. Otherwise the refill it names.
    const fresh = before.remaining >= before.maxBurst && Date.parse(before.resetAt) - readAt >= MINUTE - 1_000;
    const firstRefillMs = emulator || fresh ? MINUTE : Date.parse(before.resetAt) - startAt;
    const total = processes * runs;
    const bound = boundMs({ total, remaining: before.remaining, rpm: before.requestsPerMinute, firstRefillMs });
    const from = emulator?.journal().length ?? 0;
    const results = await Promise.all(
      Array.from({ length: processes }, (_, proc) =>
        child({
          SIM_URL: server.url,
          SIM_KEY: server.apiKey,
          WORKFLOW: server.workflowId,
          PROC: String(proc),
          RUNS: String(runs),
          CONCURRENCY: String(concurrency),
          SCALE: String(scale),
          ORIGIN: String(origin),
          START_AT: String(startAt),
          MODE: mode,
        }),
      ),
    );
    const wall = Math.max(...results.map((r) => r.endedAt)) - startAt;
    const sum = (k) => results.reduce((s, r) => s + r[k], 0);
    let journal;
    if (emulator) {
      const executes = emulator
        .journal()
        .slice(from)
        .filter((e) => e.method === 'POST' && /\/execute$|\/runs$/.test(e.path));
      const accepted = executes.filter((e) => e.status < 400).map((e) => JSON.parse(e.body));
      const rows = accepted.map((b) => JSON.stringify(b.input ?? b));
      const rejected = executes.filter((e) => e.status === 429);
      if (process.env.BENCH_PROCESSES_TRACE) {
        for (const e of emulator.journal().slice(from))
          console.error(`${((e.at - startAt) / 1000).toFixed(2)} ${e.method} ${e.path.split('/').pop()} ${e.status}`);
      }
      journal = {
        rateLimited: rejected.length,
        duplicates: rows.length - new Set(rows).size,
        accepted: accepted.length,
        // when the 429s came, in s of server time after the start (which refill they belong to)
        rejectedAt: rejected.map((e) => Math.round((e.at - startAt) / 100) / 10),
      };
    }
    return {
      processes,
      runs,
      burst: before.maxBurst,
      rpm: before.requestsPerMinute,
      remainingAtStart: before.remaining,
      concurrency,
      scale,
      v2,
      mode,
      wall,
      bound,
      ratio: bound ? wall / bound : undefined,
      rateLimited: journal?.rateLimited ?? sum('rateLimited'),
      rateLimitedSeenByClients: sum('rateLimited'),
      duplicates: journal?.duplicates,
      completed: sum('completed'),
      failed: sum('failed'),
      reads: sum('reads'),
      firstFailure: results.find((r) => r.firstFailure)?.firstFailure,
      rejectedAt: journal?.rejectedAt,
    };
  } finally {
    await emulator?.close();
  }
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const MODES = {
  batch: 'one `runMany` per process',
  singles: 'a fresh client per run, one gate per process',
  'singles-own': 'a fresh client per run, each its own gate',
};
function describe(r) {
  return (
    `${r.processes} × ${r.runs} (${r.mode}) on burst ${r.burst} (${r.rpm}/min)${r.v2 ? ' v2' : ''}${r.scale === 1 ? ' real clock' : ` ×${r.scale}`}: ` +
    `${s(r.wall)} vs bound ${s(r.bound)}${r.ratio ? ` = ${r.ratio.toFixed(3)}×` : ''}, 429s ${r.rateLimited}, ` +
    `completed ${r.completed}/${r.processes * r.runs}${r.duplicates ? `, DUPLICATES ${r.duplicates}` : ''}, usage-limits reads ${r.reads}` +
    `${r.firstFailure ? `, first failure: ${r.firstFailure}` : ''}${r.rejectedAt?.length ? ` (429s at ${r.rejectedAt.join(', ')} s)` : ''}`
  );
}

/**
 * The issue's case (3 × 15 on burst 30) on v1, v2 and the real clock; more processes than the initial share assumes
 * (8, 16, 24); the e2e's tiny bucket; and n8n's one-item executions (a fresh client per run) with one gate per process
 * against one gate per client, side by side.
 */
export const CONFIGS = [
  { processes: 3, runs: 15, burst: 30 },
  { processes: 3, runs: 15, burst: 30, v2: true },
  { processes: 3, runs: 15, burst: 30, scale: 1 },
  { processes: 5, runs: 20, burst: 20 },
  { processes: 8, runs: 10, burst: 30 },
  { processes: 16, runs: 5, burst: 30 },
  { processes: 24, runs: 5, burst: 30 },
  { processes: 2, runs: 3, burst: 4, concurrency: 3 },
  { processes: 2, runs: 30, burst: 10, mode: 'singles' },
  { processes: 2, runs: 30, burst: 10, mode: 'singles-own' },
];

export async function run({ log = console.log } = {}) {
  const rows = [];
  for (const config of CONFIGS) {
    const r = await measure(config);
    log(describe(r));
    rows.push(r);
  }
  const md = [];
  md.push(
    "N separate Node processes on ONE key, each running M sync runs of the emulator's echo workflow, 5 at a time (3 in the tiny-bucket row): through one `runMany` (batch), or as n8n runs one-item executions, a fresh client per run (singles: the clients of a process share its rate gate; singles, own gate: each client paces alone, as every client did before the gate was shared per process). The emulator keeps Sim's bucket (burst B, B/2 added at once every whole minute since the first use; v1 unless marked v2), and like a real Sim takes an execute's token, and counts a read, " +
      RATE_LIMIT_LAG_MS +
      " ms after it arrives (`rateLimitLagMs`), so a count never shows the last launches. No process knows what the others spend: each paces from the server's count (usage-limits).",
  );
  md.push(
    `Time: scaled ×${SCALE} (a refill minute in ${60 / SCALE} s of real time; the emulator and the children read one scaled clock, bench/scaled-clock.mjs), one row on the real clock. Wall: from the common start instant to the last run's end, in server time. Bound: the refill at which the last run can start, ⌈(N×M − B) / (B/2)⌉ minutes after the first use. 429s: the emulator's journal. Failed: runs that ended in an error (a single run gives up after 3 refused attempts).`,
    '',
  );
  md.push(
    '| processes × runs | how | bucket | time | wall | bound | wall / bound | 429s | completed | runs accepted twice | usage-limits reads |',
  );
  md.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    md.push(
      `| ${r.processes} × ${r.runs}${r.v2 ? ' (v2)' : ''} | ${MODES[r.mode]} | burst ${r.burst}, ${r.rpm}/min | ${r.scale === 1 ? 'real' : `×${r.scale}`} | ${s(r.wall)} | ${s(r.bound)} | **${r.ratio.toFixed(3)}×** | ${r.rateLimited} | ${r.completed}/${r.processes * r.runs} | ${r.duplicates} | ${r.reads} |`,
    );
  }
  return md.join('\n');
}

function parseConfig(text) {
  const m = /^(\d+)x(\d+)(?:@(\d+))?$/.exec(text ?? '');
  if (!m) throw new Error(`expected NxM[@burst], got ${JSON.stringify(text)}`);
  return { processes: Number(m[1]), runs: Number(m[2]), burst: m[3] ? Number(m[3]) : undefined };
}

if (process.argv[2] === '--child') await childMain();
else if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const scale = flag('--scale');
  const realConfig = flag('--real');
  const v2 = args.includes('--v2') ? (args.splice(args.indexOf('--v2'), 1), true) : false;
  const mode = flag('--mode') ?? 'batch';
  const concurrency = flag('--concurrency');
  if (realConfig) {
    const { SIM_URL: url, SIM_KEY: apiKey, SIM_WORKFLOW: workflowId } = process.env;
    if (!url || !apiKey || !workflowId) throw new Error('--real needs SIM_URL, SIM_KEY and SIM_WORKFLOW');
    const r = await measure({
      ...parseConfig(realConfig),
      scale: 1,
      mode,
      ...(concurrency ? { concurrency: Number(concurrency) } : {}),
      real: { url, apiKey, workflowId },
    });
    console.log(describe(r));
    console.log(JSON.stringify(r));
  } else if (args[0]) {
    const r = await measure({
      ...parseConfig(args[0]),
      v2,
      mode,
      ...(concurrency ? { concurrency: Number(concurrency) } : {}),
      ...(scale ? { scale: Number(scale) } : {}),
    });
    console.log(describe(r));
  } else console.log(await run());
}
