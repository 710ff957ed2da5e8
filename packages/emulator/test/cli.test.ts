/** The `sim-emulator` CLI (runs the built dist: `npm run build` first; turbo does it before tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '../src/index.js';

const BIN = fileURLToPath(new URL('../bin/sim-emulator.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(args: string[]): { child: ChildProcess; firstLine: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no output from the CLI: ${out}`)), 10000);
    const check = (): void => {
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(out.split('\n')[0] ?? '');
    });
  });
  return { child, firstLine, output: () => out };
}

describe('sim-emulator CLI', () => {
  it('is built', () => {
    expect(existsSync(DIST), 'run `npm run build -w @sim-integrations/emulator` first').toBe(true);
  });

  it('--port 0 --profile 2026-03 prints its URL first, serves, and stops on SIGTERM', async () => {
    const { child, firstLine, output } = start(['--port', '0', '--profile', '2026-03', '--job-duration-ms', '10']);
    const line = await firstLine;
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    expect(line).toMatch(/^Sim emulator listening on http:\/\/127\.0\.0\.1:\d+/);
    const info = (await (await fetch(`${url}/__emulator`)).json()) as { profile: string };
    expect(info.profile).toBe('2026-03');
    const r = await fetch(`${url}/api/workflows/${SEED.workflows.echo}/execute`, {
      method: 'POST',
      headers: { 'x-api-key': SEED.apiKey, 'x-execution-mode': 'async', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await r.json()) as { jobId: string }).jobId).toMatch(/^run_[0-9a-f]{20}$/);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output()).not.toContain(SEED.apiKey);
  });

  it('stops on SIGINT too', async () => {
    const { child, firstLine } = start(['--port=0']);
    expect(await firstLine).toMatch(/profile current/);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('rejects an unknown profile or option with exit code 2 and the usage', async () => {
    for (const args of [['--profile', '2025-01'], ['--bogus']]) {
      const { child, output } = start(args);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(output()).toMatch(/Usage: sim-emulator/);
    }
  });
});
