// End-to-end: README's first quick-start command (`npm run demo`) builds the packages and exercises every one
// against the emulator. Here it runs as a child process, as a person runs it on a machine where turbo has never run
// (a fresh home folder), and must build quietly (no telemetry or npm notices), finish cleanly, show each
// integration's result, a paused run being resumed and a batch of runs at once, and never print the API key.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED } from '@sim-integrations/emulator';

const root = fileURLToPath(new URL('../..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'sim-demo-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function runDemo(): Promise<{ code: number | null; out: string }> {
  // A fresh home (turbo keeps whether it has shown its telemetry notice there), but the same cache of n8n installs
  // and Node binaries: the demo's n8n section runs inside a real n8n when one is installed.
  const cache = process.env.SIM_INTEGRATIONS_CACHE || join(homedir(), '.cache', 'sim-integrations');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    SIM_INTEGRATIONS_CACHE: cache,
    FORCE_COLOR: '0',
  };
  delete env.TURBO_TELEMETRY_DISABLED;
  delete env.DO_NOT_TRACK;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'demo'], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm run demo', () => {
  it('builds quietly, runs every section against the emulator, exits 0 and never prints the key', async () => {
    const { code, out } = await runDemo();
    expect(out, out).toContain('Demo finished: every section ran against the emulator.');
    expect(code, out).toBe(0);
    // the build: one line, no telemetry notice (turbo's, on its first run in a home), no npm notices
    expect(out).toMatch(/^Building the packages \(turbo run build\)… done in [\d.]+ s$/m);
    expect(out).not.toMatch(/telemetry/i);
    expect(out).not.toMatch(/^npm (notice|warn)/m);
    for (const section of ['Core client', 'GitHub Action', 'n8n node', 'Zapier app'])
      expect(out).toContain(`=== ${section}`);
    // a run that pauses for a person, is listed as waiting, then resumed with the answer and watched to its end
    expect(out).toContain(
      `• async ${SEED.workflows.hitl}: paused at ${SEED.workflows.hitl}-human (human), waiting for a person`,
    );
    const resumed = /resumeRun\((\S+), \{ approved: true \}\): completed → (.*)$/m.exec(out);
    expect(resumed?.[2], out).toContain('"submission":{"approved":true');
    expect(out).toContain(`listPausedRuns(${SEED.workflows.hitl}): 1 run(s) waiting, ${resumed?.[1]}`);
    // a batch at once: one entry per request in input order, the failing and the unknown workflow beside the others
    expect(out).toMatch(/• runMany: 8 runs, 4 at a time, in [\d.]+ s/);
    for (const [i, name] of ['Ada', 'Grace', 'Linus', 'Barbara', 'Ken', 'Margaret'].entries()) {
      expect(out).toContain(
        `[${i}] ${SEED.workflows.echo} {"name":"${name}","count":${i + 1}} → completed {"name":"${name}","count":${i + 1},"doubled":${2 * (i + 1)}}`,
      );
    }
    expect(out).toContain(`[6] ${SEED.workflows.fail} {"name":"Eve"} → failed: `);
    expect(out).toContain('[7] wf-does-not-exist {} → error SimNotFoundError: ');
    expect(out).not.toContain(SEED.apiKey);
    expect(out).not.toContain(SEED.enterpriseApiKey);
  }, 300_000);
});
