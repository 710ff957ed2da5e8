#!/usr/bin/env node
// Runs the live conformance suite (`npm run test:live`) against a freshly started emulator, with the same
// environment a real Sim gets (SIM_BASE_URL, SIM_API_KEY, SIM_LIVE_*_WORKFLOW_ID, SIM_WORKSPACE_ID), so the suite
// cannot rot. Used by .ci/run. Needs the packages built (`npm run build`).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SEED } from '@sim-integrations/emulator';

const emulator = spawn(
  process.execPath,
  ['packages/emulator/bin/sim-emulator.js', '--port', '0', '--job-duration-ms', '300'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve, reject) => {
  emulator.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before printing its URL`)));
  createInterface({ input: emulator.stdout }).once('line', (line) =>
    resolve(/https?:\/\/\S+/.exec(line)?.[0] ?? line.trim()),
  );
});
emulator.stdout.resume();

const env = {
  ...process.env,
  SIM_BASE_URL: url,
  SIM_API_KEY: SEED.apiKey,
  SIM_LIVE_ECHO_WORKFLOW_ID: SEED.workflows.echo,
  SIM_LIVE_FAIL_WORKFLOW_ID: SEED.workflows.fail,
  SIM_LIVE_SLOW_WORKFLOW_ID: SEED.workflows.slow,
  SIM_WORKSPACE_ID: SEED.workspaceId,
};
console.log(`live suite against the emulator at ${url}`);
const suite = spawn('npm', ['run', 'test:live'], { env, stdio: 'inherit' });
const code = await new Promise((resolve) => suite.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
emulator.kill('SIGTERM');
process.exit(code);
