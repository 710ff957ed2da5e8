#!/usr/bin/env node
// `npm run demo`: starts the local Sim emulator and walks through each integration against it.
// Each section lives in its own file (core, github-action, n8n, zapier) and exports
// `run({ url, emulator, seed, log })`; a section that throws fails the demo with a clear message.
import { startEmulator } from '@sim-integrations/emulator';

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
