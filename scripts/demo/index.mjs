#!/usr/bin/env node
// `npm run demo`: builds the packages (with `--build`), starts the local Sim emulator and walks through each
// integration against it. Each section lives in its own file (core, github-action, n8n, zapier) and exports
// `run({ url, emulator, seed, log })`; a section that throws fails the demo with a clear message.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

if (process.argv.includes('--build')) await build();
const { startEmulator } = await import('@sim-integrations/emulator');

/**
 * `turbo run build`, printing one line unless it fails (then its whole output). Turbo's anonymous telemetry is
 * off for this run (TURBO_TELEMETRY_DISABLED), so a first run on a machine prints no telemetry notice either.
 */
async function build() {
  const turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
  const started = Date.now();
  process.stdout.write('Building the packages (turbo run build)… ');
  const child = spawn(process.execPath, [turbo, 'run', 'build', '--output-logs=errors-only', '--no-update-notifier'], {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) {
    console.log('failed:\n');
    console.log(out.trimEnd());
    process.exit(code ?? 1);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const sections = [
  ['Core client', './core.mjs'],
  ['GitHub Action', './github-action.mjs'],
  ['n8n node', './n8n.mjs'],
  ['Zapier app', './zapier.mjs'],
];

const emulator = await startEmulator({ port: 0, profile: process.env.SIM_EMULATOR_PROFILE || 'current' });
console.log(`Sim emulator (${emulator.profile} profile) listening on ${emulator.url}\n`);
let failed = false;
try {
  for (const [title, file] of sections) {
    console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 60 - title.length))}`);
    const mod = await import(file);
    try {
      await mod.run({ url: emulator.url, emulator, seed: emulator.seed, log: (...a) => console.log(...a) });
    } catch (err) {
      failed = true;
      console.error(`✗ ${title} demo failed: ${err?.message ?? err}`);
    }
  }
} finally {
  await emulator.close();
}
console.log(failed ? '\nDemo finished with failures.' : '\nDemo finished: every section ran against the emulator.');
process.exitCode = failed ? 1 : 0;
