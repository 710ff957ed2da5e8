// End-to-end: README's first quick-start command (`npm run demo`) exercises every package against the
// emulator. Here the demo script runs as a child process (the build is done by turbo before tests) and must
// finish cleanly, show each integration's result, and never print the API key it used.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED } from '@sim-integrations/emulator';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runDemo(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/demo/index.mjs'], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
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
  it('runs every section against the emulator, exits 0 and never prints the key', async () => {
    const { code, out } = await runDemo();
    expect(out, out).toContain('Demo finished: every section ran against the emulator.');
    expect(code, out).toBe(0);
    for (const section of ['Core client', 'GitHub Action', 'n8n node', 'Zapier app']) expect(out).toContain(`=== ${section}`);
    expect(out).not.toContain(SEED.apiKey);
    expect(out).not.toContain(SEED.enterpriseApiKey);
  }, 300_000);
});
