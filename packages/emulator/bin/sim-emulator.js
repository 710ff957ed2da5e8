#!/usr/bin/env node
// sim-emulator: starts the local Sim API emulator and prints its URL on the first stdout line.
import { startEmulator, PROFILE_NAMES } from '../dist/index.js';

const USAGE = `Usage: sim-emulator [options]
  --port <n>               port to listen on (0 = random, default 0)
  --host <host>            interface to bind (default 127.0.0.1)
  --profile <name>         ${PROFILE_NAMES.join(' | ')} (default current)
  --public-base-url <url>  base of statusUrl in async receipts (default: the emulator's own URL)
  --job-duration-ms <n>    how long async jobs stay processing (default 250)
  --job-queued-ms <n>      how long async jobs read queued first (default 0)
  --slow-workflow-ms <n>   default delay of wf-slow (default 25000)
  --log-count <n>          seeded log entries (default 300)
  --sync-timeout-ms <n>    sync runs longer than this answer 408 (default: no limit)
  --sync-record-lag-ms <n> a sync run's execution resource reads running this long after the answer (default 400; 0 = off)
  --rate-limit-lag-ms <n>  an execute takes its token from the bucket this long after it arrives (default 0; real: 100–300)
  --rate-limit-execute <n> sync bucket burst: v1 executes, v2 sync and stream (default unlimited)
  --rate-limit-async <n>   async bucket burst: v2 async executes (default unlimited)
  --rate-limit-api <n>     /api/v1 bucket burst (default unlimited)
  --no-redis               answer cancels like a server without Redis
  --bun-headers            capitalised header names and application/json;charset=utf-8
  --v2                     serve the v2 API (/api/v2/...); without it every /api/v2 path answers 404
  --help                   show this help`;

function fail(message) {
  process.stderr.write(`sim-emulator: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = {};
const rateLimits = {};
const num = (name, v) => {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < 0)
    fail(`${name} needs a number >= 0 (got ${v === undefined ? 'nothing' : JSON.stringify(v)})`);
  return n;
};
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  const value = () => (inline !== undefined ? inline : args[++i]);
  switch (flag) {
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
      break;
    case '--port':
      opts.port = num(flag, value());
      break;
    case '--host':
      opts.host = value();
      break;
    case '--profile': {
      const p = value();
      if (!PROFILE_NAMES.includes(p))
        fail(`unknown profile ${JSON.stringify(p)}; use one of ${PROFILE_NAMES.join(', ')}`);
      opts.profile = p;
      break;
    }
    case '--public-base-url':
      opts.publicBaseUrl = value();
      break;
    case '--job-duration-ms':
      opts.jobDurationMs = num(flag, value());
      break;
    case '--job-queued-ms':
      opts.jobQueuedMs = num(flag, value());
      break;
    case '--slow-workflow-ms':
      opts.slowWorkflowMs = num(flag, value());
      break;
    case '--log-count':
      opts.logCount = num(flag, value());
      break;
    case '--sync-timeout-ms':
      opts.syncTimeoutMs = num(flag, value());
      break;
    case '--sync-record-lag-ms':
      opts.syncRecordLagMs = num(flag, value());
      break;
    case '--rate-limit-lag-ms':
      opts.rateLimitLagMs = num(flag, value());
      break;
    case '--rate-limit-execute':
      rateLimits.execute = num(flag, value());
      break;
    case '--rate-limit-async':
      rateLimits.async = num(flag, value());
      break;
    case '--rate-limit-api':
      rateLimits.api = num(flag, value());
      break;
    case '--no-redis':
      opts.redis = false;
      break;
    case '--bun-headers':
      opts.bunHeaders = true;
      break;
    case '--v2':
      opts.v2 = true;
      break;
    default:
      fail(`unknown option ${JSON.stringify(a)}`);
  }
}
if (Object.keys(rateLimits).length > 0) opts.rateLimits = rateLimits;

// signal handlers first, so that a signal sent right after the URL line is printed still stops cleanly
let emulator;
let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  if (emulator) await emulator.close();
  process.stderr.write(`sim-emulator: stopped (${signal})\n`);
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  emulator = await startEmulator(opts);
} catch (err) {
  process.stderr.write(`sim-emulator: could not start: ${err.message}\n`);
  process.exit(1);
}
if (stopping) {
  await emulator.close();
} else {
  process.stdout.write(`Sim emulator listening on ${emulator.url} (profile ${emulator.profile})\n`);
  process.stdout.write(
    `Seed: workspace ${emulator.seed.workspaceId}, API key in SEED.apiKey (see the README); control: ${emulator.url}/__emulator/journal\n`,
  );
}
